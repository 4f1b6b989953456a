/**
 * Keeps the lists of the contract's calls and events in docs/architecture.md
 * in line with main/contract.ts.
 *
 *   npx tsx scripts/architecture-doc.ts           rewrites both lists
 *   npx tsx scripts/architecture-doc.ts --check   changes nothing; exit 1 when a list is not current
 *
 * The names come from the contract (`calls`, `EVENT_NAMES`), in its order;
 * the other cells of a row (where it is implemented, what it does) are
 * written by hand in the doc and kept. A call or event the doc does not
 * list yet gets a row with TODO cells (lint/architecture-doc.test.ts fails
 * until someone describes it); a row whose name the contract no longer has
 * is removed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { calls, EVENT_NAMES } from '../main/contract';

export const DOC_PATH = resolve(import.meta.dirname, '..', 'docs', 'architecture.md');

export type ListName = 'calls' | 'events';

interface ListSpec {
  begin: string;
  end: string;
  header: string[];
}

export const LISTS: Record<ListName, ListSpec> = {
  calls: {
    begin: '<!-- calls:begin (names from main/contract.ts by `npx tsx scripts/architecture-doc.ts`; the other cells are kept) -->',
    end: '<!-- calls:end -->',
    header: ['call', 'where (in `main/`)', 'what it does'],
  },
  events: {
    begin: '<!-- events:begin (names from main/contract.ts by `npx tsx scripts/architecture-doc.ts`; the other cells are kept) -->',
    end: '<!-- events:end -->',
    header: ['event', 'pushed by (in `main/`)', 'what it carries'],
  },
};

/** The cell a new row gets until someone writes it. */
export const TODO = 'TODO';

export interface Row {
  name: string;
  /** The cells after the name, as written in the doc. */
  cells: string[];
}

/** The contract's names, in its order. */
export function contractNames(): Record<ListName, string[]> {
  return { calls: Object.keys(calls), events: [...EVENT_NAMES] };
}

/** The cells of a Markdown table row (`| a | b |`), trimmed; a `\|` stays inside its cell. */
export function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

function section(doc: string, list: ListName): { start: number; end: number } {
  const { begin, end } = LISTS[list];
  const marker = begin.slice(0, begin.indexOf(':begin') + ':begin'.length);
  const start = doc.indexOf(marker);
  if (start < 0) throw new Error(`docs/architecture.md has no "${marker}" marker`);
  const stop = doc.indexOf(end, start);
  if (stop < 0) throw new Error(`docs/architecture.md has no "${end}" after "${marker}"`);
  return { start, end: stop + end.length };
}

/** The rows between a list's markers (its header and separator left out). */
export function readList(doc: string, list: ListName): Row[] {
  const { start, end } = section(doc, list);
  return doc
    .slice(start, end)
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .slice(2)
    .map((line) => {
      const [first = '', ...cells] = tableCells(line);
      return { name: first.replace(/^`|`$/g, ''), cells };
    });
}

function renderList(list: ListName, rows: Row[]): string {
  const { begin, end, header } = LISTS[list];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [begin, line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => line([`\`${row.name}\``, ...row.cells])), end].join('\n');
}

export interface Regenerated {
  doc: string;
  added: Record<ListName, string[]>;
  removed: Record<ListName, string[]>;
}

/** The doc with both lists holding exactly `names`, in that order, each row's hand-written cells kept. */
export function regenerate(doc: string, names: Record<ListName, string[]> = contractNames()): Regenerated {
  const result: Regenerated = { doc, added: { calls: [], events: [] }, removed: { calls: [], events: [] } };
  for (const list of Object.keys(LISTS) as ListName[]) {
    const existing = new Map(readList(result.doc, list).map((row) => [row.name, row]));
    const width = LISTS[list].header.length - 1;
    const rows = names[list].map((name) => {
      const row = existing.get(name);
      if (row) return { name, cells: Array.from({ length: width }, (_, i) => row.cells[i] || TODO) };
      result.added[list].push(name);
      return { name, cells: Array.from({ length: width }, () => TODO) };
    });
    result.removed[list] = [...existing.keys()].filter((name) => !names[list].includes(name));
    const { start, end } = section(result.doc, list);
    result.doc = result.doc.slice(0, start) + renderList(list, rows) + result.doc.slice(end);
  }
  return result;
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const doc = readFileSync(DOC_PATH, 'utf8');
  const { doc: next, added, removed } = regenerate(doc);
  for (const list of Object.keys(LISTS) as ListName[]) {
    for (const name of added[list]) console.log(`${list}: added ${name} (describe it in docs/architecture.md)`);
    for (const name of removed[list]) console.log(`${list}: removed ${name} (no longer in main/contract.ts)`);
  }
  if (next === doc) {
    console.log('docs/architecture.md: the lists of calls and events are current');
    return 0;
  }
  if (check) {
    console.log('docs/architecture.md: the lists of calls and events are not current; run npx tsx scripts/architecture-doc.ts');
    return 1;
  }
  writeFileSync(DOC_PATH, next);
  console.log('docs/architecture.md: lists of calls and events rewritten');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
