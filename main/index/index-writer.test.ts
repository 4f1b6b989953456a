import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSampleDocuments } from '../../e2e/fixtures/documents';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { createCore } from '../core';
import { databaseFile } from '../paths';
import { openDatabase } from '../db/open';
import { silentLogger, type Logger } from '../log';
import { IndexStore, metaOfRow } from './index-store';
import { toDocumentInfo } from '../ingest/calls';
import type { Chunk } from './chunk-row';
import { DocumentBatch } from '../ingest/document-batch';
import { IndexWriterThread } from './index-writer';
import { Indexer } from '../ingest/indexer';
import { endsTheJob } from '../ingest/write-fault';

let dir: ReturnType<typeof tempDir>;
let file: string;
let db: ReturnType<typeof openDatabase>;
let store: IndexStore;
let folderId: number;
let threads: IndexWriterThread[];

beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'index.db');
  db = openDatabase(file);
  store = new IndexStore(db);
  folderId = store.addFolder(dir.path);
  threads = [];
});
afterEach(() => {
  for (const thread of threads) thread.close();
  db.close();
  dir.remove();
});

const start = (path = file, log: Logger = silentLogger) => {
  const thread = new IndexWriterThread({ file: path }, log);
  threads.push(thread);
  return thread;
};
const record = (name: string) => ({ folderId, path: join(dir.path, name), title: name, kind: 'md' as const, size: 1, mtimeMs: 1, sha256: '', status: 'indexed' as const });
const chunks = (text: string): Chunk[] => [{ heading: 'Vermerk › Abschnitt', text, role: 'body', lineStart: 1, lineEnd: 1 }];
const matches = (term: string) => (db.prepare('SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH ?').get(`"${term}"`) as { n: number }).n;

