/**
 * docs/architecture.md is the map of the code: every call and event of the
 * contract with where it is implemented, every folder and file of main/ in
 * the core's table. These checks keep the map true when the code moves.
 * The lists of calls and events are written by scripts/architecture-doc.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calls, EVENT_NAMES } from '../main/contract';
import { DOC_PATH, readList, regenerate, TODO, type ListName } from '../scripts/architecture-doc';

const root = resolve(import.meta.dirname, '..');
const mainDir = join(root, 'main');
const doc = readFileSync(DOC_PATH, 'utf8');

const contract: Record<ListName, string[]> = { calls: Object.keys(calls), events: [...EVENT_NAMES] };

/** Backticked names of a Markdown cell. */
const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** A name in the table that stands for a file or folder of the repository (not `index.lock`, `/api/tags`, `parse-worker.cjs`). */
const isPath = (name: string) => /^[\w.*-]+(\/[\w.*-]+)*\/?$/.test(name) && (/\.(ts|txt)$/.test(name) || (name.endsWith('/') && !name.startsWith('/')));

/** Files and folders of the repository a (possibly globbed: `NNNN-*.ts`) name matches, relative to `base`. */
function matches(base: string, name: string): string[] {
  const path = join(base, name);
  if (!/[*]|NNNN/.test(name)) return existsSync(path) ? [path] : [];
  const dir = dirname(path);
  if (!existsSync(dir)) return [];
  const last = posix.basename(name);
  const pattern = new RegExp(`^${last.replace(/[.]/g, '\\.').replace(/NNNN/g, '\\d{4}').replace(/\*/g, '[^/]*')}$`);
  return readdirSync(dir)
    .filter((entry) => pattern.test(entry))
    .map((entry) => join(dir, entry));
}

interface TableRow {
  line: number;
  first: string[];
  names: string[];
}

/** The rows of the table under "## The core (`main/`)". */
function coreTable(): TableRow[] {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.startsWith('## The core (`main/`)'));
  expect(start, 'docs/architecture.md has a section "## The core (`main/`)"').toBeGreaterThanOrEqual(0);
  const rows: TableRow[] = [];
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('## '); i++) {
    const line = lines[i]!;
    if (!line.startsWith('|') || /^\|\s*(file|---)/.test(line)) continue;
    const [first = '', ...rest] = line.replace(/^\|/, '').replace(/\|\s*$/, '').split(/(?<!\\)\|/);
    rows.push({ line: i + 1, first: codeSpans(first), names: [...codeSpans(first), ...codeSpans(rest.join('|'))] });
  }
  return rows;
}

/**
 * Where a name of a row is. The first cell's names are paths from main/
 * (`core.ts`, `db/open.ts`, `ingest/`). In the description, a name with a
 * slash is from main/ or from the row's folders (`parsers/pdf.ts` in
 * `ingest/`), one that starts with a top folder of the repository
 * (`electron/ipc.ts`, `main/core.ts`) from there; a bare file name
 * (`walk.ts`) is first looked for in the row's folders (`ingest/`, or `db/`
 * of `db/open.ts`), then in main/ (`core.ts` in any row).
 */
function resolveName(row: TableRow, name: string): string[] {
  if (row.first.includes(name)) return matches(mainDir, name);
  if (/^(main|electron|renderer|e2e|lint|scripts|bench|templates)\//.test(name)) return matches(root, name);
  const bases = [...new Set(row.first.filter(isPath).map((n) => (n.endsWith('/') ? n : posix.dirname(n))).filter((d) => d !== '.'))].map((d) => join(mainDir, d));
  const candidates = name.includes('/') ? [mainDir, ...bases] : [...bases, mainDir];
  for (const base of candidates) {
    const found = matches(base, name);
    if (found.length > 0) return found;
  }
  return [];
}

/** Every file under `dir`, tests left out. */
function productFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return productFiles(path);
    return /\.test\.tsx?$/.test(entry) ? [] : [path];
  });
}

