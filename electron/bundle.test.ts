/**
 * The desktop tier cannot run here (no Electron binary), so this test builds
 * the real Electron bundles and loads the main one against a recording
 * stand-in for the 'electron' module: every bundled dependency must resolve,
 * and the shell must set up its security before the app is ready.
 */
import { execFileSync } from 'node:child_process';
import { createRequire, Module } from 'node:module';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const calls: string[] = [];
let ready: (() => void) | undefined;

function fakeElectron() {
  const record = (name: string, result: unknown = undefined) => (...args: unknown[]) => {
    calls.push(`${name} ${JSON.stringify(args[0] ?? null)}`);
    return result;
  };
  return {
    app: {
      enableSandbox: record('app.enableSandbox'),
      requestSingleInstanceLock: record('app.requestSingleInstanceLock', true),
      quit: record('app.quit'),
      on: record('app.on'),
      whenReady: () => ({ then: (fn: () => void) => void (ready = fn) }),
      isPackaged: false,
      getPath: () => '/nonexistent',
    },
    protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'), handle: record('protocol.handle') },
    BrowserWindow: function () {},
    dialog: {},
    ipcMain: {},
    session: {},
    shell: {},
  };
}

describe('the Electron main bundle', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [resolve(root, 'scripts', 'build-electron.mjs')], { cwd: root });
  });

  it('loads with all its dependencies and registers app:// and the sandbox before ready', () => {
    const require = createRequire(import.meta.url);
    const moduleLoad = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
    const stub = fakeElectron();
    (Module as unknown as { _load: typeof moduleLoad })._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? stub : moduleLoad.call(this, request, ...rest);
    };
    try {
      require(resolve(root, 'dist', 'electron', 'main.cjs'));
    } finally {
      (Module as unknown as { _load: typeof moduleLoad })._load = moduleLoad;
    }
    expect(calls).toContain('protocol.registerSchemesAsPrivileged [{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]');
    expect(calls).toContain('app.enableSandbox null');
    expect(calls.some((c) => c.startsWith('app.on "web-contents-created"'))).toBe(true);
    expect(typeof ready).toBe('function');
  });
});
