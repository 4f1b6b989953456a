import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { mkdirSync, rmSync, symlinkSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    readFile: (async (path: unknown, ...rest: unknown[]) => {
      if (String(path).endsWith('gesperrt.txt')) throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), { code: 'EACCES' });
      return (actual.readFile as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof actual.readFile,
  };
});
import { writeSampleDocuments } from '../../e2e/fixtures/documents';
import { makePdf } from '../../e2e/fixtures/pdf';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import type { IndexProgress } from '../contract';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';
import { openDatabase } from '../db/open';
import { IndexStore } from '../index/index-store';
import { Indexer } from './indexer';
import { parseFile, READ_LIMITS, type FileParser } from './parse-file';
import { databaseFile } from '../paths';

let dir: ReturnType<typeof tempDir>;
let docs: string;
let core: Core;
let progress: IndexProgress[];

beforeEach(() => {
  dir = tempDir();
  docs = join(dir.path, 'docs');
  mkdirSync(docs);
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger });
  progress = [];
  core.on('indexProgress', (p) => progress.push(p));
});
afterEach(() => {
  core.close();
  dir.remove();
});

async function indexAll(): Promise<IndexProgress> {
  const folders = await core.listFolders();
  const { jobId } = folders.length ? await core.startIndexing() : await core.addFolder({ path: docs });
  await core.idle();
  return progress.filter((p) => p.jobId === jobId).at(-1)!;
}

const titles = async (query: string) => (await core.search({ query, limit: 10 })).hits.map((h) => h.title);

describe('indexing a folder', () => {
  it('indexes every supported format, reports progress, and finds their text', async () => {
    await writeSampleDocuments(docs);
    writeFileSync(join(docs, 'tabelle.xlsx'), 'not supported');
    const last = await indexAll();
    expect(last).toMatchObject({ phase: 'done', indexed: 5, total: 6, problems: [] });
    expect(progress.some((p) => p.phase === 'indexing' && p.currentFile)).toBe(true);
    const [folder] = await core.listFolders();
    expect(folder).toMatchObject({ documents: 5, unsupported: 1, problems: 0 });
    expect(await titles('Eingangsstempel')).toEqual(['Dienstanweisung Posteingang']);
    expect(await titles('Hundesteuer')).toContain('Satzung über die Erhebung der Hundesteuer');
    expect(await titles('Genehmigung')).toContain('Merkblatt Bauantrag');
    expect(await titles('Gaststätte Tische')).toContain('Merkblatt Sondernutzung');
    expect(await titles('Akten einsehen')).toContain('Akteneinsicht');
    const unsupported = await core.listDocuments({ status: 'unsupported' });
    expect(unsupported.map((d) => d.path)).toEqual([join(docs, 'tabelle.xlsx')]);
  });

  it('re-reads only what changed and removes what was deleted', async () => {
    const files = await writeSampleDocuments(docs);
    await indexAll();
    expect(await indexAll()).toMatchObject({ indexed: 0, unchanged: 5, removed: 0 });

    writeFileSync(files.md, '# Dienstanweisung Posteingang\n\nDie Poststelle öffnet um 7:30 Uhr.\n');
    unlinkSync(files.txt);
    const later = new Date(Date.now() + 5000);
    utimesSync(files.html, later, later); // touched, same content
    expect(await indexAll()).toMatchObject({ indexed: 1, unchanged: 3, removed: 1 });
    expect(await titles('Poststelle')).toEqual(['Dienstanweisung Posteingang']);
    expect(await titles('Eingangsstempel')).toEqual([]);
    expect(await titles('Hundesteuer')).toEqual([]);
  });

  it('can be cancelled between files, and keeps what it already indexed', async () => {
    const write = (from: number, to: number) => {
      for (let i = from; i < to; i++) writeFileSync(join(docs, `datei-${String(i).padStart(3, '0')}.md`), `# Vermerk ${i}\n\nInhalt Nummer ${i} über Verwaltungsgebühren.\n`);
    };
    write(0, 10);
    await indexAll();
    write(10, 200);
    let jobId = '';
    const off = core.on('indexProgress', (p) => {
      if (p.phase === 'indexing') void core.cancelIndexing({ jobId: p.jobId });
    });
    jobId = (await core.startIndexing()).jobId;
    await core.idle();
    off();
    const last = progress.filter((p) => p.jobId === jobId).at(-1)!;
    expect(last.phase).toBe('cancelled');
    expect(last.indexed).toBeLessThan(190);
    const hits = (await core.search({ query: 'Verwaltungsgebühren', limit: 100 })).hits.length;
    expect(hits).toBe(10 + last.indexed);
  });

  it('rejects a folder that does not exist, and one inside a folder already added', async () => {
    await expect(core.addFolder({ path: join(dir.path, 'fehlt') })).rejects.toMatchObject({ code: 'invalid_argument', userMessage: expect.stringMatching(/existiert nicht/) });
    mkdirSync(join(docs, 'unter'));
    await core.addFolder({ path: docs });
    await expect(core.addFolder({ path: join(docs, 'unter') })).rejects.toMatchObject({ userMessage: expect.stringMatching(/überschneidet sich/) });
  });

  it('removes a folder and its documents from the index, not from disk', async () => {
    await writeSampleDocuments(docs);
    await indexAll();
    const [folder] = await core.listFolders();
    await core.removeFolder({ id: folder!.id });
    expect(await core.listFolders()).toEqual([]);
    expect(await titles('Eingangsstempel')).toEqual([]);
    expect(await core.listDocuments()).toEqual([]);
  });
});

