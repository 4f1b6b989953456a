import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSampleDocuments } from '../e2e/fixtures/documents';
import { CLOSED_PORT_HOST, tempDir } from '../e2e/fixtures/temp-dir';
import { createCore, type Core } from './core';
import { silentLogger } from './log';
import { HEADLESS_PLATFORM } from './platform';

let dir: ReturnType<typeof tempDir>;
let docs: string;
let core: Core;

beforeEach(() => {
  dir = tempDir();
  docs = join(dir.path, 'docs');
  mkdirSync(docs);
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger, settings: { ollamaHost: CLOSED_PORT_HOST }, platform: HEADLESS_PLATFORM });
});
afterEach(() => {
  core.close();
  dir.remove();
});

describe('HEADLESS_PLATFORM', () => {
  it('has no ability and cannot be given one', () => {
    expect(Object.keys(HEADLESS_PLATFORM)).toEqual([]);
    expect(Object.isFrozen(HEADLESS_PLATFORM)).toBe(true);
  });

  it('makes the folder dialog answer in German that there is none here', async () => {
    await expect(core.chooseFolder()).rejects.toMatchObject({ code: 'unavailable', userMessage: 'Eine Ordnerauswahl gibt es hier nicht. Bitte den Pfad eingeben.' });
  });

  it('makes "Original öffnen" say that opening is not possible here, and where the file is', async () => {
    const files = await writeSampleDocuments(docs);
    await core.addFolder({ path: docs });
    await core.idle();
    const doc = (await core.listDocuments()).find((d) => d.path === files.md)!;
    expect(doc.status).toBe('indexed');
    await expect(core.openOriginal({ documentId: doc.id })).rejects.toMatchObject({ code: 'unavailable', userMessage: `Öffnen ist hier nicht möglich. Die Datei liegt unter ${files.md}.` });
  });

  it('makes the open and save dialogs say that they are not possible here', async () => {
    await expect(core.chooseLogo()).rejects.toMatchObject({ code: 'unavailable', userMessage: 'Dateien auswählen ist hier nicht möglich.' });
    await expect(core.importWordTemplate()).rejects.toMatchObject({ code: 'unavailable', userMessage: 'Dateien auswählen ist hier nicht möglich.' });
    const files = await writeSampleDocuments(docs);
    await core.addFolder({ path: docs });
    await core.idle();
    expect(files.md).toBeTruthy();
    const turn = await core.ask({ question: 'Wann wird die Straße gereinigt?', askId: 'headless-1' });
    await expect(core.exportAnswer({ turnId: turn.id, format: 'md' })).rejects.toMatchObject({ code: 'unavailable', userMessage: 'Speichern ist hier nicht möglich.' });
  });

  it('schedules a repair without restarting', async () => {
    expect(await core.repairDatabase()).toEqual({ scheduled: true, restarting: false });
  });

  it('is what a core without a platform gets', async () => {
    const other = createCore({ dataDir: join(dir.path, 'other'), env: {}, logger: silentLogger });
    try {
      await expect(other.chooseFolder()).rejects.toMatchObject({ userMessage: 'Eine Ordnerauswahl gibt es hier nicht. Bitte den Pfad eingeben.' });
    } finally {
      other.close();
    }
  });
});