describe('the writer thread', () => {
  it('writes chunk roles and document metadata, on either thread, and reads them back in one query', async () => {
    const meta = { authority: 'Konstanz', docType: 'Satzung', validFrom: '2022-01-01', validUntil: null, validity: 'current' as const };
    const roles: Chunk[] = [
      { heading: 'Inhaltsverzeichnis', text: '§ 1 Steuergegenstand\n§ 2 Steuersatz\n§ 3 Inkrafttreten', role: 'toc' },
      { heading: '§ 2 Steuersatz', text: 'Die Hundesteuer beträgt 108 Euro.', role: 'body' },
    ];
    const list = [store.prepareDocument({ ...record('a.md'), title: 'Hundesteuersatzung', meta }, roles)];
    const [threaded] = store.settleWrite(list, await start().write(list.map(IndexStore.rowsOf)));
    const [here] = store.writeDocuments([store.prepareDocument({ ...record('b.md'), meta: { ...meta, validity: 'superseded' } }, roles)]);
    for (const id of [threaded, here] as number[]) {
      const doc = store.documentById(id)!;
      const [toc, body] = db.prepare<[number], { id: number }>('SELECT id FROM chunks WHERE document_id = ? ORDER BY ord').all(id);
      expect(store.chunkFacts(toc!.id)).toEqual({ documentId: id, heading: 'Inhaltsverzeichnis', role: 'toc', validity: doc.validity, authority: 'Konstanz', docType: 'Satzung', title: doc.title });
      expect(store.chunkFacts(body!.id)!.role).toBe('body');
      expect(toDocumentInfo(doc).meta).toEqual(metaOfRow(doc));
    }
    expect(toDocumentInfo(store.documentById(threaded as number)!).meta).toEqual(meta);
    expect(store.documentById(here as number)!.validity).toBe('superseded');
    expect(store.chunkFacts(999_999)).toBeUndefined();
  });

  it("writes documents on its own connection, and the app's connection sees them with their FTS rows", async () => {
    const list = [store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')), store.prepareDocument(record('b.md'), chunks('Der Bauantrag wird geprüft.'))];
    const results = store.settleWrite(list, await start().write(list.map(IndexStore.rowsOf)));
    expect(results).toEqual([store.documentByPath(join(dir.path, 'a.md'))!.id, store.documentByPath(join(dir.path, 'b.md'))!.id]);
    expect(matches('hundesteu')).toBe(1);
    expect(matches('bauantrag')).toBe(1);
    expect(store.chunkTotal).toBe(2);
    expect(list[0]!.chunkIds).toEqual([(db.prepare('SELECT id FROM chunks WHERE document_id = ?').get(results[0]) as { id: number }).id]);
  });

  it('rolls back a document that fails alone; the vocabulary forgets its words, the others are written', async () => {
    const list = [
      store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')),
      store.prepareDocument({ ...record('kaputt.md'), status: 'kaputt' as never }, chunks('Das Sondernutzungsentgelt entfällt.')),
    ];
    const results = store.settleWrite(list, await start().write(list.map(IndexStore.rowsOf)));
    expect(results[0]).toEqual(expect.any(Number));
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).toMatch(/CHECK constraint/);
    expect(store.vocabulary.freq('sondernutzungsentgelt')).toBe(0);
    expect(matches('sondernutzungsentgelt')).toBe(0);
    expect(matches('hundesteu')).toBe(1);
  });

  it("gives a failure SQLite's error code beside its text, for a document and for a whole batch", async () => {
    const list = [store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')), store.prepareDocument({ ...record('kaputt.md'), status: 'kaputt' as never }, chunks('Kaputt.'))];
    const thread = start();
    const [, failed] = await thread.write(list.map(IndexStore.rowsOf));
    expect(failed).toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK', message: expect.stringMatching(/CHECK constraint/) });
    store.settleWrite(list, [{ id: 0, chunkIds: [], removedChunks: 0 }, failed as Error]);
    // The app's connection holds the write lock past the thread's busy timeout: the whole batch fails, as busy.
    db.prepare('BEGIN IMMEDIATE').run();
    try {
      const busy = await thread.write([IndexStore.rowsOf(store.prepareDocument(record('b.md'), chunks('Der Bauantrag wird geprüft.')))]).catch((error: unknown) => error);
      expect(busy).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(endsTheJob(busy)).toBe(true);
    } finally {
      db.prepare('ROLLBACK').run();
    }
  }, 60_000);

  it('has closed its connection when close returns: closing the last one, the app leaves no write-ahead log behind', async () => {
    const thread = start();
    const list = [store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.'))];
    store.settleWrite(list, await thread.write(list.map(IndexStore.rowsOf)));
    expect(existsSync(`${file}-wal`)).toBe(true);
    thread.close();
    expect(thread.alive).toBe(false);
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('fails a document whose stored version changed after it was analysed, rather than guess at the vocabulary', async () => {
    const list = [store.prepareDocument(record('a.md'), chunks('Neue Fassung der Hundesteuer.')), store.prepareDocument(record('b.md'), chunks('Der Bauantrag wird geprüft.'))];
    store.replaceDocument(record('a.md'), chunks('Eine andere Fassung, vom Beobachter geschrieben.'));
    const [result, other] = store.settleWrite(list, await start().write(list.map(IndexStore.rowsOf)));
    expect((result as Error).message).toMatch(/replaced by someone else/);
    expect(other).toEqual(expect.any(Number));
    expect(matches('beobacht')).toBe(1);
    expect(store.vocabulary.freq('hundesteuer')).toBe(0);
  });

  it('merges the FTS segments into one, after the writes sent before', async () => {
    const thread = start();
    const segments = () => (db.prepare('SELECT count(DISTINCT segid) AS n FROM chunks_fts_idx').get() as { n: number }).n;
    const write = (name: string) => {
      const list = [store.prepareDocument(record(`${name}.md`), chunks(`Die Hundesteuer ${name} ist jährlich fällig.`))];
      return thread.write(list.map(IndexStore.rowsOf)).then((results) => store.settleWrite(list, results));
    };
    for (const name of ['a', 'b', 'c']) await write(name);
    expect(segments()).toBe(3);
    // Sent without waiting: the merge comes after this write.
    const last = write('d');
    await thread.optimize();
    await last;
    expect(segments()).toBe(1);
    expect(matches('hundesteu')).toBe(4);
  });

  it('when it cannot open the database, says why, and the batch is written on this thread', async () => {
    const notADatabase = join(dir.path, 'kein.db');
    writeFileSync(notADatabase, 'Das ist keine Datenbank, sondern ein Text.'.repeat(100));
    const warnings: string[] = [];
    const thread = start(notADatabase, { ...silentLogger, warn: (message) => warnings.push(message) });
    const batch = new DocumentBatch(store, (rows) => thread.write(rows));
    batch.add(store.prepareDocument(record('a.md'), chunks('Die Hundesteuer ist jährlich fällig.')));
    const outcomes = await batch.flush();
    expect(outcomes.map((o) => o.outcome.kind)).toEqual(['indexed']);
    expect(matches('hundesteu')).toBe(1);
    expect(store.vocabulary.freq('hundesteuer')).toBe(1);
    expect(thread.alive).toBe(false);
    expect(warnings).toContain('writer thread could not open the database');
    await expect(thread.write([])).rejects.toThrow(/could not open the database/);
  });
});

describe('indexing through the core with and without the writer thread', () => {
  it('gives the same documents, chunks and search results', async () => {
    const docs = join(dir.path, 'docs');
    mkdirSync(docs);
    await writeSampleDocuments(docs);
    const warnings: string[] = [];
    const indexWith = async (writerThreadAfterChars: number) => {
      const logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
      const core = createCore({ dataDir: join(dir.path, `data-${writerThreadAfterChars}`), env: {}, logger, writerThreadAfterChars });
      try {
        await core.addFolder({ path: docs });
        await core.idle();
        const folders = await core.listFolders();
        const hits = (await core.search({ query: 'Fristsachen Eingangsstempel Akteneinsicht', limit: 5 })).hits.map((h) => [h.title, h.headingPath, h.lineStart, h.page]);
        return { folders: folders.map((f) => [f.documents, f.chunks]), hits };
      } finally {
        core.close();
      }
    };
    const threaded = await indexWith(0);
    expect(threaded.hits.length).toBeGreaterThan(0);
    expect(threaded).toEqual(await indexWith(Infinity));
    expect(warnings.filter((w) => w.includes('writer thread'))).toEqual([]);
  });

  it('closed as the CLI closes it, right after the job reported its end: the upkeep has run and no write-ahead log is left', async () => {
    const docs = join(dir.path, 'docs');
    mkdirSync(docs);
    await writeSampleDocuments(docs);
    const dataDir = join(dir.path, 'data-cli');
    const debug: string[] = [];
    const core = createCore({ dataDir, env: {}, logger: { ...silentLogger, debug: (message: string) => debug.push(message) }, writerThreadAfterChars: 0 });
    const ended = new Promise<string>((resolve) => core.on('indexProgress', (p) => ['done', 'failed', 'cancelled'].includes(p.phase) && resolve(p.phase)));
    await core.addFolder({ path: docs });
    expect(await ended).toBe('done');
    core.close();
    // The upkeep would have been due on the next turn of the event loop, with the database closed.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(debug).not.toContain('no upkeep after the job');
    expect(existsSync(`${databaseFile(dataDir)}-wal`)).toBe(false);
  });

  it('starts the thread only once a job has written the threshold of text on this thread', async () => {
    const docs = join(dir.path, 'docs');
    mkdirSync(docs);
    for (let i = 0; i < 3; i++) writeFileSync(join(docs, `${i}.md`), `# Teil ${i}\n\n${'Die Hundesteuer ist fällig. '.repeat(40_000)}`);
    const asked: boolean[] = [];
    const run = (threshold: number) => {
      asked.length = 0;
      const indexer = new Indexer({ store, log: silentLogger, emit: () => {}, writer: (start) => (asked.push(start), null), policy: { writerThreadAfterChars: threshold } });
      return indexer.start({ folders: [{ id: folderId, path: docs }], force: true }).done;
    };
    // Each file is one batch of about 1.1 MB: the third is the first after 2 MB.
    expect((await run(2_000_000)).indexed).toBe(3);
    expect(asked).toEqual([false, false, true]);
    expect((await run(Infinity)).indexed).toBe(3);
    expect(asked).toEqual([false, false, false]);
  });
});
