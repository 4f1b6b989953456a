import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import type { Chunk } from './chunk-row';
import { openDatabase } from '../db/open';
import { readVarint, storedRowCount, writeVarint } from './fts-totals';
import { IndexStore } from './index-store';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('SQLite varints', () => {
  it('read back what they wrote, in the shortest form', () => {
    for (const value of [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 21, 2 ** 35 + 7, 2 ** 50 + 3]) {
      const bytes: number[] = [];
      writeVarint(value, bytes);
      expect(readVarint(Uint8Array.from(bytes), 0)).toEqual([value, bytes.length]);
    }
    const bytes: number[] = [];
    writeVarint(300, bytes);
    expect(bytes).toEqual([0x82, 0x2c]);
  });
});

describe("FTS5's totals after deleted rows", () => {
  const record = (folderId: number, name: string) => ({ folderId, path: join(dir.path, name), title: name, kind: 'md' as const, size: 1, mtimeMs: 1, sha256: '', status: 'indexed' as const });
  const chunks = (...texts: string[]): Chunk[] => texts.map((text, i) => ({ heading: `Abschnitt ${i + 1}`, text, role: 'body' }));
  const open = (name: string) => {
    const db = openDatabase(join(dir.path, name));
    const store = new IndexStore(db);
    return { db, store, folderId: store.addFolder(dir.path) };
  };
  const storedRows = (db: ReturnType<typeof openDatabase>) => storedRowCount(db, 'chunks_fts');
  const scores = (db: ReturnType<typeof openDatabase>) =>
    (db.prepare('SELECT bm25(chunks_fts) AS s FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY s').all('"hundesteu" OR "satzung"') as { s: number }[]).map((r) => r.s.toFixed(9));

  /** Two documents written, the first replaced by a new version, the second removed: what is left is the new version alone. */
  const replaceAndRemove = (store: IndexStore, folderId: number) => {
    store.replaceDocument(record(folderId, 'a.md'), chunks('Die Hundesteuer ist jährlich fällig.', 'Die Satzung gilt ab Januar.'));
    const b = store.replaceDocument(record(folderId, 'b.md'), chunks('Die Satzung über die Hundesteuer und die Gebühren der Gemeinde.', 'Mehr steht hier nicht.', 'Auch hier nicht.'));
    store.replaceDocument(record(folderId, 'a.md'), chunks('Die Hundesteuer ist jährlich im Januar fällig.', 'Die neue Satzung gilt.'));
    store.deleteDocument(b);
  };

  it('are put right: the same bm25 scores as an index that only ever held what is left', () => {
    const drifted = open('drifted.db');
    replaceAndRemove(drifted.store, drifted.folderId);
    const fresh = open('fresh.db');
    fresh.store.replaceDocument(record(fresh.folderId, 'a.md'), chunks('Die Hundesteuer ist jährlich im Januar fällig.', 'Die neue Satzung gilt.'));
    // What FTS5 leaves behind: the five deleted rows still count.
    expect(storedRows(drifted.db)).toBe(7);
    expect(scores(drifted.db)).not.toEqual(scores(fresh.db));
    expect(drifted.store.repairTotals()).toBe(true);
    expect(storedRows(drifted.db)).toBe(2);
    expect(scores(drifted.db)).toEqual(scores(fresh.db));
    // Nothing deleted since: nothing to do.
    expect(drifted.store.repairTotals()).toBe(false);
    drifted.db.close();
    fresh.db.close();
  });

  it('wait until the rows deleted since are 1 % of the index', () => {
    const { db, store, folderId } = open('large.db');
    store.replaceDocument(record(folderId, 'gross.md'), chunks(...Array.from({ length: 150 }, (_, i) => `Abschnitt ${i} über die Hundesteuer.`)));
    store.replaceDocument(record(folderId, 'klein.md'), chunks('Die Satzung gilt.'));
    store.replaceDocument(record(folderId, 'klein.md'), chunks('Die neue Satzung gilt.'));
    // One row of 151 deleted: below 1 %, left for later.
    expect(store.repairTotals()).toBe(false);
    expect(storedRows(db)).toBe(152);
    store.replaceDocument(record(folderId, 'klein.md'), chunks('Die neueste Satzung gilt.'));
    expect(store.repairTotals()).toBe(true);
    expect(storedRows(db)).toBe(151);
    db.close();
  });


  it('are put right when an index that drifted is opened', () => {
    const first = open('index.db');
    replaceAndRemove(first.store, first.folderId);
    first.db.close();
    const db = openDatabase(join(dir.path, 'index.db'));
    new IndexStore(db);
    expect(storedRows(db)).toBe(2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
