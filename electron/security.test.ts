import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideRequest } from './request-policy';
import { DICTIONARY_URL, hardenSession, type SessionLike } from './security';

type Filter = (details: { url: string; resourceType: string }, callback: (response: { cancel: boolean }) => void) => void;

/** Stands in for a Session: records what hardenSession configures. */
function fakeSession() {
  const state = {
    filter: undefined as Filter | undefined,
    spellchecker: undefined as boolean | undefined,
    dictionaryUrl: undefined as string | undefined,
    permissionRequest: undefined as ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined,
    permissionCheck: undefined as (() => boolean) | undefined,
    devicePermission: undefined as (() => boolean) | undefined,
  };
  const session = {
    webRequest: { onBeforeRequest: (filter: Filter) => void (state.filter = filter) },
    setSpellCheckerEnabled: (enable: boolean) => void (state.spellchecker = enable),
    setSpellCheckerDictionaryDownloadURL: (url: string) => void (state.dictionaryUrl = url),
    setPermissionRequestHandler: (handler: typeof state.permissionRequest) => void (state.permissionRequest = handler),
    setPermissionCheckHandler: (handler: typeof state.permissionCheck) => void (state.permissionCheck = handler),
    setDevicePermissionHandler: (handler: typeof state.devicePermission) => void (state.devicePermission = handler),
  };
  const request = (url: string, resourceType = 'xhr') =>
    new Promise<boolean>((done) => state.filter!({ url, resourceType }, (response) => done(response.cancel)));
  return { session: session as unknown as SessionLike, state, request };
}

describe('hardenSession', () => {
  const policy = { ollamaOrigin: 'http://127.0.0.1:11434', rendererDir: resolve('/opt/app/dist/renderer'), devTools: false };

  it('cancels and logs what the policy blocks, passes what it allows', async () => {
    const { session, request } = fakeSession();
    const blocked: unknown[] = [];
    hardenSession(session, { decide: (url) => decideRequest(url, policy), onBlocked: (...args) => blocked.push(args) });
    expect(await request('app://stadtschreiber/index.html', 'mainFrame')).toBe(false);
    expect(await request('http://127.0.0.1:11434/api/version')).toBe(false);
    expect(await request('https://redirector.gvt1.com/edgedl/chrome/dict/de-de-3-0.bdic', 'other')).toBe(true);
    expect(await request('https://example.org/pixel.gif', 'image')).toBe(true);
    expect(blocked).toEqual([
      ['https://redirector.gvt1.com/edgedl/chrome/dict/de-de-3-0.bdic', 'host outside the allow list', 'other'],
      ['https://example.org/pixel.gif', 'host outside the allow list', 'image'],
    ]);
  });

  it('reads the policy on every request, so a new Ollama host applies at once', async () => {
    const { session, request } = fakeSession();
    const live = { ...policy };
    hardenSession(session, { decide: (url) => decideRequest(url, live), onBlocked: () => {} });
    expect(await request('http://10.0.0.5:11434/api/tags')).toBe(true);
    live.ollamaOrigin = 'http://10.0.0.5:11434';
    expect(await request('http://10.0.0.5:11434/api/tags')).toBe(false);
  });

  it('switches the spellchecker off and points any dictionary download at our own origin', () => {
    const { session, state } = fakeSession();
    hardenSession(session, { decide: () => ({ allow: true, reason: '' }), onBlocked: () => {} });
    expect(state.spellchecker).toBe(false);
    expect(DICTIONARY_URL).toBe('app://stadtschreiber/woerterbuecher/');
    expect(state.dictionaryUrl).toBe(DICTIONARY_URL);
  });

  it('grants no permission', async () => {
    const { session, state } = fakeSession();
    hardenSession(session, { decide: () => ({ allow: true, reason: '' }), onBlocked: () => {} });
    const granted = await new Promise<boolean>((done) => state.permissionRequest!(null, 'media', done));
    expect(granted).toBe(false);
    expect(state.permissionCheck!()).toBe(false);
    expect(state.devicePermission!()).toBe(false);
  });
});
