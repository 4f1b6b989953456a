import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The spellchecker stays off. Chromium's spellchecker on Windows and Linux
 * downloads its Hunspell dictionaries from Google's servers, which must never
 * be reached from the administration; shipping a dictionary instead needs
 * Chromium's .bdic format (Debian ships .dic/.aff). One switch for the
 * window, the session and the context menu.
 */
export const SPELLCHECK = false;

export interface WindowSetup {
  /** The bundled preload script. */
  preload: string;
  /** app.isPackaged: an installed build, not `npm start`. */
  packaged: boolean;
}

/** The renderer's web preferences: isolated, sandboxed, no Node, no DevTools in an installed build. */
export function webPreferencesFor({ preload, packaged }: WindowSetup): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: SPELLCHECK,
    devTools: !packaged,
  };
}

/** The one window. */
export function windowOptions(setup: WindowSetup): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Stadtschreiber',
    show: false,
    webPreferences: webPreferencesFor(setup),
  };
}
