/**
 * kill -9 in the middle of an indexing job, at four points: while the start
 * of the job is held, while the writer thread writes, before refining and
 * before the segment merge. The next job resumes, and its index must count
 * the same words and find the same passages as one clean job.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedCorpus } from '../../e2e/fixtures/generated-corpus';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { openDatabase } from '../db/open';
import { IndexStore } from '../index/index-store';
import { LexicalSearch } from '../search/search';

const child = resolve(import.meta.dirname, '../../e2e/fixtures/index-child.ts');
const FILES = 120;
const QUERIES = ['Hundesteuer', 'Baugenehmigungsverfahren', 'Friedhofsgebühr', 'Straßenreinigung Pflicht', 'Abwassergebühr', 'Sondernutzungserlaubnis Frist', 'Kindergarten', 'Feuerwehrdienst', 'Grabstätte', 'Marktordnung'];

/** Runs the child; with a stop point, kills it with SIGKILL once it stopped there. Resolves with its output. */
function run(dataDir: string, folder: string, stop: string[] = []): Promise<{ stdout: string; killed: boolean }> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dataDir, folder, ...stop], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('STOPPED')) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', fail);
    proc.on('close', (code, signal) => {
      if (stop.length > 0 && signal !== 'SIGKILL') fail(new Error(`the job did not reach ${stop.join(' ')}: ${stdout}${stderr}`));
      else if (stop.length === 0 && code !== 0) fail(new Error(`the job failed (${code}): ${stdout}${stderr}`));
      else done({ stdout, killed: signal === 'SIGKILL' });
    });
  });
}

interface Snapshot {
  words: string[];
  documents: number;
  top: Record<string, string[]>;
}

/** What the index counts and finds, with paths and chunk places instead of row ids (which differ between runs). */
function snapshot(dataDir: string): Snapshot {
  const db = openDatabase(join(dataDir, 'stadtschreiber.db'));
  try {
    const store = new IndexStore(db);
    const lexical = new LexicalSearch(db, store);
    const place = (id: number) => {
      const chunk = store.chunk(id)!;
      return `${store.documentById(chunk.document_id)!.path.split('/').pop()}#${chunk.ord}`;
    };
    const top: Record<string, string[]> = {};
    for (const query of QUERIES) top[query] = lexical.rank(query, { limit: 10 }).ranked.map((r) => place(r.id));
    return {
      words: store.vocabulary.counted().map((w) => `${w.word} ${w.freq}`).sort(),
      documents: (db.prepare("SELECT count(*) AS n FROM documents WHERE status = 'indexed'").get() as { n: number }).n,
      top,
    };
  } finally {
    db.close();
  }
}

let dir: ReturnType<typeof tempDir>;
let corpus: string;
let clean: Snapshot;
beforeAll(async () => {
  dir = tempDir();
  corpus = join(dir.path, 'satzungen');
  writeGeneratedCorpus(corpus, FILES);
  await run(join(dir.path, 'clean'), corpus);
  clean = snapshot(join(dir.path, 'clean'));
}, 120_000);
afterAll(() => dir.remove());

describe('an indexing job killed with SIGKILL', () => {
  it('the clean job it is compared with indexed every file and found every query', () => {
    expect(clean.documents).toBe(FILES);
    expect(clean.words.length).toBeGreaterThan(500);
    for (const query of QUERIES) expect(clean.top[query], query).not.toEqual([]);
  });

  it.each([
    ['while the start of the job is held', ['indexing', '5']],
    ['while the writer thread writes the first batch', ['write', '1']],
    ['while the writer thread writes the last batch', ['write', '2']],
    ['before refining', ['refining']],
    ['before merging the segments', ['optimizing']],
  ])('%s: the next job resumes to the same vocabulary and the same top 10', async (_, stop) => {
    const data = join(dir.path, stop.join('-'));
    expect((await run(data, corpus, stop)).killed).toBe(true);
    const resumed = await run(data, corpus);
    expect(resumed.stdout).toMatch(/DONE done/);
    const after = snapshot(data);
    expect(after.documents).toBe(FILES);
    expect(after.words).toEqual(clean.words);
    expect(after.top).toEqual(clean.top);
  }, 180_000);
});
