import type { IpcMainInvokeEvent } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { CALL_NAMES, channelOf } from '../main/contract';
import { createCore, type Core } from '../main/core';
import { silentLogger } from '../main/log';
import { FolderGate, type FolderConfirmation } from './folder-gate';
import { FOLDER_DECLINED, FOLDER_REFUSED, isTrustedSender, registerIpc, UNTRUSTED_SENDER, type IpcMainLike } from './ipc';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Stands in for ipcMain: records handlers so the test can invoke them like Electron would. */
class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(channel: string, frame: { url: string; parent: unknown } | null, arg?: unknown) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: frame } as unknown as IpcMainInvokeEvent, arg);
  }
}

const ownFrame = { url: 'app://stadtschreiber/index.html', parent: null };

let dir: ReturnType<typeof tempDir>;
let core: Core;
let ipc: FakeIpcMain;
let unregister: () => void;
beforeEach(() => {
  dir = tempDir();
  core = createCore({ dataDir: dir.path, env: {}, logger: silentLogger });
  ipc = new FakeIpcMain();
  unregister = registerIpc(ipc, core);
});
afterEach(() => {
  core.close();
  dir.remove();
});

describe('registerIpc', () => {
  it('registers exactly one handler per contract call, and removes them again', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(CALL_NAMES.map(channelOf).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers our own window with { ok: true, value }', async () => {
    const result = await ipc.invoke(channelOf('getSettings'), ownFrame);
    expect(result).toMatchObject({ ok: true, value: { ollamaHostSource: 'default' } });
  });

  it('returns an error object for a bad argument, never a raw exception', async () => {
    const result = await ipc.invoke(channelOf('updateSettings'), ownFrame, { ollamaHost: 'javascript:alert(1)' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument', fields: { ollamaHost: expect.stringMatching(/http/) } } });
    const garbage = await ipc.invoke(channelOf('updateSettings'), ownFrame, 'not an object');
    expect(garbage).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['an iframe inside our page', { url: 'app://stadtschreiber/index.html', parent: {} }],
    ['a destroyed frame', null],
  ])('drops a call from %s without reaching the core', async (_name, frame) => {
    const result = await ipc.invoke(channelOf('updateSettings'), frame, { chatModel: 'boese:latest' });
    expect(result).toEqual(UNTRUSTED_SENDER);
    expect((await core.getSettings()).settings.chatModel).toBe('');
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of app://stadtschreiber', () => {
    expect(isTrustedSender({ senderFrame: ownFrame } as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'file:///index.html', parent: null } } as never)).toBe(false);
  });
});

describe('addFolder over IPC', () => {
  let folderCore: Core;
  let folderIpc: FakeIpcMain;
  let docs: string;
  let dialogAnswer: string | null;

  /** A core whose folder dialog answers `dialogAnswer`, behind IPC with the given gate (none: the default). */
  const setUp = (gate?: FolderGate) => {
    folderCore = createCore({ dataDir: join(dir.path, 'folder-core'), env: {}, logger: silentLogger, platform: { chooseFolder: async () => dialogAnswer } });
    folderIpc = new FakeIpcMain();
    registerIpc(folderIpc, folderCore, gate ? { folders: gate } : {});
  };
  const add = (path: unknown, frame: { url: string; parent: unknown } | null = ownFrame) => folderIpc.invoke(channelOf('addFolder'), frame, { path });
  const folderPaths = async () => (await folderCore.listFolders()).map((f) => f.path);

  beforeEach(() => {
    docs = join(dir.path, 'Akten');
    mkdirSync(docs);
    dialogAnswer = docs;
  });
  afterEach(async () => {
    await folderCore.idle();
    folderCore.close();
  });

  it('refuses a typed path by default: only what the folder dialog chose can be added', async () => {
    setUp();
    expect(await add(docs)).toEqual(FOLDER_REFUSED);
    expect(FOLDER_REFUSED).toMatchObject({ ok: false, error: { message: expect.stringContaining('Durchsuchen') } });
    expect(await folderPaths()).toEqual([]);
  });

  it('adds the folder the dialog chose, once, without asking', async () => {
    setUp();
    expect(await folderIpc.invoke(channelOf('chooseFolder'), ownFrame)).toEqual({ ok: true, value: { path: docs } });
    expect(await add(docs)).toMatchObject({ ok: true, value: { folder: { path: docs } } });
    expect(await folderPaths()).toEqual([docs]);
    await folderCore.removeFolder({ id: (await folderCore.listFolders())[0]!.id });
    expect(await add(docs)).toEqual(FOLDER_REFUSED);
  });

  it('does not take a cancelled dialog as a choice', async () => {
    dialogAnswer = null;
    setUp();
    expect(await folderIpc.invoke(channelOf('chooseFolder'), ownFrame)).toEqual({ ok: true, value: { path: null } });
    expect(await add(docs)).toEqual(FOLDER_REFUSED);
  });

  it('asks the clerk about a typed path, naming it, and adds it only after "Hinzufügen"', async () => {
    const asked: FolderConfirmation[] = [];
    let answer = false;
    setUp(new FolderGate({ confirm: async (c) => (asked.push(c), answer) }));
    expect(await add(docs)).toEqual(FOLDER_DECLINED);
    expect(FOLDER_DECLINED.ok === false && FOLDER_DECLINED.error.code).toBe('cancelled');
    expect(await folderPaths()).toEqual([]);
    answer = true;
    expect(await add(`  ${docs}  `)).toMatchObject({ ok: true });
    expect(await folderPaths()).toEqual([docs]);
    expect(asked.map((c) => c.message)).toEqual([`Den Ordner „${docs}“ hinzufügen und einlesen?`, `Den Ordner „${docs}“ hinzufügen und einlesen?`]);
  });

  it('decides about a network path before the core touches it', async () => {
    const asked: FolderConfirmation[] = [];
    setUp(new FolderGate({ confirm: async (c) => (asked.push(c), false) }));
    expect(await add('\\\\evil.example\\share')).toEqual(FOLDER_DECLINED);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ type: 'warning', detail: expect.stringContaining('\\\\evil.example\\share') });
  });

  it('lets an invalid argument reach the contract’s validation without asking anyone', async () => {
    const confirm = vi.fn(async () => true);
    setUp(new FolderGate({ confirm }));
    expect(await add('')).toMatchObject({ ok: false, error: { code: 'invalid_argument', fields: { path: 'Bitte einen Ordner angeben.' } } });
    expect(await folderIpc.invoke(channelOf('addFolder'), ownFrame, { path: docs, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(confirm).not.toHaveBeenCalled();
  });

  it('drops an untrusted sender before any dialog opens', async () => {
    const confirm = vi.fn(async () => true);
    setUp(new FolderGate({ confirm }));
    expect(await add(docs, { url: 'https://evil.example/', parent: null })).toEqual(UNTRUSTED_SENDER);
    expect(confirm).not.toHaveBeenCalled();
  });

  it('leaves the core itself alone: the CLI adds any folder directly', async () => {
    setUp();
    expect((await folderCore.addFolder({ path: docs })).folder.path).toBe(docs);
  });
});
