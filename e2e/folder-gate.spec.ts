/**
 * "Ordner hinzufügen" through the desktop shell's IPC layer: the page's calls
 * go through registerIpc (electron/ipc.ts) with a folder gate whose native
 * confirmation is a recording stand-in, instead of straight to dispatch.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { FolderGate, type FolderConfirmation } from '../electron/folder-gate';
import { registerIpc } from '../electron/ipc';
import { expect, test, type AppHandle } from './fixtures/app';

type Handler = (event: IpcMainInvokeEvent, arg: unknown) => Promise<unknown>;

/** Routes every call of the page through registerIpc with a gate that answers `confirm`. */
async function throughIpc(app: AppHandle, confirm: (c: FolderConfirmation) => Promise<boolean>) {
  const handlers = new Map<string, Handler>();
  registerIpc({ handle: (channel, handler) => void handlers.set(channel, handler as Handler), removeHandler: () => {} }, app.core(), { folders: new FolderGate({ confirm }) });
  const ownFrame = { senderFrame: { url: 'app://stadtschreiber/index.html', parent: null } } as unknown as IpcMainInvokeEvent;
  await app.page.exposeBinding('__gatedInvoke', (_source, channel: string, arg: unknown) => handlers.get(channel)!(ownFrame, arg));
  await app.page.evaluate(() => {
    const w = window as unknown as { __stadtschreiberInvoke: unknown; __gatedInvoke: unknown };
    w.__stadtschreiberInvoke = w.__gatedInvoke;
  });
}

test('a typed folder is added only after the confirmation; "Abbrechen" leaves the page calm', async ({ app }) => {
  const { page } = app;
  const docs = join(app.dataDir, 'akten');
  mkdirSync(docs);
  const asked: FolderConfirmation[] = [];
  let answer = false;
  await throughIpc(app, async (c) => (asked.push(c), answer));
  await app.open('Dokumente');

  await page.getByLabel('Pfad des Ordners').fill(docs);
  await page.getByRole('button', { name: 'Hinzufügen und einlesen' }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatchObject({ message: `Den Ordner „${docs}“ hinzufügen und einlesen?`, buttons: ['Hinzufügen', 'Abbrechen'] });
  await expect(page.getByText('Noch keine Ordner hinzugefügt.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Pfad des Ordners')).toHaveValue(docs);
  await expect(page.getByLabel('Pfad des Ordners')).not.toHaveAttribute('aria-invalid', 'true');

  answer = true;
  await page.getByRole('button', { name: 'Hinzufügen und einlesen' }).click();
  await expect(page.getByTestId('folder-list')).toContainText(docs);
  expect(asked).toHaveLength(2);
  expect(app.blockedRequests).toEqual([]);
});

test('a folder chosen with "Durchsuchen …" is added without a confirmation', async ({ app }) => {
  const { page } = app;
  const docs = join(app.dataDir, 'akten');
  mkdirSync(docs);
  const asked: FolderConfirmation[] = [];
  await throughIpc(app, async (c) => (asked.push(c), false));
  await app.open('Dokumente');

  app.chooseFolder.next = docs;
  await page.getByRole('button', { name: 'Durchsuchen …' }).click();
  await expect(page.getByLabel('Pfad des Ordners')).toHaveValue(docs);
  await page.getByRole('button', { name: 'Hinzufügen und einlesen' }).click();
  await expect(page.getByTestId('folder-list')).toContainText(docs);
  expect(asked).toEqual([]);
});
