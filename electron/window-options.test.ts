import { describe, expect, it } from 'vitest';
import { SPELLCHECK, webPreferencesFor, windowOptions } from './window-options';

describe('webPreferencesFor', () => {
  it('switches DevTools off in an installed build and on in development', () => {
    expect(webPreferencesFor({ preload: '/app/preload.cjs', packaged: true }).devTools).toBe(false);
    expect(webPreferencesFor({ preload: '/app/preload.cjs', packaged: false }).devTools).toBe(true);
  });

  it.each([true, false])('keeps the renderer isolated and sandboxed without Node (packaged: %s)', (packaged) => {
    expect(webPreferencesFor({ preload: '/app/preload.cjs', packaged })).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('has no spellchecker: it would download its dictionaries from Google', () => {
    expect(SPELLCHECK).toBe(false);
    expect(webPreferencesFor({ preload: 'p', packaged: true }).spellcheck).toBe(false);
  });
});

describe('windowOptions', () => {
  it('opens hidden until ready, titled, with those web preferences', () => {
    const options = windowOptions({ preload: 'p', packaged: true });
    expect(options).toMatchObject({ title: 'Stadtschreiber', show: false, minWidth: 900, minHeight: 600 });
    expect(options.webPreferences).toEqual(webPreferencesFor({ preload: 'p', packaged: true }));
  });
});
