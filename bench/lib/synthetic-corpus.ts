/**
 * A deterministic German-like corpus large enough for 100,000+ chunks.
 * Words come from the laws corpus through an order-1 Markov chain, so word
 * frequencies, compounds and co-occurrences look like real legal text (what
 * BM25, compound splitting and the vocabulary care about) — without
 * shipping 100 MB of documents.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAWS_DIR } from './dev-set';

/** Small seeded PRNG (mulberry32): the same seed always gives the same corpus and queries. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], rand: () => number): T => items[Math.floor(rand() * items.length)]!;
const between = (lo: number, hi: number, rand: () => number) => lo + Math.floor(rand() * (hi - lo + 1));

/** The words of the laws corpus in reading order, and where each occurs (for the Markov chain). */
export class LawVocabulary {
  private readonly positions = new Map<string, number[]>();
  /** Every distinct word once, in order of first occurrence. */
  readonly distinct: string[];

  private constructor(readonly tokens: string[]) {
    tokens.forEach((word, i) => {
      const list = this.positions.get(word);
      if (list) list.push(i);
      else this.positions.set(word, [i]);
    });
    this.distinct = [...this.positions.keys()];
  }

  static load(dir = LAWS_DIR): LawVocabulary {
    const tokens: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      // The YAML front matter is metadata, not legal language.
      const text = readFileSync(join(dir, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
      for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) tokens.push(m[0]);
    }
    return new LawVocabulary(tokens);
  }

  /** A word with its frequency in the laws (mostly common words). */
  frequentWord(rand: () => number): string {
    return pick(this.tokens, rand);
  }

  /** A word drawn uniformly from the distinct words (mostly rare ones). */
  anyWord(rand: () => number): string {
    return pick(this.distinct, rand);
  }

  /** A word that followed `word` somewhere in the laws. */
  next(word: string, rand: () => number): string {
    const at = pick(this.positions.get(word) ?? [0], rand) + 1;
    return at < this.tokens.length ? this.tokens[at]! : this.frequentWord(rand);
  }

  /** `n` words as the laws might chain them. */
  run(n: number, rand: () => number): string[] {
    const out = [this.frequentWord(rand)];
    while (out.length < n) out.push(this.next(out[out.length - 1]!, rand));
    return out;
  }
}

export interface CorpusOptions {
  files?: number;
  sectionsPerFile?: number;
  seed?: number;
}

export interface SyntheticCorpus {
  files: string[];
  bytes: number;
  sections: number;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Writes `files` Markdown laws into `dir`: a title, an "Abschnitt" every 15
 * sections and `sectionsPerFile` "### § n …" sections of 3–6 sentences each
 * (well under the core's 1800-char chunk limit, so one chunk per section).
 */
export function writeSyntheticCorpus(dir: string, vocabulary: LawVocabulary, options: CorpusOptions = {}): SyntheticCorpus {
  const { files: fileCount = 1000, sectionsPerFile = 105, seed = 42 } = options;
  const rand = seededRandom(seed);
  const sentence = () => capitalise(vocabulary.run(between(6, 18, rand), rand).join(' ')) + '.';
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let f = 1; f <= fileCount; f++) {
    const parts = [`# ${vocabulary.run(5, rand).map(capitalise).join(' ')} (G${f})\n`];
    for (let s = 1; s <= sectionsPerFile; s++) {
      if (s % 15 === 1) parts.push(`## Abschnitt ${Math.ceil(s / 15)} - ${vocabulary.run(3, rand).join(' ')}\n`);
      parts.push(`### § ${s} ${vocabulary.run(3, rand).join(' ')}\n`);
      // 3–6 sentences in one or two numbered paragraphs, as in a statute.
      const sentences = Array.from({ length: between(3, 6, rand) }, sentence);
      const split = sentences.length > 3 && rand() < 0.5 ? 2 : sentences.length;
      parts.push(`(1) ${sentences.slice(0, split).join(' ')}\n`);
      if (split < sentences.length) parts.push(`(2) ${sentences.slice(split).join(' ')}\n`);
    }
    const text = parts.join('\n');
    const path = join(dir, `Gesetz-${String(f).padStart(4, '0')}.md`);
    writeFileSync(path, text);
    files.push(path);
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes, sections: fileCount * sectionsPerFile };
}
