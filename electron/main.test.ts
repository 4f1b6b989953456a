/**
 * The wiring of electron/main.ts, which cannot run here (no Electron binary):
 * the module is loaded against a recording stand-in for 'electron', its
 * 'ready' handler is run, and what it set up is checked: the session's
 * request filter and spellchecker, the window's web preferences, the German
 * menus, the folder gate on IPC.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { channelOf } from '../main/contract';
import { FOLDER_DECLINED } from './ipc';

type Handler = (...args: unknown[]) => unknown;

const shell = vi.hoisted(() => {
  const state = {
    packaged: true,
    ready: undefined as (() => void) | undefined,
    appHandlers: new Map<string, Handler>(),
    ipcHandlers: new Map<string, Handler>(),
    filter: undefined as ((details: { url: string; resourceType: string }, callback: (r: { cancel: boolean }) => void) => void) | undefined,
    spellchecker: undefined as boolean | undefined,
    dictionaryUrl: undefined as string | undefined,
    applicationMenu: undefined as MenuItemConstructorOptions[] | undefined,
    popups: [] as MenuItemConstructorOptions[][],
    windows: [] as { options: { webPreferences: Record<string, unknown> }; contentsHandlers: Map<string, Handler> }[],
    messageBoxes: [] as { message: string; type: string; detail: string }[],
    answer: 1,
    chosen: null as string | null,
  };
  const session = {
    webRequest: { onBeforeRequest: (filter: typeof state.filter) => void (state.filter = filter) },
    setSpellCheckerEnabled: (enable: boolean) => void (state.spellchecker = enable),
    setSpellCheckerDictionaryDownloadURL: (url: string) => void (state.dictionaryUrl = url),
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
  };
  class BrowserWindow {
    readonly contentsHandlers = new Map<string, Handler>();
    readonly webContents = {
      on: (event: string, handler: Handler) => void this.contentsHandlers.set(event, handler),
      setWindowOpenHandler: () => {},
      send: () => {},
      replaceMisspelling: () => {},
    };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      state.windows.push(this);
    }
    once() {}
    async loadURL() {}
    isDestroyed() {
      return false;
    }
  }
  const electron = {
    app: {
      get isPackaged() {
        return state.packaged;
      },
      enableSandbox: () => {},
      requestSingleInstanceLock: () => true,
      quit: () => {},
      exit: () => {},
      on: (event: string, handler: Handler) => void state.appHandlers.set(event, handler),
      whenReady: () => ({ then: (fn: () => void) => void (state.ready = fn) }),
      getPath: () => '/nonexistent',
      getVersion: () => '0.1.0',
      setAboutPanelOptions: () => {},
    },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    session: { defaultSession: session },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template, popup: () => void state.popups.push(template) }),
      setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] }) => void (state.applicationMenu = menu.template),
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, handler: Handler) => void state.ipcHandlers.set(channel, handler), removeHandler: () => {} },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        state.messageBoxes.push(args.at(-1) as (typeof state.messageBoxes)[number]);
        return { response: state.answer };
      },
      showOpenDialog: async () => ({ canceled: state.chosen === null, filePaths: state.chosen ? [state.chosen] : [] }),
      showErrorBox: (title: string, message: string) => {
        throw new Error(`${title}: ${message}`);
      },
    },
    shell: { openPath: async () => '' },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...shell.electron, default: shell.electron }));

const ownFrame = { senderFrame: { url: 'app://stadtschreiber/index.html', parent: null } };
const { state } = shell;
let dir: ReturnType<typeof tempDir>;

async function boot(packaged: boolean) {
  state.packaged = packaged;
  vi.resetModules();
  await import('./main');
  state.ready!();
}

const request = (url: string, resourceType = 'xhr') => new Promise<boolean>((done) => state.filter!({ url, resourceType }, (r) => done(r.cancel)));
const invoke = (name: Parameters<typeof channelOf>[0], arg?: unknown) => state.ipcHandlers.get(channelOf(name))!(ownFrame, arg);
const flatten = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);

beforeEach(() => {
  dir = tempDir();
  vi.stubEnv('STADTSCHREIBER_DATA', join(dir.path, 'data'));
  vi.stubEnv('OLLAMA_HOST', 'http://10.9.8.7:11434');
  Object.assign(state, { appHandlers: new Map(), ipcHandlers: new Map(), windows: [], messageBoxes: [], popups: [], answer: 1, chosen: null });
});
afterEach(() => {
  state.appHandlers.get('will-quit')?.();
  vi.unstubAllEnvs();
  dir.remove();
});

describe('the desktop shell, once ready', () => {
  it('cancels and logs every request but its own files and the Ollama host, and has no spellchecker', async () => {
    await boot(true);
    expect(state.spellchecker).toBe(false);
    expect(state.dictionaryUrl).toBe('app://stadtschreiber/woerterbuecher/');
    expect(await request('app://stadtschreiber/index.html', 'mainFrame')).toBe(false);
    expect(await request('https://redirector.gvt1.com/edgedl/chrome/dict/de-de-3-0.bdic', 'other')).toBe(true);
    expect(await request('devtools://devtools/bundled/inspector.html')).toBe(true);
    // The Ollama origin is read from the core's settings (here OLLAMA_HOST) once they are loaded.
    await vi.waitFor(async () => expect(await request('http://10.9.8.7:11434/api/tags')).toBe(false));
    expect(await request('http://10.9.8.7:11435/api/tags')).toBe(true);
    const log = join(dir.path, 'data', 'logs', 'stadtschreiber.log');
    await vi.waitFor(() => expect(existsSync(log) && readFileSync(log, 'utf8')).toContain('redirector.gvt1.com'));
    const entry = readFileSync(log, 'utf8').split('\n').find((line) => line.includes('redirector.gvt1.com'))!;
    expect(JSON.parse(entry)).toMatchObject({ level: 'warn', message: 'request blocked', reason: 'host outside the allow list', resourceType: 'other' });
  });

  it('opens its window without DevTools or spellchecker in a packaged build, with DevTools in development', async () => {
    await boot(true);
    expect(state.windows[0]!.options.webPreferences).toMatchObject({ devTools: false, spellcheck: false, sandbox: true, contextIsolation: true });
    state.appHandlers.get('will-quit')?.();
    state.windows = [];
    await boot(false);
    expect(state.windows[0]!.options.webPreferences).toMatchObject({ devTools: true, spellcheck: false });
  });

  it('sets the German application menu, without developer tools when packaged', async () => {
    await boot(true);
    const labels = state.applicationMenu!.map((m) => m.label);
    expect(labels).toContain('Bearbeiten');
    expect(labels).toContain('Ansicht');
    expect(flatten(state.applicationMenu!).some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('shows the German context menu in a text field', async () => {
    await boot(true);
    const params = { isEditable: true, selectionText: '', misspelledWord: '', dictionarySuggestions: [], editFlags: { canCut: false, canCopy: false, canPaste: true } };
    state.windows[0]!.contentsHandlers.get('context-menu')!({}, params);
    expect(state.popups.map((t) => t.map((i) => i.label))).toEqual([['Ausschneiden', 'Kopieren', 'Einfügen']]);
  });

  it('adds a folder over IPC only when chosen in the dialog or confirmed in a native dialog naming it', async () => {
    await boot(true);
    const docs = join(dir.path, 'Akten');
    mkdirSync(docs);
    state.answer = 1; // "Abbrechen"
    expect(await invoke('addFolder', { path: docs })).toEqual(FOLDER_DECLINED);
    expect(state.messageBoxes.map((b) => b.message)).toEqual([`Den Ordner „${docs}“ hinzufügen und einlesen?`]);
    state.chosen = docs;
    expect(await invoke('chooseFolder')).toEqual({ ok: true, value: { path: docs } });
    expect(await invoke('addFolder', { path: docs })).toMatchObject({ ok: true, value: { folder: { path: docs } } });
    expect(state.messageBoxes).toHaveLength(1);
    expect(await invoke('addFolder', { path: '\\\\fremder-server\\freigabe' })).toEqual(FOLDER_DECLINED);
    expect(state.messageBoxes.at(-1)).toMatchObject({ type: 'warning', detail: expect.stringContaining('\\\\fremder-server\\freigabe') });
  });
});