describe('bad input never hurts the index', () => {
  async function indexWithBadFile(name: string, write: (path: string) => void) {
    await writeSampleDocuments(docs);
    const path = join(docs, name);
    write(path);
    const last = await indexAll();
    const db = new Database(databaseFile(join(dir.path, 'data')), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    // The good files are all there.
    expect(last.indexed).toBe(5);
    expect(await titles('Eingangsstempel')).toEqual(['Dienstanweisung Posteingang']);
    return { last, path, problem: last.problems.find((p) => p.path === path) };
  }

  it('a corrupt PDF', async () => {
    const { problem } = await indexWithBadFile('kaputt.pdf', (p) => writeFileSync(p, makePdf([['Text']]).subarray(0, 150)));
    expect(problem?.reason).toMatch(/PDF-Datei ist beschädigt/);
    expect((await core.listDocuments({ status: 'error' }))[0]).toMatchObject({ reason: expect.stringMatching(/beschädigt/) });
  });

  it('a scanned PDF without text', async () => {
    const { problem } = await indexWithBadFile('scan.pdf', (p) => writeFileSync(p, makePdf([null])));
    expect(problem?.reason).toMatch(/kein Text – gescanntes Dokument/i);
    expect(await core.listDocuments({ status: 'scan' })).toHaveLength(1);
  });

  it('a corrupt DOCX', async () => {
    const { problem } = await indexWithBadFile('kaputt.docx', (p) => writeFileSync(p, Buffer.from('PK\x03\x04 not really a zip')));
    expect(problem?.reason).toMatch(/keine gültige Word-Datei/);
  });

  it('a DOCX zip bomb', async () => {
    const { problem } = await indexWithBadFile('bombe.docx', (p) => writeFileSync(p, zipSync({ '[Content_Types].xml': strToU8('<x/>'), 'word/document.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 })));
    expect(problem?.reason).toMatch(/ZIP-Bombe/);
  });

  it('a 0-byte file', async () => {
    const { problem } = await indexWithBadFile('leer.txt', (p) => writeFileSync(p, ''));
    expect(problem?.reason).toMatch(/leer/);
  });

  it('a 200 MB file', async () => {
    const { problem } = await indexWithBadFile('riesig.txt', (p) => {
      writeFileSync(p, '');
      truncateSync(p, 200 * 1024 * 1024); // sparse: no disk space, no memory
    });
    expect(problem?.reason).toMatch(/zu groß \(200 MB/);
  });

  it('binary junk named .txt', async () => {
    const { problem } = await indexWithBadFile('daten.txt', (p) => writeFileSync(p, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))));
    expect(problem?.reason).toMatch(/keinen lesbaren Text/);
  });

  it('an unreadable file', async () => {
    // Tests run as root, who reads every file: the permission error is raised at the read (see vi.mock above).
    const { problem } = await indexWithBadFile('gesperrt.txt', (p) => writeFileSync(p, 'geheim'));
    expect(problem?.reason).toMatch(/Keine Leserechte/);
  });

  it('a file deleted while indexing', async () => {
    const { last, problem } = await indexWithBadFile('zzz-verschwindet.md', (p) => {
      writeFileSync(p, '# Weg\n\nGleich gelöscht.\n');
      // Removed as soon as indexing starts: the walk has listed it, its turn comes last.
      const off = core.on('indexProgress', (e) => {
        if (e.phase === 'indexing') {
          rmSync(p, { force: true });
          off();
        }
      });
    });
    expect(problem?.reason).toMatch(/gelöscht oder verschoben/);
    expect(last.phase).toBe('done');
  });

  it('a symlink loop', async () => {
    const { last } = await indexWithBadFile('schleife', (p) => symlinkSync(docs, p));
    expect(last.problems.some((x) => /Schleife/.test(x.reason))).toBe(true);
  });
});

describe('documents indexed before the vocabulary knew their parts', () => {
  /** An early file with compounds whose parts only a later file teaches, indexed by an indexer with this hold. */
  const indexEarlyThenTeach = async (hold: { chars: number; ms: number }) => {
    writeFileSync(join(docs, 'a-frueh.md'), '# Satzung\n\nDie Hundesteuersatzung gilt ab Januar.\n');
    writeFileSync(join(docs, 'b-lehrt.md'), `# Hinweise\n\n${'Hunde zahlen Steuer nach der Satzung. '.repeat(5)}${'Weitere Regeln zu Park und Gebühren stehen in der Ordnung. '.repeat(5)}\n`);
    const db = openDatabase(join(dir.path, `held-${hold.chars}.db`));
    try {
      const store = new IndexStore(db);
      const phases: string[] = [];
      const indexer = new Indexer({ store, log: silentLogger, emit: (p) => phases.push(p.phase), policy: { hold } });
      const folderId = store.addFolder(docs);
      const last = await indexer.start({ folders: [{ id: folderId, path: docs }] }).done;
      const early = store.documentByPath(join(docs, 'a-frueh.md'))!;
      const matching = db.prepare('SELECT c.document_id AS id FROM chunks_fts f JOIN chunks c ON c.id = f.rowid WHERE chunks_fts MATCH ?').all('body:"hundesteuersatzung" OR body:"satzung"') as { id: number }[];
      return { last, phases, early: early.id, matching: matching.map((m) => m.id) };
    } finally {
      db.close();
    }
  };

  it('refines a job that fits into the hold before writing it: no refining phase', async () => {
    const { last, phases, early, matching } = await indexEarlyThenTeach({ chars: 1_000_000, ms: 60_000 });
    expect(last).toMatchObject({ phase: 'done', indexed: 2 });
    expect(phases).not.toContain('refining');
    expect(matching).toContain(early);
  });

  it('refines the documents written before a longer job taught their parts at its end', async () => {
    const { last, phases, early, matching } = await indexEarlyThenTeach({ chars: 1, ms: 60_000 });
    expect(last).toMatchObject({ phase: 'done', indexed: 2 });
    expect(phases).toContain('refining');
    expect(matching).toContain(early);
  });
});

describe('merging the FTS segments after a job', () => {
  const run = async (optimizeAfterChars?: number) => {
    for (let i = 0; i < 3; i++) writeFileSync(join(docs, `${i}.md`), `# Vermerk ${i}\n\nDie Hundesteuer ${i} ist fällig.\n`);
    const db = openDatabase(join(dir.path, `merge-${optimizeAfterChars}.db`));
    try {
      const store = new IndexStore(db);
      const optimize = vi.spyOn(store, 'optimize');
      const phases: string[] = [];
      const indexer = new Indexer({ store, log: silentLogger, emit: (p) => phases.push(p.phase), policy: { optimize: { afterChars: optimizeAfterChars } } });
      const folderId = store.addFolder(docs);
      await indexer.start({ folders: [{ id: folderId, path: docs }] }).done;
      return { phases, merged: optimize.mock.calls.length, segments: (db.prepare('SELECT count(DISTINCT segid) AS n FROM chunks_fts_idx').get() as { n: number }).n };
    } finally {
      db.close();
    }
  };

  it('happens after a job that wrote enough of the index', async () => {
    const { phases, merged, segments } = await run(0);
    expect(phases).toContain('optimizing');
    expect(merged).toBe(1);
    expect(segments).toBe(1);
  });

  it('does not happen after a small job', async () => {
    const { phases, merged } = await run();
    expect(phases).not.toContain('optimizing');
    expect(merged).toBe(0);
  });
});

describe('upkeep after a job', () => {
  it('checkpoints of the write-ahead log wait while a job writes, and happen once after it', async () => {
    writeFileSync(join(docs, 'a.md'), '# Vermerk\n\nDie Hundesteuer ist fällig.\n');
    const db = openDatabase(join(dir.path, 'wal.db'));
    try {
      const store = new IndexStore(db);
      const autocheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });
      const during: unknown[] = [];
      const indexer = new Indexer({ store, log: silentLogger, emit: (p) => during.push(p.phase === 'indexing' ? autocheckpoint() : null) });
      const checkpoint = vi.spyOn(store, 'checkpoint');
      const repair = vi.spyOn(store, 'repairTotals');
      const folderId = store.addFolder(docs);
      expect(autocheckpoint()).toBe(1000);
      await indexer.start({ folders: [{ id: folderId, path: docs }] }).done;
      expect(during).toContain(16_384);
      expect(autocheckpoint()).toBe(1000);
      expect(checkpoint).not.toHaveBeenCalled();
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(checkpoint).toHaveBeenCalledTimes(1);
      // FTS5's totals are put right first (nothing to do here: the job deleted no rows).
      expect(repair).toHaveBeenCalledTimes(1);
      expect(repair).toHaveReturnedWith(false);
    } finally {
      db.close();
    }
  });
});

describe('a job whose database goes away (the app quits mid-job)', () => {
  it('ends and logs instead of rejecting', async () => {
    const warnings: string[] = [];
    const store = {
      vocabulary: { size: 0 },
      syncVocabulary: () => 'current',
      unrefined: () => [],
      saveVocabulary() {
        throw new TypeError('The database connection is not open');
      },
      documentsOfFolder: () => [],
      setBulkWriting(on: boolean) {
        if (!on) throw new TypeError('The database connection is not open');
      },
      checkpoint() {
        throw new TypeError('The database connection is not open');
      },
    } as unknown as IndexStore;
    const log = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
    const indexer = new Indexer({ store, log, emit: () => {} });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(indexer.start({ folders: [{ id: 1, path: docs }] }).done).resolves.toMatchObject({ phase: 'done' });
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      expect(warnings).toContain('vocabulary not saved');
      expect(warnings).toContain('checkpoints not restored');
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('a job that parses on the parse thread', () => {
  it('lists a PDF read only up to its page limit among the problems, with the German notice', async () => {
    const folder = join(dir.path, 'protokolle');
    mkdirSync(folder);
    writeFileSync(join(folder, 'rat.pdf'), makePdf(Array.from({ length: 8 }, (_, i) => [`Sitzung ${i + 1}`, `Der Rat beschließt die Vorlage ${i + 1}.`])));
    const db = openDatabase(join(dir.path, 'parse.db'));
    try {
      const store = new IndexStore(db);
      const parse: FileParser = (kind, bytes, title) => parseFile(kind, bytes, title, { ...READ_LIMITS, pdf: { maxPages: 3, maxPageSteps: 1_000_000 } });
      const indexer = new Indexer({ store, log: silentLogger, emit: () => {}, parse });
      const job = await indexer.start({ folders: [{ id: store.addFolder(folder), path: folder }] }).done;
      expect(job).toMatchObject({ phase: 'done', indexed: 1 });
      expect(job.problems).toEqual([{ path: join(folder, 'rat.pdf'), reason: 'Die PDF-Datei hat 8 Seiten; nur die ersten 3 wurden indexiert.' }]);
    } finally {
      db.close();
    }
  });
});
