import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appErrorOf } from '../../e2e/fixtures/app-error';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { createCore, type Core } from '../core';
import { openDatabase } from '../db/open';
import type { Logger } from '../log';
import type { SettingsPatch } from '../contract';
import { databaseFile } from '../paths';

let dir: ReturnType<typeof tempDir>;
let core: Core;
const warnings: string[] = [];
const logger: Logger = { debug() {}, info() {}, error() {}, warn: (m) => void warnings.push(m) };

beforeEach(() => {
  dir = tempDir();
  warnings.length = 0;
  core = createCore({ dataDir: dir.path, env: {}, logger });
});
afterEach(() => {
  core.close();
  dir.remove();
});

describe('settings', () => {
  it('start with defaults: no host saved, so the default host is used', async () => {
    const view = await core.getSettings();
    expect(view.settings.ollamaHost).toBe('');
    expect(view.settings.letterhead.authority).toBe('');
    expect(view.effectiveOllamaHost).toBe('http://127.0.0.1:11434');
    expect(view.ollamaHostSource).toBe('default');
  });

  it('are saved in SQLite and survive a restart of the core', async () => {
    await core.updateSettings({ ollamaHost: 'http://gpu.rathaus.intern:11434', chatModel: 'qwen2.5:7b', letterhead: { authority: 'Hansestadt Lübeck', postalCode: '23552' } });
    core.close();
    core = createCore({ dataDir: dir.path, env: {}, logger });
    const view = await core.getSettings();
    expect(view.settings.ollamaHost).toBe('http://gpu.rathaus.intern:11434');
    expect(view.settings.chatModel).toBe('qwen2.5:7b');
    expect(view.settings.letterhead).toMatchObject({ authority: 'Hansestadt Lübeck', postalCode: '23552', city: '' });
    expect(view.ollamaHostSource).toBe('settings');
  });

  it('merge a partial letterhead into the saved one', async () => {
    await core.updateSettings({ letterhead: { authority: 'Stadt Leverkusen' } });
    await core.updateSettings({ letterhead: { city: 'Leverkusen' } });
    expect((await core.getSettings()).settings.letterhead).toMatchObject({ authority: 'Stadt Leverkusen', city: 'Leverkusen' });
  });

  it.each([
    ['ollamaHost', { ollamaHost: 'ftp://server' }, /http:\/\/ oder https:\/\//],
    ['ollamaHost', { ollamaHost: 'kein host' }, /gültige Adresse/],
    ['chatModel', { chatModel: 'rm -rf /; echo' }, /Modellname/],
    ['letterhead.email', { letterhead: { email: 'poststelle(at)luebeck' } }, /E-Mail-Adresse/],
    ['letterhead.postalCode', { letterhead: { postalCode: '2355' } }, /fünf Ziffern/],
    ['letterhead.phone', { letterhead: { phone: '0451 12x' } }, /Telefonnummer/],
    ['letterhead.land', { letterhead: { land: 'XX' } }, /Bundesland/],
    ['letterhead.signatureMode', { letterhead: { signatureMode: 'stempel' } }, /Unterschrift/],
  ])('reject an invalid %s with a German message for that field and keep the old value', async (field, patch, message) => {
    await core.updateSettings({ chatModel: 'llama3.1:8b' });
    const error = await appErrorOf(() => core.updateSettings(patch as SettingsPatch));
    expect(error.code).toBe('invalid_argument');
    expect(error.fields?.[field]).toMatch(message);
    expect((await core.getSettings()).settings.chatModel).toBe('llama3.1:8b');
  });

  it('read a letterhead saved before the office settings existed, with their defaults', async () => {
    core.close();
    const db = openDatabase(databaseFile(dir.path));
    db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('letterhead', ?, '2025-01-01')").run(JSON.stringify({ authority: 'Stadt Kiel', city: 'Kiel' }));
    db.close();
    core = createCore({ dataDir: dir.path, env: {}, logger });
    expect((await core.getSettings()).settings.letterhead).toMatchObject({ authority: 'Stadt Kiel', land: '', administrativeCourt: '', signatureMode: 'signed' });
    await core.updateSettings({ letterhead: { land: 'SH', signatureMode: 'machine' } });
    expect((await core.getSettings()).settings.letterhead).toMatchObject({ authority: 'Stadt Kiel', land: 'SH', signatureMode: 'machine' });
  });

  it('reject unknown keys', async () => {
    const error = await appErrorOf(() => core.updateSettings({ theme: 'dark' } as never));
    expect(error.code).toBe('invalid_argument');
    expect(Object.values(error.fields ?? {}).join()).toMatch(/Unbekannt/);
  });

  it('fall back to the default for a stored value that no longer validates, and log it', async () => {
    await core.updateSettings({ chatModel: 'qwen2.5:7b' });
    core.close();
    const db = openDatabase(databaseFile(dir.path));
    db.prepare("UPDATE settings SET value = ? WHERE key = 'chatModel'").run('"kaputt; DROP TABLE"');
    db.close();
    core = createCore({ dataDir: dir.path, env: {}, logger });
    expect((await core.getSettings()).settings.chatModel).toBe('');
    expect(warnings).toContain('stored setting is invalid, using default');
  });

  it('emit settingsChanged with the new view', async () => {
    const listener = vi.fn();
    const off = core.on('settingsChanged', listener);
    await core.updateSettings({ embeddingModel: 'bge-m3' });
    off();
    await core.updateSettings({ embeddingModel: 'bge-m3:latest' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]![0].settings.embeddingModel).toBe('bge-m3');
  });

  it('use OLLAMA_HOST when nothing is saved, and the saved host over it', async () => {
    core.close();
    core = createCore({ dataDir: dir.path, env: { OLLAMA_HOST: '0.0.0.0' }, logger });
    expect(await core.getSettings()).toMatchObject({ effectiveOllamaHost: 'http://127.0.0.1:11434', ollamaHostSource: 'environment' });
    await core.updateSettings({ ollamaHost: 'https://ki.leverkusen.intern/ollama' });
    expect(await core.getSettings()).toMatchObject({ effectiveOllamaHost: 'https://ki.leverkusen.intern/ollama', ollamaHostSource: 'settings' });
  });

  it('take defaults from createCore for what is not saved yet', async () => {
    core.close();
    core = createCore({ dataDir: join(dir.path, 'other'), env: {}, logger, settings: { chatModel: 'qwen2.5:7b' } });
    expect((await core.getSettings()).settings.chatModel).toBe('qwen2.5:7b');
  });
});
