/**
 * The desktop tier cannot run here (no Electron binary), so this test builds
 * the real Electron bundles and loads the main one against a recording
 * stand-in for the 'electron' module: every bundled dependency must resolve,
 * and the shell must set up its security before the app is ready.
 */
import { execFileSync } from 'node:child_process';
import { createRequire, Module } from 'node:module';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { openDatabase } from '../main/db/open';
import { BUNDLED_WRITER, type WriterReply, type WriterRequest } from '../main/index/index-writer';

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

describe('the bundled index writer thread', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [resolve(root, 'scripts', 'build-electron.mjs')], { cwd: root });
  });

  it('runs beside the main bundle and writes a document with its chunks and FTS rows', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'index.db');
    const db = openDatabase(file);
    const folderId = Number(db.prepare("INSERT INTO folders (path, added_at) VALUES ('/akten', '2026-01-01')").run().lastInsertRowid);
    const worker = new Worker(resolve(root, 'dist', 'electron', BUNDLED_WRITER), { workerData: { file } });
    try {
      const reply = new Promise<WriterReply>((done) => worker.on('message', (r: WriterReply) => r.kind === 'written' && done(r)));
      const record = { folderId, path: '/akten/a.md', title: 'a', kind: 'md', size: 1, mtimeMs: 1, sha256: '', status: 'indexed' };
      const request: WriterRequest = { kind: 'write', id: 1, rows: [{ record: record as never, chunks: [{ heading: 'A', text: 'Hundesteuer' }], terms: [['a', 'a', '', 'hundesteu']], replaces: null }] };
      worker.postMessage(request);
      expect(await reply).toMatchObject({ kind: 'written', id: 1, results: [{ id: expect.any(Number), chunkIds: [expect.any(Number)], removedChunks: 0 }] });
      expect(db.prepare(`SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH 'hundesteu'`).get()).toEqual({ n: 1 });
    } finally {
      await worker.terminate();
      db.close();
      dir.remove();
    }
  });
});

