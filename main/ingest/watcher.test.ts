import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import type { IndexProgress } from '../contract';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';

let dir: ReturnType<typeof tempDir>;
let core: Core;
let docs: string;

beforeEach(async () => {
  dir = tempDir();
  docs = join(dir.path, 'docs');
  mkdirSync(docs);
  writeFileSync(join(docs, 'alt.md'), '# Alt\n\nDer Vermerk über die Sperrzeit.\n');
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger, watch: true });
  await core.addFolder({ path: docs });
  await core.idle();
});
afterEach(() => {
  core.close();
  dir.remove();
});

/** The next indexing job that finishes. */
const nextJob = () =>
  new Promise<IndexProgress>((resolve) => {
    const off = core.on('indexProgress', (p) => {
      if (p.phase === 'done') {
        off();
        resolve(p);
      }
    });
  });

describe('folder watching (desktop app)', () => {
  it('indexes a new file and forgets a deleted one while the app runs', async () => {
    let job = nextJob();
    writeFileSync(join(docs, 'neu.md'), '# Neu\n\nDie Marktsatzung gilt ab Januar.\n');
    expect(await job).toMatchObject({ indexed: 1, unchanged: 1 });
    expect((await core.search({ query: 'Marktsatzung', limit: 5 })).hits).toHaveLength(1);

    job = nextJob();
    unlinkSync(join(docs, 'alt.md'));
    expect(await job).toMatchObject({ removed: 1 });
    expect((await core.search({ query: 'Sperrzeit', limit: 5 })).hits).toHaveLength(0);
  }, 20_000);
});
