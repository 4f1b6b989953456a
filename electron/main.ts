/**
 * The desktop shell: app lifecycle, one window, the core started from the
 * user's data folder. The only code that imports 'electron'.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_NAMES, channelOf } from '../main/contract';
import { createCore, type Core } from '../main/core';
import { AppError } from '../main/errors';
import { APP_ENTRY } from './asset-path';
import { registerIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenSession, hardenWebContents } from './security';

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
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Stadtschreiber',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  serveRenderer(rendererDir);
  try {
    core = createCore({
      dataDir: dataDir(),
      nativeBinding: nativeBinding(),
      watch: true,
      platform: {
        async chooseFolder() {
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
          // shell.openPath answers with an error text instead of throwing.
          const error = await shell.openPath(path);
          if (error) throw new Error(error);
        },
      },
    });
  } catch (error) {
    const message = error instanceof AppError ? error.userMessage : String(error);
    dialog.showErrorBox('Stadtschreiber kann nicht starten', message);
    app.exit(1);
    return;
  }
  registerIpc(ipcMain, core);
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
