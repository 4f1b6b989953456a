/**
 * Indexes the laws as the first job of a fresh process (the app just
 * started: nothing of the indexer compiled yet) and prints the timing as
 * one JSON line (CoreIndexing).
 * Usage: node --import tsx bench/lib/first-job.ts
 */
import { join } from 'node:path';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { createCore } from '../../main/core';
import { silentLogger } from '../../main/log';
import { indexWithCore, linkLaws, warmCache } from './corpora';

const dir = tempDir('stadtschreiber-first-job-');
try {
  const laws = linkLaws(join(dir.path, 'laws'));
  warmCache(laws.files);
  const core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger });
  const indexed = await indexWithCore(core, laws.folder);
  core.close();
  process.stdout.write(`${JSON.stringify(indexed)}\n`);
} finally {
  dir.remove();
}
