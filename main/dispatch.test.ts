import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { CALL_NAMES, calls, channelOf, EVENT_NAMES } from './contract';
import { createCore, type Core } from './core';
import { migrations } from './db/migrations';
import { dispatch } from './dispatch';
import type { Logger } from './log';

let dir: ReturnType<typeof tempDir>;
let core: Core;
const logged: { level: string; message: string; data?: Record<string, unknown> }[] = [];
const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message, data) => void logged.push({ level: 'warn', message, data }),
  error: (message, data) => void logged.push({ level: 'error', message, data }),
};

beforeEach(() => {
  dir = tempDir();
  logged.length = 0;
  core = createCore({ dataDir: dir.path, env: {}, logger });
});
afterEach(() => {
  core.close();
  dir.remove();
});

describe('the contract', () => {
  it('gives every call and event its own channel', () => {
    const channels = [...CALL_NAMES, ...EVENT_NAMES].map(channelOf);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('describes exactly what the core implements', () => {
    for (const name of CALL_NAMES) expect(typeof core[name], name).toBe('function');
    expect(CALL_NAMES.sort()).toEqual(Object.keys(calls).sort());
  });
});

describe('dispatch', () => {
  it('returns { ok: true, value } for a valid call', async () => {
    const result = await dispatch(core, 'getAppInfo', undefined);
    expect(result).toMatchObject({ ok: true, value: { dataDir: dir.path, schemaVersion: migrations.length } });
  });

  it('rejects an unknown call without touching the core', async () => {
    const result = await dispatch(core, 'close', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_argument', message: 'Unbekannte Anfrage an den Programmkern.' } });
    expect((await core.getAppInfo()).dataDir).toBe(dir.path);
  });

  it('rejects a malformed argument with per-field German messages', async () => {
    const result = await dispatch(core, 'updateSettings', { ollamaHost: 42, letterhead: { email: 'x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_argument');
    expect(result.error.fields?.ollamaHost).toMatch(/erwartet string/);
    expect(result.error.fields?.['letterhead.email']).toMatch(/E-Mail-Adresse/);
    expect(logged.some((l) => l.message === 'call argument rejected')).toBe(true);
  });

  it('rejects an argument where none is expected', async () => {
    const result = await dispatch(core, 'getSettings', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('turns an unexpected exception into an internal error and logs the precise cause', async () => {
    core.close(); // the database is gone: reading settings throws a raw TypeError from better-sqlite3
    const result = await dispatch(core, 'getSettings', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).toMatch(/Protokolldatei/);
    const entry = logged.find((l) => l.message === 'call crashed');
    expect(entry?.level).toBe('error');
    expect(String((entry?.data?.error as Error).message)).toMatch(/database connection is not open/);
  });

  it('says in German that the database is busy when another process holds it, and logs SQLite\'s code', async () => {
    const busy = Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });
    const original = core.getSettings;
    core.getSettings = async () => {
      throw busy;
    };
    try {
      const result = await dispatch(core, 'getSettings', undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      if (!result.ok) expect(result.error.message).toMatch(/gerade durch einen anderen Vorgang belegt/);
      const entry = logged.find((l) => l.message === 'call failed on storage');
      expect((entry?.data?.error as { code?: string }).code).toBe('SQLITE_BUSY');
    } finally {
      core.getSettings = original;
    }
  });
});
