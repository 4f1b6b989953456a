import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePdf } from '../../e2e/fixtures/pdf';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { openDatabase } from '../db/open';
import { IndexStore } from '../index/index-store';
import { applyVerdict, indexFile } from './index-file';
import { readVerdict } from './read-file';
import { parseFile, READ_LIMITS, type FileParser } from './parse-file';
import { ParseThread } from './parse-thread';

let dir: ReturnType<typeof tempDir>;
let db: ReturnType<typeof openDatabase>;
let store: IndexStore;
let folderId: number;
let thread: ParseThread | null;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'index.db'));
  store = new IndexStore(db);
  folderId = store.addFolder(dir.path);
  thread = null;
});
afterEach(() => {
  thread?.close();
  db.close();
  dir.remove();
});

const write = (name: string, content: string | Uint8Array) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
/** One million paragraphs in 4 MB: a few hundred MB of heap, a second or so to read. */
const MANY_PARAGRAPHS = 'ab\n\n'.repeat(1_000_000);

describe('indexFile with a parse thread', () => {
  it('makes a file past the memory budget an error entry with the German reason, and indexes the next file', async () => {
    thread = new ParseThread({ budget: { memoryMb: 64 } });
    const options = { parse: thread.parse };
    const big = write('gross.md', MANY_PARAGRAPHS);
    const next = write('klein.md', '# Merkblatt\n\nDie Gebühr beträgt 5 Euro.\n');
    expect(await indexFile(store, folderId, big, false, undefined, undefined, options)).toMatchObject({
      kind: 'failed',
      reason: 'Die Datei brauchte beim Lesen mehr als 64 MB Arbeitsspeicher und wurde übersprungen.',
      detail: expect.stringMatching(/out of memory/),
      stored: true,
    });
    expect(store.documentByPath(big)).toMatchObject({ status: 'error', error: 'Die Datei brauchte beim Lesen mehr als 64 MB Arbeitsspeicher und wurde übersprungen.' });
    expect(await indexFile(store, folderId, next, false, undefined, undefined, options)).toMatchObject({ kind: 'indexed', chunks: 1 });
    expect(store.documentByPath(next)).toMatchObject({ status: 'indexed', title: 'Merkblatt', error: null });
  });

  it('gives up the file being read when the job is cancelled, and leaves its entry as it was', async () => {
    thread = new ParseThread();
    const path = write('satzung.md', '# Satzung\n\nAlte Fassung.\n');
    expect(await indexFile(store, folderId, path, false, undefined, undefined, { parse: thread.parse })).toMatchObject({ kind: 'indexed' });
    const before = store.documentByPath(path)!;
    write('satzung.md', `# Satzung\n\n${MANY_PARAGRAPHS}`);
    const controller = new AbortController();
    const indexing = indexFile(store, folderId, path, true, undefined, undefined, { parse: thread.parse, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await indexing).toEqual({ kind: 'cancelled' });
    expect(store.documentByPath(path)).toEqual(before);
  });
});

describe('indexFile and the PDF page limit', () => {
  it('indexes a PDF beyond the limit up to it, with the German notice as the document’s reason', async () => {
    const limited: FileParser = (kind, bytes, title) => parseFile(kind, bytes, title, { ...READ_LIMITS, pdf: { maxPages: 3, maxPageSteps: 1_000_000 } });
    const path = write('protokolle.pdf', makePdf(Array.from({ length: 8 }, (_, i) => [`Sitzung ${i + 1}`, `Der Rat beschließt die Vorlage ${i + 1}.`])));
    const notice = 'Die PDF-Datei hat 8 Seiten; nur die ersten 3 wurden indexiert.';
    expect(await indexFile(store, folderId, path, false, undefined, undefined, { parse: limited })).toMatchObject({ kind: 'indexed', chunks: 3, notice });
    expect(store.documentByPath(path)).toMatchObject({ status: 'indexed', pages: 8, chunks: 3, error: notice });
  });

  it('reads a PDF within the limit whole, with no reason', async () => {
    const path = write('kurz.pdf', makePdf([['Seite eins der Satzung über die Hundesteuer.'], ['Seite zwei der Satzung über die Hundesteuer.']]));
    const outcome = await indexFile(store, folderId, path);
    expect(outcome).toMatchObject({ kind: 'indexed', chunks: 2 });
    expect(outcome).not.toHaveProperty('notice');
    expect(store.documentByPath(path)).toMatchObject({ status: 'indexed', pages: 2, error: null });
  });
});

describe('readVerdict', () => {
  const rows = () => db.prepare('SELECT path, status, mtime_ms FROM documents ORDER BY path').all();

  it('says what is to become of each file and writes nothing; applyVerdict then writes what indexFile would', async () => {
    const md = write('vermerk.md', '# Vermerk\n\nDie Hundesteuer ist fällig.\n');
    const other = write('tabelle.xyz', 'nicht lesbar');
    const empty = write('leer.txt', '');
    const missing = join(dir.path, 'weg.md');
    const before = rows();
    const verdicts = await Promise.all([md, other, empty, missing].map((path) => readVerdict(folderId, path, store.documentByPath(path))));
    expect(verdicts.map((v) => v.kind)).toEqual(['parsed', 'unsupported', 'failed', 'gone']);
    expect(verdicts[2]).toMatchObject({ reason: 'Die Datei ist leer (0 Byte).', keep: false });
    expect(rows()).toEqual(before);
    expect(store.vocabulary.freq('hundesteuer')).toBe(0);

    [md, other, empty, missing].forEach((path, i) => applyVerdict(store, { folderId, path, existing: store.documentByPath(path) }, verdicts[i]!));
    expect(store.documentByPath(md)).toMatchObject({ status: 'indexed', chunks: 1 });
    expect(store.documentByPath(other)).toMatchObject({ status: 'unsupported' });
    expect(store.documentByPath(empty)).toMatchObject({ status: 'error', error: 'Die Datei ist leer (0 Byte).' });
    expect(store.documentByPath(missing)).toBeUndefined();
  });

  it('finds a touched file unchanged by its hash, and leaves remembering its new mtime to applyVerdict', async () => {
    const path = write('vermerk.md', '# Vermerk\n\nDie Hundesteuer ist fällig.\n');
    await indexFile(store, folderId, path);
    const stored = store.documentByPath(path)!;
    // A whole second later: file systems keep mtimes to different precisions.
    utimesSync(path, new Date(), new Date(Math.ceil(stored.mtime_ms / 1000) * 1000 + 60_000));
    const touched = Math.trunc(statSync(path).mtimeMs);
    const verdict = await readVerdict(folderId, path, stored);
    expect(verdict).toMatchObject({ kind: 'unchanged', touch: { id: stored.id, mtimeMs: touched } });
    expect(store.documentByPath(path)!.mtime_ms).toBe(stored.mtime_ms);
    expect(applyVerdict(store, { folderId, path, existing: stored }, verdict)).toEqual({ kind: 'unchanged' });
    expect(store.documentByPath(path)!.mtime_ms).toBe(touched);
  });
});
