/**
 * The two corpora the search benchmarks run on, and indexing them with the
 * core in a way that can be timed.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../main/core';
import { LAWS_DIR } from './dev-set';

/** A corpus's Markdown files (not PROVENANCE.tsv or SLUG_MAP.txt), sorted. */
export function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, f));
}

export const lawFiles = () => corpusFiles(LAWS_DIR);

/**
 * A folder of symbolic links to a corpus's files: the core indexes exactly
 * the files the naive baseline reads (its walk follows links), and nothing is copied.
 */
export function linkCorpus(dir: string, into: string): { folder: string; files: string[] } {
  mkdirSync(into, { recursive: true });
  const files = corpusFiles(dir).map((source) => {
    const link = join(into, source.slice(dir.length + 1));
    symlinkSync(source, link);
    return link;
  });
  return { folder: into, files };
}

export const linkLaws = (into: string) => linkCorpus(LAWS_DIR, into);

/** A few everyday searches, run before memory is measured so that caches are as in use. */
export const PROBE_QUERIES = ['Verlust Ausweis melden', 'Baugenehmigung', 'Frist für den Widerspruch', 'Leistungen Unterkunft und Heizung', 'Zuständige Behörde'];

export const bytesOf = (files: string[]) => files.reduce((n, f) => n + statSync(f).size, 0);

/** Reads every file once, so that neither side of a comparison pays for a cold disk cache. */
export function warmCache(files: string[]): void {
  for (const f of files) readFileSync(f);
}

export interface CoreIndexing {
  ms: number;
  chunks: number;
  /** Time in the "refining" phase: compound splits re-derived after the vocabulary grew. */
  refiningMs: number;
}

/** Adds the folder to the core and waits until it is indexed; times the whole job as the clerk waits for it. */
export async function indexWithCore(core: Core, folder: string): Promise<CoreIndexing> {
  let refiningStart: number | null = null;
  let refiningMs = 0;
  const off = core.on('indexProgress', (p) => {
    if (p.phase === 'refining' && refiningStart === null) refiningStart = performance.now();
    // The refining phase ends with the next phase (merging the index's segments, embedding, or done).
    if (p.phase !== 'refining' && refiningStart !== null && refiningMs === 0) refiningMs = performance.now() - refiningStart;
  });
  const start = performance.now();
  await core.addFolder({ path: folder });
  await core.idle();
  const ms = performance.now() - start;
  off();
  const chunks = (await core.listFolders()).find((f) => f.path === folder)?.chunks ?? 0;
  return { ms, chunks, refiningMs };
}
