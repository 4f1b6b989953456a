/**
 * Opens an existing core data folder in a fresh process, runs a few
 * searches and prints the process RSS in MB: what the app costs when it
 * starts on a large index, without the leftovers of having built it.
 * Usage: node --import tsx bench/lib/rss-probe.ts <dataDir>
 */
import { createCore } from '../../main/core';
import { silentLogger } from '../../main/log';
import { rssMb } from '../report';
import { PROBE_QUERIES } from './corpora';

const dataDir = process.argv[2];
if (dataDir) {
  const core = createCore({ dataDir, env: {}, logger: silentLogger });
  for (const query of PROBE_QUERIES) await core.search({ query, limit: 10 });
  process.stdout.write(`${rssMb()}\n`);
  core.close();
}
