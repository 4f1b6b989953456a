/**
 * The index under concurrent writers: the app's own writes beside the
 * writer thread, and a second process (the CLI) beside a running job.
 * The processes are real: `bin/stadtschreiber.mjs` as a clerk or an
 * administrator would start it.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedCorpus } from '../../e2e/fixtures/generated-corpus';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import type { IndexProgress } from '../contract';
import { createCore } from '../core';
import { openDatabase } from '../db/open';
import { silentLogger } from '../log';
import { SettingsStore } from '../settings/store';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import { IndexStore } from '../index/index-store';
import type { Chunk } from '../index/chunk-row';
import { IndexWriterThread } from '../index/index-writer';

const bin = resolve(import.meta.dirname, '../../bin/stadtschreiber.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): { done: Promise<Run> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, OLLAMA_HOST: 'http://127.0.0.1:9', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return { done: new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr }))) };
}

let dir: ReturnType<typeof tempDir>;
let corpus: string;
beforeAll(() => {
  dir = tempDir();
  corpus = join(dir.path, 'satzungen');
  writeGeneratedCorpus(corpus, 120);
});
afterAll(() => dir.remove());

describe('the app writing beside the writer thread', () => {
  it('a batch waits for a write of the app instead of failing (transactions start IMMEDIATE)', async () => {
    const file = join(dir.path, 'beside.db');
    const db = openDatabase(file);
    const store = new IndexStore(db);
    const settings = new SettingsStore(db, DEFAULT_SETTINGS, silentLogger);
    const folderId = store.addFolder(corpus);
    const thread = new IndexWriterThread({ file }, silentLogger);
    try {
      const chunks: Chunk[] = [{ heading: '§ 1 Steuersatz', text: 'Die Hundesteuer beträgt 108 Euro.', role: 'body' }];
      const list = ['a.md', 'b.md', 'c.md'].map((name) =>
        store.prepareDocument({ folderId, path: join(corpus, name), title: name, kind: 'md', size: 1, mtimeMs: 1, sha256: '', status: 'indexed' }, chunks),
      );
      // The app holds the write lock (an autosave, a stored answer) while the thread's batch begins; it commits later.
      db.exec('BEGIN IMMEDIATE');
      settings.update({ ollamaHost: 'http://127.0.0.1:11434' });
      const written = thread.write(list.map(IndexStore.rowsOf));
      await new Promise((r) => setTimeout(r, 1_500));
      db.exec('COMMIT');
      const results = store.settleWrite(list, await written);
      expect(results.map((r) => (r instanceof Error ? r.message : 'written'))).toEqual(['written', 'written', 'written']);
      expect(settings.read().ollamaHost).toBe('http://127.0.0.1:11434');
    } finally {
      thread.close();
      db.close();
    }
  });
});

describe('the app autosaving while it indexes a folder', () => {
  it('loses no document: every file is indexed while a draft is saved again and again', async () => {
    const core = createCore({ dataDir: join(dir.path, 'autosave'), env: {}, logger: silentLogger, writerThreadAfterChars: 0 });
    try {
      const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
      let saves = 0;
      let indexing = true;
      const autosave = (async () => {
        while (indexing) {
          const values = (await core.getDraft({ id: draft.id })).values;
          await core.saveDraft({ id: draft.id, values: { ...values, thema: `Entwurf ${++saves}` } });
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      const progress: IndexProgress[] = [];
      core.on('indexProgress', (p) => progress.push(p));
      await core.addFolder({ path: corpus });
      await core.idle();
      indexing = false;
      await autosave;
      const last = progress.at(-1)!;
      expect(last).toMatchObject({ phase: 'done', indexed: 120, problems: [] });
      expect(saves).toBeGreaterThan(0);
      expect((await core.getDraft({ id: draft.id })).values.thema).toBe(`Entwurf ${saves}`);
    } finally {
      core.close();
    }
  }, 240_000);
});

describe('a second process beside a running job', () => {
  it('two index jobs on one data folder run one after the other, and both succeed', async () => {
    const data = join(dir.path, 'two-jobs');
    const first = cli(['index', corpus, '--data-dir', data]);
    const second = cli(['index', corpus, '--data-dir', data]);
    const runs = await Promise.all([first.done, second.done]);
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/at .*\.ts:\d+|Error:|database is locked/);
      expect(run.code, run.stderr).toBe(0);
    }
    // Whichever came second either waited for the first or found every file indexed already.
    const summaries = runs.map((r) => r.stderr.match(/(\d+) indexiert, (\d+) unverändert/)!.slice(1).map(Number));
    expect(summaries.map(([indexed, unchanged]) => indexed! + unchanged!)).toEqual([120, 120]);
    expect(summaries.reduce((n, [indexed]) => n + indexed!, 0)).toBe(120);
    const db = openDatabase(join(data, 'stadtschreiber.db'));
    try {
      expect(db.prepare("SELECT count(*) AS n FROM documents WHERE status = 'indexed'").get()).toEqual({ n: 120 });
    } finally {
      db.close();
    }
  }, 240_000);

  it('searches from another process while a job re-indexes everything all succeed', async () => {
    const data = join(dir.path, 'search-beside');
    expect((await cli(['index', corpus, '--data-dir', data]).done).code).toBe(0);
    let indexing = true;
    const job = (async () => {
      try {
        for (let round = 0; round < 2; round++) {
          const run = await cli(['index', corpus, '--force', '--data-dir', data]).done;
          expect(run.code, run.stderr).toBe(0);
        }
      } finally {
        indexing = false;
      }
    })();
    const searches: Run[] = [];
    while (indexing) searches.push(await cli(['search', 'Hundesteuer Gebühr', '--json', '--data-dir', data]).done);
    await job;
    expect(searches.length).toBeGreaterThan(0);
    for (const run of searches) {
      expect(run.stderr).not.toMatch(/database is locked|Error:/);
      expect(run.code, run.stderr).toBe(0);
      expect(Array.isArray(JSON.parse(run.stdout).hits ?? JSON.parse(run.stdout))).toBe(true);
    }
  }, 300_000);
});
