import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { openDatabase } from '../db/open';
import { analyzedWords, IndexStore } from '../index/index-store';
import type { Chunk } from '../index/chunk-row';
import { DocumentBatch } from './document-batch';

let dir: ReturnType<typeof tempDir>;
let db: ReturnType<typeof openDatabase>;
let store: IndexStore;
let folderId: number;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'index.db'));
  store = new IndexStore(db);
  folderId = store.addFolder(dir.path);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const record = (name: string) => ({ folderId, path: join(dir.path, name), title: name, kind: 'md' as const, size: 1, mtimeMs: 1, sha256: '', status: 'indexed' as const });
const chunks = (text: string): Chunk[] => [{ heading: 'Vermerk › Abschnitt', text, role: 'body' }];
const matches = (term: string) => (db.prepare('SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH ?').get(`"${term}"`) as { n: number }).n;
const stored = () => (db.prepare('SELECT path FROM documents ORDER BY path').all() as { path: string }[]).map((r) => r.path);

describe('writing several documents at once', () => {
  it('writes every document with its FTS rows in one go', async () => {
    const batch = new DocumentBatch(store);
    batch.add(store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')));
    batch.add(store.prepareDocument(record('b.md'), chunks('Der Bauantrag wird geprüft.')));
    const outcomes = await batch.flush();
    expect(outcomes.map((o) => o.outcome.kind)).toEqual(['indexed', 'indexed']);
    expect(stored()).toEqual([join(dir.path, 'a.md'), join(dir.path, 'b.md')]);
    expect(matches('hundesteu')).toBe(1);
    expect(matches('bauantrag')).toBe(1);
    expect(store.chunkTotal).toBe(2);
  });

  it('rolls back a document whose rows fail alone, gives it an error entry and takes its words out of the vocabulary', async () => {
    const batch = new DocumentBatch(store);
    batch.add(store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')));
    // A status the table's CHECK refuses: the document row fails inside its savepoint.
    batch.add(store.prepareDocument({ ...record('kaputt.md'), status: 'kaputt' as never }, chunks('Das Sondernutzungsentgelt entfällt.')));
    batch.add(store.prepareDocument(record('c.md'), chunks('Der Bauantrag wird geprüft.')));
    expect(store.vocabulary.freq('sondernutzungsentgelt')).toBe(1);
    const outcomes = await batch.flush();
    expect(outcomes.map((o) => o.outcome.kind)).toEqual(['indexed', 'failed', 'indexed']);
    expect(outcomes[1]!.outcome).toMatchObject({ reason: expect.stringMatching(/konnte nicht verarbeitet werden/) });
    expect(store.vocabulary.freq('sondernutzungsentgelt')).toBe(0);
    expect(store.vocabulary.freq('bauantrag')).toBe(1);
    expect(matches('sondernutzungsentgelt')).toBe(0);
    expect(matches('hundesteu')).toBe(1);
    expect(matches('bauantrag')).toBe(1);
    expect(store.chunkTotal).toBe(2);
    expect(store.documentByPath(join(dir.path, 'kaputt.md'))).toMatchObject({ status: 'error', chunks: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('writes each document on its own when the batch as a whole fails (the writer thread died)', async () => {
    const batch = new DocumentBatch(store);
    batch.add(store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')));
    batch.add(store.prepareDocument(record('b.md'), chunks('Der Bauantrag wird geprüft.')));
    const write = vi.spyOn(store, 'writeDocuments');
    write.mockImplementationOnce((list) => {
      for (const prepared of list) store.discardPrepared(prepared);
      throw new Error('writer thread exited with code 1');
    });
    expect((await batch.flush()).map((o) => o.outcome.kind)).toEqual(['indexed', 'indexed']);
    expect(write).toHaveBeenCalledTimes(3);
    expect(store.vocabulary.freq('hundesteuer')).toBe(1);
    expect(matches('hundesteu')).toBe(1);
    expect(matches('bauantrag')).toBe(1);
  });

  it('replaces a stored version and moves the vocabulary from its words to the new ones', async () => {
    store.replaceDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.'));
    const batch = new DocumentBatch(store);
    batch.add(store.prepareDocument(record('a.md'), chunks('Die Zweitwohnungsteuer ist jährlich fällig.')));
    expect((await batch.flush()).map((o) => o.outcome.kind)).toEqual(['indexed']);
    expect(store.vocabulary.freq('hundesteuer')).toBe(0);
    expect(store.vocabulary.freq('zweitwohnungsteuer')).toBe(1);
    expect(matches('hundesteu')).toBe(0);
    expect(matches('zweitwohnungsteu')).toBe(1);
    expect(store.chunkTotal).toBe(1);
  });

  it('refuses the same path twice in one transaction (its rows would be deleted before they exist), and writes them one by one', async () => {
    const first = store.prepareDocument(record('a.md'), chunks('Erste Fassung der Hundesteuer.'));
    expect(() => store.writeDocuments([first, store.prepareDocument(record('a.md'), chunks('Zweite Fassung'))])).toThrow(/twice/);
    expect(stored()).toEqual([]);
    expect(store.vocabulary.freq('hundesteuer')).toBe(0);
  });

  it('says when it is full, and forgets pending documents with their counts when the job dies', async () => {
    const batch = new DocumentBatch(store);
    expect(batch.full).toBe(false);
    batch.add(store.prepareDocument(record('a.md'), chunks('x'.repeat(1_000_000))));
    expect(batch.full).toBe(true);
    batch.add(store.prepareDocument(record('b.md'), chunks('Die Hundesteuer ist jährlich fällig.')));
    batch.discard();
    expect(store.vocabulary.freq('hundesteuer')).toBe(0);
    expect(await batch.flush()).toEqual([]);
    expect(stored()).toEqual([]);
  });
});

describe('refining documents written before the vocabulary knew their parts', () => {
  /** An early document with two compounds whose parts the index does not know yet, then documents that teach them. */
  const indexEarlyThenTeach = () => {
    const early = store.prepareDocument(record('early.md'), [
      { heading: 'Teil 1 › Abschnitt A', text: 'Die Hundesteuersatzung gilt.' },
      { heading: 'Teil 1 › Abschnitt B', text: 'Die Parkgebührenordnung gilt.' },
    ]);
    const [id] = store.writeDocuments([early]);
    store.replaceDocument(record('teach.md'), chunks('Hunde Hunde Steuer Steuer Satzung Satzung Park Park Gebühren Gebühren Ordnung Ordnung'));
    return { id: id as number, early };
  };
  const rowsMatching = (term: string) => (db.prepare('SELECT rowid AS id FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rowid').all(`"${term}"`) as { id: number }[]).map((r) => r.id);

  it.each([
    ['from the word lists kept since writing', true],
    ['from the chunks read back from the index', false],
  ])('gives each chunk the parts it now splits into, %s', (_how, keep) => {
    const { id, early } = indexEarlyThenTeach();
    const [hunde, park] = early.chunkIds!;
    const teach = store.documentByPath(join(dir.path, 'teach.md'))!;
    expect(rowsMatching('satzung')).not.toContain(hunde);
    const kept = new Map(keep ? [[id, analyzedWords(early)!]] : []);
    expect(store.reanalyze([id], kept)).toBe(2);
    const teachChunk = db.prepare('SELECT id FROM chunks WHERE document_id = ?').get(teach.id) as { id: number };
    expect(rowsMatching('satzung')).toEqual([hunde, teachChunk.id]);
    expect(rowsMatching('ordnung')).toEqual([park, teachChunk.id]);
    // The rows were replaced, not added: the whole compound still matches once.
    expect(rowsMatching(store.analyzer.termsOf('hundesteuersatzung')[0]!)).toEqual([hunde]);
  });
});


describe('holding the start of a job back', () => {
  const rowsMatching = (term: string) => (db.prepare('SELECT rowid AS id FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rowid').all(`"${term}"`) as { id: number }[]).map((r) => r.id);
  const teach = () => store.prepareDocument(record('teach.md'), chunks('Hunde Hunde Steuer Steuer Satzung Satzung Park Park Gebühren Gebühren Ordnung Ordnung'));

  it('writes nothing while it holds, then gives the early documents the parts they now split into and writes them once', async () => {
    const batch = new DocumentBatch(store, undefined, { hold: { chars: 10_000, ms: 60_000 } });
    batch.add(store.prepareDocument(record('early.md'), [{ heading: 'Teil 1 › Abschnitt A', text: 'Die Hundesteuersatzung gilt.' }]));
    batch.add(teach());
    expect(batch.full).toBe(false);
    expect(stored()).toEqual([]);
    const outcomes = await batch.flush();
    expect(outcomes.map((o) => o.outcome.kind)).toEqual(['indexed', 'indexed']);
    const [earlyChunk] = outcomes[0]!.prepared!.chunkIds!;
    const [teachChunk] = outcomes[1]!.prepared!.chunkIds!;
    expect(rowsMatching('satzung')).toEqual([earlyChunk, teachChunk]);
    expect(rowsMatching(store.analyzer.termsOf('hundesteuersatzung')[0]!)).toEqual([earlyChunk]);
    // Its terms are those of today's vocabulary, and it is stored so: the refining phase at the end of the job leaves it alone.
    expect(store.documentByPath(join(dir.path, 'early.md'))!.analysed_with).toBe(store.vocabulary.size);
    expect(store.unrefined(0.5)).toEqual([]);
  });

  it('refines only the documents analysed against much less than today\'s vocabulary', async () => {
    const batch = new DocumentBatch(store, undefined, { hold: { chars: 10_000, ms: 60_000 } });
    batch.add(store.prepareDocument(record('early.md'), chunks('Die Hundesteuersatzung gilt.')));
    batch.add(teach());
    batch.add(store.prepareDocument(record('late.md'), chunks('Die Parkgebührenordnung gilt.')));
    const late = store.vocabulary.size;
    const refine = vi.spyOn(store, 'refinePrepared');
    const outcomes = await batch.flush();
    expect(refine).toHaveBeenCalledTimes(1);
    expect(refine.mock.calls[0]![0].map((p) => p.record.path)).toEqual([join(dir.path, 'early.md')]);
    const stored = outcomes.map((o) => store.documentByPath(o.path)!.analysed_with);
    expect(stored).toEqual([late, expect.any(Number), late]);
    expect(stored[1]).toBeLessThan(late);
  });

  it('ends when it holds enough text, or when the first document has waited long enough', () => {
    const byText = new DocumentBatch(store, undefined, { hold: { chars: 40, ms: 60_000 } });
    byText.add(store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')));
    expect(byText.full).toBe(false);
    byText.add(store.prepareDocument(record('b.md'), chunks('Der Bauantrag wird geprüft.')));
    expect(byText.full).toBe(true);
    const byTime = new DocumentBatch(store, undefined, { hold: { chars: 1_000_000_000, ms: 0 } });
    byTime.add(store.prepareDocument(record('c.md'), chunks('Die Sondernutzung ist erlaubnispflichtig.')));
    expect(byTime.full).toBe(true);
  });

  it('writes what it held one batch at a time', async () => {
    const batch = new DocumentBatch(store, undefined, { hold: { chars: 3_000_000, ms: 60_000 } });
    for (const name of ['a.md', 'b.md', 'c.md']) batch.add(store.prepareDocument(record(name), chunks('x'.repeat(1_100_000))));
    expect(batch.full).toBe(true);
    const written: string[][] = [];
    while (!batch.empty) written.push((await batch.flush()).map((o) => o.path.slice(dir.path.length + 1)));
    expect(written).toEqual([['a.md'], ['b.md'], ['c.md']]);
    expect(stored()).toHaveLength(3);
  });
});
