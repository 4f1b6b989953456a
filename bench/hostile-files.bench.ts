// Files that used to hang the core, through the product's read path: an
// 8 MB and a 50 MB Markdown file on one line, HTML nested 300,000 deep, a
// 20,000-page PDF (and one of 5,000 pages, the page limit), each written
// into a temp folder and read in a fresh process of its own (so that its
// peak RSS is its own): once by the parse thread alone (ParseThread, as the
// indexer reads files), once through indexFile with it (parse, then the
// analysis and the write on the main thread). Target per file: ≤ 10 s and
// ≤ 1 GB peak RSS. Also: the longest stall of the main thread's event loop
// meanwhile, which is what the interface would feel (the parse thread's
// share is off it; the analysis and the write are on it).
//
// Usage (what the parent runs in each child):
//   node --import tsx bench/hostile-files.bench.ts --one parse|index <file>
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { makePdf } from '../e2e/fixtures/pdf';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { openDatabase } from '../main/db/open';
import { kindOf } from '../main/ingest/formats';
import { indexFile } from '../main/ingest/index-file';
import { ParseThread } from '../main/ingest/parse-thread';
import { fileTitle } from '../main/ingest/walk';
import { IndexStore } from '../main/index/index-store';
import { report } from './report';

const BENCH = 'hostile-files';
const SECONDS_TARGET = '≤ 10 s';
const RSS_TARGET = '≤ 1000 MB';

interface Run {
  seconds: number;
  peakRssMb: number;
  /** Longest event-loop delay of the main thread meanwhile: what the interface would feel. */
  stallMs: number;
  outcome: string;
}

const WORDS = ['Gemeinde', 'Satzung', 'Gebühr', 'Hundesteuer', 'erhebt', 'nach', 'der', 'die', 'für', 'Verwaltung', 'Antrag', 'Bescheid', 'wird', 'festgesetzt', 'Bürgerinnen', 'und', 'Bürger'];

/** German-looking words on one line, a full stop every 12 words, `bytes` long. */
function oneLine(bytes: number): string {
  const sentence = Array.from({ length: 240 }, (_, i) => WORDS[(i * 7) % WORDS.length]! + ((i + 1) % 12 === 0 ? '.' : '')).join(' ') + ' ';
  const unit = Buffer.byteLength(sentence);
  return `# Eine Zeile\n\n${sentence.repeat(Math.ceil(bytes / unit))}\n`;
}

function nested(depth: number): string {
  const parts: string[] = ['<!doctype html><html><head><title>Tief verschachtelt</title></head><body>'];
  for (let i = 0; i < depth; i++) parts.push(i % 10_000 === 0 ? `<div><p>Absatz auf Ebene ${i}.</p>` : '<div>');
  parts.push('<p>Ganz innen.</p>');
  for (let i = 0; i < depth; i++) parts.push('</div>');
  parts.push('</body></html>');
  return parts.join('');
}

const pages = (n: number) => makePdf(Array.from({ length: n }, (_, i) => [`Seite ${i + 1}`, 'Die Gemeinde erhebt eine Hundesteuer nach dieser Satzung.']));

const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / 1e6;

async function runOne(mode: 'parse' | 'index', path: string): Promise<Run> {
  const thread = new ParseThread();
  // The thread is started once for a job and serves file after file: its start is not the file's time.
  await thread.parse('txt', new TextEncoder().encode('Anlaufen.'), 'warm');
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // The delay of a block is recorded when the loop's next timer runs: after the file, one more turn.
  const longestStall = async () => {
    await new Promise((done) => setTimeout(done, 50));
    delay.disable();
    return delay.max / 1e6;
  };
  try {
    if (mode === 'parse') {
      let outcome: string;
      try {
        const file = await thread.parse(kindOf(path)!, await readFile(path), fileTitle(path));
        outcome = `read: ${file.chunks.length} chunks${file.notice ? `; ${file.notice}` : ''}`;
      } catch (error) {
        outcome = `given up: ${(error as { reason?: string }).reason ?? String(error)}`;
      }
      const seconds = elapsed();
      return { seconds, peakRssMb: peakRssMb(), stallMs: await longestStall(), outcome };
    }
    const dir = tempDir('stadtschreiber-bench-');
    const db = openDatabase(join(dir.path, 'index.db'));
    try {
      const store = new IndexStore(db);
      const outcome = await indexFile(store, store.addFolder(resolve(path, '..')), path, true, undefined, undefined, { parse: thread.parse });
      const text =
        outcome.kind === 'indexed'
          ? `indexed: ${outcome.chunks} chunks${outcome.notice ? `; ${outcome.notice}` : ''}`
          : outcome.kind === 'failed' || outcome.kind === 'scan'
            ? `${outcome.kind}: ${outcome.reason}`
            : outcome.kind;
      const seconds = elapsed();
      return { seconds, peakRssMb: peakRssMb(), stallMs: await longestStall(), outcome: text };
    } finally {
      db.close();
      dir.remove();
    }
  } finally {
    thread.close();
  }
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  const run = await runOne(args[1] as 'parse' | 'index', args[2]!);
  process.stdout.write(JSON.stringify(run) + '\n');
} else {
  const dir = tempDir('stadtschreiber-bench-');
  try {
    const files: [string, string | Buffer][] = [
      ['one-line-8mb.md', oneLine(8_000_000)],
      ['one-line-50mb.md', oneLine(50_000_000)],
      ['nested-300000.html', nested(300_000)],
      ['pages-20000.pdf', pages(20_000)],
      ['pages-5000.pdf', pages(5_000)],
    ];
    for (const [name, content] of files) {
      const path = join(dir.path, name);
      writeFileSync(path, content);
      const mb = (statSync(path).size / 1e6).toFixed(1);
      for (const mode of ['parse', 'index'] as const) {
        const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--one', mode, path], {
          cwd: resolve(import.meta.dirname, '..'),
          encoding: 'utf8',
          timeout: 600_000,
          maxBuffer: 1 << 20,
        });
        if (child.status !== 0) throw new Error(`${name} (${mode}) exited with ${child.status}: ${child.stderr}`);
        const run = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Run;
        const what = mode === 'parse' ? 'read by the parse thread' : 'indexFile (read, analysed, written)';
        const note = `${basename(path)}, ${mb} MB; ${run.outcome}`;
        report({ bench: BENCH, figure: `${name}: ${what}`, value: run.seconds, unit: 's', target: SECONDS_TARGET, note });
        report({ bench: BENCH, figure: `${name}: ${what}, peak RSS`, value: run.peakRssMb, unit: 'MB', target: RSS_TARGET });
        report({ bench: BENCH, figure: `${name}: ${what}, longest main-thread stall`, value: run.stallMs, unit: 'ms' });
      }
    }
  } finally {
    dir.remove();
  }
}
