import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { CALL_NAMES, channelOf } from '../main/contract';
import { createCore, type Core } from '../main/core';
import { silentLogger } from '../main/log';
import { isTrustedSender, registerIpc, UNTRUSTED_SENDER, type IpcMainLike } from './ipc';

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