describe('docs/architecture.md, calls and events', () => {
  for (const list of ['calls', 'events'] as const) {
    it(`lists every ${list.slice(0, -1)} of the contract, and none that it does not have`, () => {
      const listed = readList(doc, list).map((row) => row.name);
      const missing = contract[list].filter((name) => !listed.includes(name));
      const extra = listed.filter((name) => !contract[list].includes(name));
      const twice = listed.filter((name, i) => listed.indexOf(name) !== i);
      expect({ missing, extra, twice }, `run npx tsx scripts/architecture-doc.ts, then describe the new rows`).toEqual({ missing: [], extra: [], twice: [] });
      expect(contract[list].length).toBeGreaterThan(list === 'calls' ? 40 : 3);
    });

    it(`describes every ${list.slice(0, -1)} and names files of main/ that exist`, () => {
      const problems: string[] = [];
      for (const row of readList(doc, list)) {
        const [where = '', what = ''] = row.cells;
        if (!what || what.includes(TODO)) problems.push(`${row.name}: no description`);
        const files = codeSpans(where);
        if (files.length === 0 || where.includes(TODO)) problems.push(`${row.name}: no file in the second column`);
        for (const file of files) if (!existsSync(join(mainDir, file)) || !statSync(join(mainDir, file)).isFile()) problems.push(`${row.name}: main/${file} does not exist`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('keeps the written cells, adds a TODO row for a new name and drops a name that is gone (the script)', () => {
    const sample = [
      'Before.',
      '<!-- calls:begin old comment -->',
      '| call | where (in `main/`) | what it does |',
      '|---|---|---|',
      '| `kept` | `core.ts` | Stays as written. |',
      '| `gone` | `core.ts` | Was removed from the contract. |',
      '<!-- calls:end -->',
      '<!-- events:begin -->',
      '| event | pushed by (in `main/`) | what it carries |',
      '|---|---|---|',
      '<!-- events:end -->',
      'After.',
    ].join('\n');
    const { doc: next, added, removed } = regenerate(sample, { calls: ['fresh', 'kept'], events: ['ping'] });
    expect(added).toEqual({ calls: ['fresh'], events: ['ping'] });
    expect(removed).toEqual({ calls: ['gone'], events: [] });
    expect(readList(next, 'calls')).toEqual([
      { name: 'fresh', cells: [TODO, TODO] },
      { name: 'kept', cells: ['`core.ts`', 'Stays as written.'] },
    ]);
    expect(readList(next, 'events')).toEqual([{ name: 'ping', cells: [TODO, TODO] }]);
    expect(next.startsWith('Before.\n<!-- calls:begin (')).toBe(true);
    expect(next.endsWith('<!-- events:end -->\nAfter.')).toBe(true);
    expect(regenerate(next, { calls: ['fresh', 'kept'], events: ['ping'] }).doc).toBe(next);
  });

  it('is what the script writes (names in the contract’s order)', () => {
    expect(regenerate(doc, contract).doc === doc, 'run npx tsx scripts/architecture-doc.ts').toBe(true);
  });
});

describe('docs/architecture.md, the table of main/', () => {
  const rows = coreTable();

  it('has a row for every folder of main/', () => {
    const folders = readdirSync(mainDir).filter((entry) => statSync(join(mainDir, entry)).isDirectory() && productFiles(join(mainDir, entry)).length > 0);
    expect(folders.length).toBeGreaterThan(10);
    const withRow = (folder: string) => rows.some((row) => row.first.some((name) => name === `${folder}/` || name.startsWith(`${folder}/`)));
    expect(folders.filter((folder) => !withRow(folder)).map((folder) => `main/${folder}/`)).toEqual([]);
  });

  it('names only files and folders that exist', () => {
    const missing = rows.flatMap((row) => row.names.filter(isPath).filter((name) => resolveName(row, name).length === 0).map((name) => `line ${row.line}: ${name}`));
    expect(missing).toEqual([]);
  });

  it('names every file of main/ (tests left out)', () => {
    const named = new Set(rows.flatMap((row) => row.names.filter(isPath).flatMap((name) => resolveName(row, name))));
    const unnamed = productFiles(mainDir)
      .filter((file) => !named.has(file))
      .map((file) => relative(root, file));
    expect(unnamed, 'add them to the table in docs/architecture.md, in the row of their folder').toEqual([]);
  });

  it('resolves names the way the table writes them', () => {
    const row: TableRow = { line: 0, first: ['ingest/'], names: [] };
    expect(resolveName(row, 'walk.ts')).toEqual([join(mainDir, 'ingest', 'walk.ts')]);
    expect(resolveName(row, 'no-such-file.ts')).toEqual([]);
    expect(resolveName(row, 'core.ts')).toEqual([join(mainDir, 'core.ts')]);
    expect(resolveName(row, 'electron/ipc.ts')).toEqual([join(root, 'electron', 'ipc.ts')]);
    expect(resolveName({ line: 0, first: ['db/', 'db/open.ts'], names: [] }, 'db/migrations/NNNN-*.ts').length).toBeGreaterThan(5);
    expect(resolveName({ line: 0, first: ['core.ts'], names: [] }, 'dispatch.ts')).toEqual([join(mainDir, 'dispatch.ts')]);
    expect(resolveName({ line: 0, first: ['contract.ts', 'contract/'], names: [] }, 'contract.ts')).toEqual([join(mainDir, 'contract.ts')]);
    expect(resolveName({ line: 0, first: ['contract.ts', 'contract/'], names: [] }, 'calls.ts')).toEqual([join(mainDir, 'contract', 'calls.ts')]);
    expect(isPath('parse-worker.cjs') || isPath('/api/tags') || isPath('index.lock')).toBe(false);
  });
});
