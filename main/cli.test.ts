import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST, tempDir } from '../e2e/fixtures/temp-dir';
import { runCli } from './cli';
import { migrations } from './db/migrations';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}

describe('stadtschreiber status', () => {
  it('--json says Ollama is not reachable when nothing listens', async () => {
    const { code, stdout } = await cli(['status', '--json', '--data-dir', dir.path], { OLLAMA_HOST: CLOSED_PORT_HOST });
    expect(code).toBe(0);
    const status = JSON.parse(stdout);
    expect(status).toMatchObject({ dataDir: dir.path, schemaVersion: migrations.length, ollama: { host: CLOSED_PORT_HOST, reachable: false, models: [], hostSource: 'environment' } });
    expect(status.ollama.error.message).toMatch(/nicht erreichbar/);
  });

  it('--json lists the models of a reachable server', async () => {
    const { code, stdout } = await cli(['status', '--json'], { STADTSCHREIBER_DATA: dir.path, OLLAMA_HOST: fake.url });
    expect(code).toBe(0);
    const status = JSON.parse(stdout);
    expect(status.dataDir).toBe(dir.path);
    expect(status.ollama.reachable).toBe(true);
    expect(status.ollama.version).toBe(fake.version);
    expect(status.ollama.models.map((m: { name: string }) => m.name)).toEqual(['bge-m3:latest', 'qwen2.5:7b']);
  });

  it('prints a German summary for people', async () => {
    const { stdout } = await cli(['status', '--data-dir', dir.path], { OLLAMA_HOST: fake.url });
    expect(stdout).toContain(`Datenordner:     ${dir.path}`);
    expect(stdout).toMatch(/Ollama: +verbunden \(Version 0\.12\.6\), 2 Modelle/);
    expect(stdout).toMatch(/qwen2\.5:7b \(4,7 GB\)/);
  });

  it('prints no size for a model whose server does not say it', async () => {
    fake.omit = { tags: ['size', 'modified_at'] };
    try {
      const { stdout } = await cli(['status', '--data-dir', dir.path], { OLLAMA_HOST: fake.url });
      expect(stdout).toMatch(/– qwen2\.5:7b\n/);
      expect(stdout).not.toMatch(/\(0 B\)|\(0 MB\)|GB\)/);
      const json = JSON.parse((await cli(['status', '--json', '--data-dir', dir.path], { OLLAMA_HOST: fake.url })).stdout);
      expect(json.ollama.models[1]).toMatchObject({ name: 'qwen2.5:7b', sizeBytes: null, modifiedAt: null });
    } finally {
      fake.omit = {};
    }
  });

  it('exits 1 with a German message when the database is from a newer version', async () => {
    const { openDatabase } = await import('./db/open');
    const { databaseFile } = await import('./paths');
    const db = openDatabase(databaseFile(dir.path));
    db.pragma('user_version = 42');
    db.close();
    const { code, stderr } = await cli(['status', '--data-dir', dir.path], { OLLAMA_HOST: CLOSED_PORT_HOST });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Fehler: Die Datenbank wurde von einer neueren Version/);
  });
});

describe('stadtschreiber index and search', () => {
  it('indexes a folder with progress on stderr, then searches it as JSON', async () => {
    const docs = join(dir.path, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'gebuehren.md'), '# Gebührensatzung\n\n## § 3 Verwaltungsgebühren\n\nFür die Ausstellung einer Meldebescheinigung werden 10 Euro erhoben.\n');
    writeFileSync(join(docs, 'kaputt.pdf'), 'kein PDF');
    const indexed = await cli(['index', docs, '--data-dir', join(dir.path, 'data')]);
    expect(indexed.code).toBe(0);
    expect(indexed.stderr).toMatch(/\[1\/2\] .*gebuehren\.md/);
    expect(indexed.stderr).toMatch(/1 indexiert, 0 unverändert, 0 entfernt, 1 Probleme/);
    expect(indexed.stderr).toMatch(/kaputt\.pdf: Die PDF-Datei ist beschädigt/);

    const found = await cli(['search', 'Meldebescheinigung', 'Kosten', '--json', '--limit', '3', '--data-dir', join(dir.path, 'data')]);
    expect(found.code).toBe(0);
    const hits = JSON.parse(found.stdout);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ path: join(docs, 'gebuehren.md'), title: 'Gebührensatzung', heading: 'Gebührensatzung › § 3 Verwaltungsgebühren', headingPath: ['Gebührensatzung', '§ 3 Verwaltungsgebühren'], lineStart: 3, lineEnd: 5, page: null });
    expect(hits[0].score).toBeGreaterThan(0);
    expect(hits[0].snippet).toContain('Meldebescheinigung');
    expect(hits[0]).toMatchObject({ role: 'body', meta: { validity: expect.any(String) } });

    const again = await cli(['index', docs, '--data-dir', join(dir.path, 'data')]);
    expect(again.stderr).toMatch(/0 indexiert, 1 unverändert/);
  });

  it('rejects a missing folder, a missing query and a bad --limit', async () => {
    const missing = await cli(['index', join(dir.path, 'gibt-es-nicht'), '--data-dir', dir.path]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/existiert nicht/);
    expect((await cli(['search', '--data-dir', dir.path])).code).toBe(2);
    const limit = await cli(['search', 'x', '--limit', 'viele', '--data-dir', dir.path]);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/--limit erwartet eine ganze Zahl/);
  });
});

describe('stadtschreiber arguments', () => {
  it('--help shows the commands and options in German', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Befehle:[\s\S]*status[\s\S]*--data-dir[\s\S]*STADTSCHREIBER_DATA/);
  });

  it('rejects an unknown command and an unknown option with exit code 2', async () => {
    expect((await cli(['zaubern'])).code).toBe(2);
    const unknown = await cli(['status', '--farbe']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Fehler: .*--farbe/);
  });
});

describe('the installed bin', () => {
  it('runs `stadtschreiber status --json` as a real process', async () => {
    const bin = resolve(import.meta.dirname, '..', 'bin', 'stadtschreiber.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'status', '--json'], {
      env: { ...process.env, STADTSCHREIBER_DATA: dir.path, OLLAMA_HOST: fake.url },
    });
    expect(JSON.parse(stdout).ollama).toMatchObject({ reachable: true, host: fake.url });
  });
});
