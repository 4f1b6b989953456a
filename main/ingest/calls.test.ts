import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSampleDocuments } from '../../e2e/fixtures/documents';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import type { DocumentInfo } from '../contract';
import { createCore, type Core } from '../core';
import { dispatch } from '../dispatch';
import { silentLogger } from '../log';

let dir: ReturnType<typeof tempDir>;
let docs: string;
let core: Core;
let opened: string[];

beforeEach(() => {
  dir = tempDir();
  docs = join(dir.path, 'docs');
  mkdirSync(docs);
  opened = [];
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger, platform: { openPath: async (path) => void opened.push(path) } });
});
afterEach(() => {
  core.close();
  dir.remove();
});

async function indexFolder(): Promise<DocumentInfo[]> {
  await core.addFolder({ path: docs });
  await core.idle();
  return core.listDocuments();
}

const byName = (list: DocumentInfo[], name: string) => {
  const doc = list.find((d) => d.path.endsWith(name));
  if (!doc) throw new Error(`${name} is not in the index: ${list.map((d) => d.path).join(', ')}`);
  return doc;
};

describe('openOriginal', () => {
  it('hands an indexed document of every supported type to the system', async () => {
    const files = await writeSampleDocuments(docs);
    const list = await indexFolder();
    for (const path of Object.values(files)) {
      const doc = byName(list, path);
      expect(doc.status).toBe('indexed');
      await core.openOriginal({ documentId: doc.id });
    }
    expect(opened.sort()).toEqual(Object.values(files).sort());
  });

  it.each([
    ['a program', 'setup.exe'],
    ['a script', 'aufraeumen.bat'],
    ['a PowerShell script', 'start.ps1'],
    ['a shortcut', 'Satzungen.lnk'],
    ['a spreadsheet the indexer does not read', 'haushalt.xlsx'],
    ['a file without extension', 'LIESMICH'],
  ])('refuses %s, which the index lists as unsupported, in German and without asking the system', async (_name, file) => {
    writeFileSync(join(docs, file), 'MZ not a document');
    const doc = byName(await indexFolder(), file);
    expect(doc.status).toBe('unsupported');
    const result = await dispatch(core, 'openOriginal', { documentId: doc.id });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('öffnet nur eingelesene Dokumente') } });
    expect(opened).toEqual([]);
  });

  it('refuses a supported type that could not be indexed (a broken PDF)', async () => {
    writeFileSync(join(docs, 'kaputt.pdf'), 'Dies ist kein PDF.');
    const doc = byName(await indexFolder(), 'kaputt.pdf');
    expect(doc.status).toBe('error');
    await expect(core.openOriginal({ documentId: doc.id })).rejects.toMatchObject({ code: 'invalid_argument', userMessage: expect.stringContaining('öffnet nur eingelesene Dokumente') });
    expect(opened).toEqual([]);
  });

  it('refuses a document whose file is gone since it was indexed, and says so in German', async () => {
    const files = await writeSampleDocuments(docs);
    const doc = byName(await indexFolder(), files.md);
    rmSync(files.md);
    await expect(core.openOriginal({ documentId: doc.id })).rejects.toMatchObject({ code: 'not_found', userMessage: `Die Datei ${files.md} gibt es nicht mehr. Bitte den Ordner neu einlesen.` });
    expect(opened).toEqual([]);
  });

  it('refuses a document whose path became a folder', async () => {
    const files = await writeSampleDocuments(docs);
    const doc = byName(await indexFolder(), files.md);
    rmSync(files.md);
    mkdirSync(files.md);
    await expect(core.openOriginal({ documentId: doc.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(opened).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('refuses a document that was replaced by a link to a program after indexing', async () => {
    const files = await writeSampleDocuments(docs);
    const doc = byName(await indexFolder(), files.md);
    const program = join(dir.path, 'programm.exe');
    writeFileSync(program, 'MZ');
    rmSync(files.md);
    symlinkSync(program, files.md);
    await expect(core.openOriginal({ documentId: doc.id })).rejects.toMatchObject({ code: 'invalid_argument', userMessage: expect.stringContaining('verweist auf eine Datei') });
    expect(opened).toEqual([]);
  });

  it('refuses an id that is not in the index', async () => {
    await expect(core.openOriginal({ documentId: 4711 })).rejects.toMatchObject({ code: 'not_found', userMessage: 'Das Dokument ist nicht mehr im Index.' });
    expect(opened).toEqual([]);
  });
});
