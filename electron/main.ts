/**
 * The desktop shell: app lifecycle, one window, the core started from the
 * user's data folder. The only code that imports 'electron'.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENT_NAMES, channelOf } from '../main/contract';
import { createCore, type Core } from '../main/core';
import type { Platform } from '../main/platform';
import { AppError } from '../main/errors';
import { kindOf } from '../main/ingest/formats';
import { APP_ENTRY } from './asset-path';
import { FolderGate, loadNetworkRoots } from './folder-gate';
import { registerIpc } from './ipc';
import { aboutBox, applicationMenuTemplate, contextMenuTemplate } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { decideRequest, loggableUrl, originOf, type RequestPolicy } from './request-policy';
import { hardenSession, hardenWebContents } from './security';
import { SPELLCHECK, windowOptions } from './window-options';

// dist/electron/main.cjs → dist/renderer
const rendererDir = join(__dirname, '..', 'renderer');

registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | undefined;
let window: BrowserWindow | undefined;

function dataDir(): string {
  return process.env.STADTSCHREIBER_DATA ?? app.getPath('userData');
}

/** In development better-sqlite3 is built for Node; `npm start` prepares an Electron build beside it. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const candidate = join(__dirname, '..', '..', '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions({ preload: join(__dirname, 'preload.cjs'), packaged: app.isPackaged }));
  hardenWebContents(win.webContents);
  win.webContents.on('context-menu', (_event, params) => {
    const template = contextMenuTemplate(params, { spellcheck: SPELLCHECK, replaceMisspelling: (word) => win.webContents.replaceMisspelling(word) });
    if (template.length > 0) Menu.buildFromTemplate(template).popup({ window: win });
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}

/** What the renderer's session lets through; the Ollama origin follows the settings. */
const requestPolicy: RequestPolicy = { ollamaOrigin: null, rendererDir, devTools: !app.isPackaged };

/** Mapped drives (`net use`) and network mounts, read when a folder is about to be added. */
const mountSources = {
  run: (command: string, args: string[]) =>
    new Promise<string>((done, fail) =>
      execFile(command, args, { timeout: 5000, windowsHide: true, encoding: 'latin1' }, (error, stdout) => (error ? fail(error) : done(stdout))),
    ),
  read: (file: string) => readFile(file, 'utf8'),
};

const folderGate = new FolderGate({
  async confirm(confirmation) {
    const result = window && !window.isDestroyed() ? await dialog.showMessageBox(window, confirmation) : await dialog.showMessageBox(confirmation);
    return result.response === 0;
  },
  networkRoots: () => loadNetworkRoots(process.platform, mountSources),
});

/** The desktop's abilities (main/platform.ts): native dialogs, opening a file with its program, restarting. */
function desktopPlatform(): Platform {
  return {
    async chooseFolder() {
      // What this returns is remembered by the folder gate (see ipc.ts): adding it asks nothing more.
      const options = { title: 'Ordner mit Dokumenten wählen', properties: ['openDirectory' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseSavePath(suggestedName, format) {
      const filters = format === 'docx' ? [{ name: 'Word-Dokument', extensions: ['docx'] }] : [{ name: 'Markdown', extensions: ['md'] }];
      const options = { title: 'Speichern unter', defaultPath: join(app.getPath('documents'), suggestedName), filters };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled ? null : (result.filePath ?? null);
    },
    async chooseOpenFile(kind) {
      const filters = kind === 'docx' ? [{ name: 'Word-Dokument', extensions: ['docx'] }] : [{ name: 'Bild (PNG oder JPEG)', extensions: ['png', 'jpg', 'jpeg'] }];
      const options = { title: kind === 'docx' ? 'Word-Vorlage wählen' : 'Logo wählen', filters, properties: ['openFile' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openPath(path) {
      // The core opens only indexed documents; the shell never hands the system another file type.
      if (!kindOf(path)) throw new Error(`refusing to open ${path}: not a document type the indexer reads`);
      // shell.openPath answers with an error text instead of throwing.
      const error = await shell.openPath(path);
      if (error) throw new Error(error);
    },
    // A scheduled repair of the database runs at the start of the app.
    restartApp() {
      app.relaunch();
      app.quit();
    },
  };
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

app.whenReady().then(() => {
  hardenSession(session.defaultSession, {
    decide: (url) => decideRequest(url, requestPolicy),
    onBlocked: (url, reason, resourceType) => {
      const entry = { url: loggableUrl(url), reason, resourceType };
      if (core) core.log.warn('request blocked', entry);
      else console.warn('request blocked', entry);
    },
  });
  const onAbout = () => {
    const box = aboutBox(app.getVersion());
    void (window && !window.isDestroyed() ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box));
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate({ packaged: app.isPackaged, platform: process.platform, onAbout })));
  // macOS shows its own about panel (role "about").
  app.setAboutPanelOptions({ applicationName: 'Stadtschreiber', applicationVersion: app.getVersion(), copyright: aboutBox('').detail });
  serveRenderer(rendererDir);
  try {
    core = createCore({
      dataDir: dataDir(),
      nativeBinding: nativeBinding(),
      watch: true,
      platform: desktopPlatform(),
    });
  } catch (error) {
    const message = error instanceof AppError ? error.userMessage : String(error);
    dialog.showErrorBox('Stadtschreiber kann nicht starten', message);
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, core, { folders: folderGate });
  const running = core;
  running.on('settingsChanged', (view) => (requestPolicy.ollamaOrigin = originOf(view.effectiveOllamaHost)));
  void running.getSettings().then((view) => (requestPolicy.ollamaOrigin = originOf(view.effectiveOllamaHost)));
  window = createWindow();
  for (const event of EVENT_NAMES) {
    core.on(event, (payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(channelOf(event), payload);
    });
  }
});

app.on('second-instance', () => {
  if (window && !window.isDestroyed()) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => core?.close());
