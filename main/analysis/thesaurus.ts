import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold } from './normalise';
import { stemUncached } from './stem';
import { STOPWORDS } from './stopwords';

/**
 * A German thesaurus for widening queries: OpenThesaurus (LGPL-2.1-or-later,
 * see data/OPENTHESAURUS-LICENSE.txt), filtered to single-word synsets by
 * scripts/build-thesaurus.mjs into data/openthesaurus.txt. Looked up by stem,
 * as the analyzer derives terms: "Schwimmbäder" and "Schwimmbad" both find
 * the synsets of "schwimmbad".
 */

/** At most this many stems per lookup: a query word must not widen into dozens of terms. */
export const MAX_EXPANSIONS = 12;

const THESAURUS_FILE = 'openthesaurus.txt';

/**
 * Where the data file is: beside the Electron bundle (dist/electron, where
 * scripts/build-electron.mjs copies it), else in data/ beside this module
 * (the source tree, run by tsx or Vitest).
 */
export function thesaurusFile(): string {
  const candidates: string[] = [];
  if (typeof __dirname === 'string') candidates.push(join(__dirname, THESAURUS_FILE), join(__dirname, 'data', THESAURUS_FILE));
  // In the CommonJS bundle import.meta is empty (see scripts/build-electron.mjs).
  if (typeof import.meta.url === 'string') candidates.push(fileURLToPath(new URL(`./data/${THESAURUS_FILE}`, import.meta.url)));
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`Thesaurus data not found (looked for ${candidates.join(', ')})`);
  return found;
}

/** The first two letters of a folded word: its stem begins with them too (the stemmer only removes endings, and keeps at least two letters). */
const keyOf = (folded: string) => folded.slice(0, 2);

/**
 * The synsets, indexed by stem lazily: stemming all 85,000 words takes
 * longer than a query may wait, so reading the file only sorts the synsets
 * into buckets by their words' first two letters, and a bucket's synsets are
 * stemmed on the first lookup of a stem beginning with those letters (a few
 * hundred synsets). A synset's stems are kept once derived.
 */
export class Thesaurus {
  /** Each synset as its line of the file (words separated by ';'). */
  private readonly lines: string[] = [];
  /** Each synset's stems, in the order of its words ('' for a word left out), once derived. */
  private readonly lineStems: (string[] | undefined)[] = [];
  /** Bucket → ids of the synsets with a word in it, ascending. */
  private readonly buckets = new Map<string, number[]>();
  /** Stem → ids of the synsets with a word of that stem, smallest synset first, for the buckets looked up so far. */
  private readonly byStem = new Map<string, number[]>();
  private readonly built = new Set<string>();

  /** The thesaurus of a data file's text: '#' lines are comments, every other line a synset of words separated by ';'. */
  constructor(text: string) {
    for (const line of text.split('\n')) {
      if (line.startsWith('#') || !line.includes(';')) continue;
      const id = this.lines.length;
      this.lines.push(line);
      for (let at = 0; at < line.length; at = line.indexOf(';', at) + 1 || line.length) {
        const key = keyOf(fold(line.slice(at, at + 2)));
        let ids = this.buckets.get(key);
        if (!ids) this.buckets.set(key, (ids = []));
        if (ids.at(-1) !== id) ids.push(id);
      }
    }
    this.lineStems.length = this.lines.length;
  }

  get synsetCount(): number {
    return this.lines.length;
  }

  /**
   * The stems of a synset's words as the analyzer derives them, '' for a
   * word it never yields as one term: hyphenated (it splits at the hyphen)
   * or a stopword.
   */
  private stemsOf(id: number): string[] {
    let stems = this.lineStems[id];
    if (!stems) {
      stems = this.lines[id]!.split(';').map((word) => {
        const folded = fold(word);
        return !folded || folded.includes('-') || STOPWORDS.has(folded) ? '' : stemUncached(folded);
      });
      this.lineStems[id] = stems;
    }
    return stems;
  }

  private build(key: string): void {
    this.built.add(key);
    const touched = new Set<number[]>();
    for (const id of this.buckets.get(key) ?? []) {
      for (const stemmed of this.stemsOf(id)) {
        if (!stemmed || keyOf(stemmed) !== key) continue;
        let ids = this.byStem.get(stemmed);
        if (!ids) this.byStem.set(stemmed, (ids = []));
        if (ids.at(-1) !== id) ids.push(id);
        touched.add(ids);
      }
    }
    const size = (id: number) => this.stemsOf(id).length;
    for (const ids of touched) ids.sort((a, b) => size(a) - size(b) || a - b);
  }

  /** See `thesaurusOf`. */
  of(stemmed: string, limit = MAX_EXPANSIONS): string[] {
    const key = keyOf(stemmed);
    if (!this.built.has(key)) this.build(key);
    const ids = this.byStem.get(stemmed);
    if (!ids) return [];
    // One word from each synset in turn (smallest first), so that every sense of the word is represented.
    const cursor = ids.map(() => 0);
    const out: string[] = [];
    for (let progress = true; progress && out.length < limit; ) {
      progress = false;
      for (let s = 0; s < ids.length && out.length < limit; s++) {
        const stems = this.stemsOf(ids[s]!);
        let m = cursor[s]!;
        while (m < stems.length && (!stems[m] || stems[m] === stemmed || out.includes(stems[m]!))) m++;
        if (m < stems.length) {
          out.push(stems[m++]!);
          progress = true;
        }
        cursor[s] = m;
      }
    }
    return out;
  }
}

let shared: Thesaurus | null = null;

/** The bundled thesaurus, read on first use. */
export function thesaurus(): Thesaurus {
  shared ??= new Thesaurus(readFileSync(thesaurusFile(), 'utf8'));
  return shared;
}

/**
 * Stems (stem(fold(word)), as the analyzer derives them) of the words that
 * share a synset with a word of this stem: not the stem itself, each once,
 * at most MAX_EXPANSIONS: one word of each synset in turn, smaller synsets
 * first, a synset's main form (Hauptform) first. [] for a stem the
 * thesaurus does not know. Throws when the data file is missing (a broken
 * installation).
 */
export function thesaurusOf(stemmed: string): string[] {
  return thesaurus().of(stemmed);
}
