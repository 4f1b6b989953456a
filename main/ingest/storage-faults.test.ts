/**
 * An indexing job on a full disk: SQLite's page limit stands in for the
 * disk (the same SQLITE_FULL as a full volume, without mounting one).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeGeneratedCorpus } from '../../e2e/fixtures/generated-corpus';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { openDatabase } from '../db/open';
import { silentLogger } from '../log';
import { IndexStore } from '../index/index-store';
import { Indexer } from './indexer';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('an indexing job when the disk is full', () => {
  it('ends with a German message, and no good document is replaced by an error entry', async () => {
    const corpus = join(dir.path, 'satzungen');
    const paths = writeGeneratedCorpus(corpus, 30);
    const db = openDatabase(join(dir.path, 'index.db'));
    try {
      const store = new IndexStore(db);
      const folder = { id: store.addFolder(corpus), path: corpus };
      const indexer = new Indexer({ store, log: silentLogger, emit: () => {}, policy: { hold: { chars: 0, ms: 0 } } });
      expect((await indexer.start({ folders: [folder] }).done).phase).toBe('done');
      const before = store.documentsOfFolder(folder.id).map((d) => [d.path, d.status, d.chunks]);

      // Every file changes; the database may not grow by a single page more.
      for (const path of paths) appendFileSync(path, '\n## § 99 Nachtrag\n\nDie Abwassergebührensatzung gilt ab dem ersten Januar.\n');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
      const job = await indexer.start({ folders: [folder] }).done;
      expect(job.phase).toBe('failed');
      expect(job.message).toMatch(/kein Platz mehr/);
      expect(store.documentsOfFolder(folder.id).map((d) => [d.path, d.status, d.chunks])).toEqual(before);
    } finally {
      db.close();
    }
  });
});
