import { mayBeCompound, splitCompound } from './decompound';
import { detached, fold, FNV_OFFSET, FNV_PRIME, isWordUnit, mayNeedNfc, tokenize, type Token } from './normalise';
import { stem, stemUncached } from './stem';
import { STOPWORDS } from './stopwords';
import type { Vocabulary, WordEntry, WordFrequencies } from './vocabulary';

interface AnalyzedToken extends Token {
  /** The word's stem and the stems of its compound parts: the terms it is indexed and matched under. */
  terms: string[];
}

/**
 * What the analyzer knows about one folded content word. Indexing works on
 * these objects rather than on strings: a word found again in a text costs
 * one Map lookup of the word as written, and its count, its terms and its
 * vocabulary entry are then fields, not further lookups.
 */
export interface WordInfo {
  readonly word: string;
  /** Stem and compound parts' stems, once derived; kept until a refresh (see `anyChanged`). */
  terms: string[] | null;
  /** `terms` joined with spaces: what an FTS row holds for the word. */
  text: string;
  /** The vocabulary entry, valid while `entryGeneration` is the vocabulary's generation. */
  entry: WordEntry | null;
  entryGeneration: number;
  /** Counting one document: the document's stamp, and the count within it. */
  stamp: number;
  count: number;
  /** The refresh round in which `changed` was decided. */
  refreshRound: number;
  changed: boolean;
}

/** Above this many cached words the caches start over (memory stays bounded on huge corpora). */
const CACHE_LIMIT = 500_000;

/**
 * The one analysis for index and query: tokens without stopwords, each with
 * its stem and, for compounds of words the index knows, its parts' stems.
 * A word's terms are derived once and cached; a refresh round
 * (`beginRefresh`, `anyChanged`) re-derives them after the vocabulary grew.
 */
export class Analyzer {
  /** Folded word → what is known about it. */
  private infos = new Map<string, WordInfo>();
  /** Word as written (NFC) → its info, or null for a stopword or a word that folds to nothing. */
  private readonly surface = new SurfaceTable((raw) => this.learn(raw));
  private stamp = 0;
  private round = 0;

  constructor(private readonly vocab: WordFrequencies) {}

  private info(word: string): WordInfo {
    let info = this.infos.get(word);
    if (!info) {
      if (this.infos.size >= CACHE_LIMIT) {
        this.infos.clear();
        this.surface.clear();
      }
      info = { word, terms: null, text: '', entry: null, entryGeneration: -1, stamp: 0, count: 0, refreshRound: 0, changed: false };
      this.infos.set(word, info);
    }
    return info;
  }

  private derive(info: WordInfo): string[] {
    const terms = this.deriveTerms(info.word);
    info.terms = terms;
    info.text = terms.join(' ');
    return terms;
  }

  private deriveTerms(word: string): string[] {
    // Not memoised: the analyzer keeps a word's terms itself (WordInfo), so a cache would only hold a second copy.
    const own = stemUncached(word);
    const parts = splitCompound(word, this.vocab).map(stem);
    return [own, ...parts.filter((p) => p !== own)];
  }

  /**
   * A word's terms as `termsOf` gives them, but without caching a word the
   * analyzer has not met: for passes over the whole vocabulary (see
   * TermFrequencies), which would otherwise fill the cache with every word.
   */
  peekTerms(word: string): string[] {
    return this.infos.get(word)?.terms ?? this.deriveTerms(word);
  }

  termsOf(word: string): string[] {
    const info = this.info(word);
    return info.terms ?? this.derive(info);
  }

  private refreshed(info: WordInfo, round: number): boolean {
    if (info.refreshRound !== round) {
      // A word that cannot split has its stem for its terms against any vocabulary: nothing to derive again.
      if (mayBeCompound(info.word)) {
        const old = info.terms;
        const now = this.derive(info);
        info.changed = old !== null && (now.length !== old.length || now.some((t, i) => t !== old[i]));
      } else {
        info.changed = false;
      }
      info.refreshRound = round;
    }
    return info.changed;
  }

  analyze(text: string): AnalyzedToken[] {
    return contentTokens(tokenize(text)).map((token) => ({ ...token, terms: this.termsOf(token.word) }));
  }

  /** Every term of the text's words: what a passage "contains" when a query's words are looked for in it. */
  termsIn(text: string): Set<string> {
    return new Set(this.analyze(text).flatMap((t) => t.terms));
  }

  /** Space-separated terms for an FTS5 column. */
  indexText(text: string): string {
    return this.termText(this.contentWords(text));
  }

  /** The content words of `text` (no stopwords), in order, appended to `out`: the indexing path. */
  contentWords(input: string, out: WordInfo[] = []): WordInfo[] {
    const mark = out.length;
    if (this.scanWords(input, out, true)) return out;
    // NFC might change the text here (a combining mark, say): its words are those of its NFC form.
    out.length = mark;
    this.scanWords(input.normalize('NFC'), out, false);
    return out;
  }

  /**
   * The scanner of normalise.ts written out, hashing each word as it goes:
   * a word seen before is found without building a string for it. With
   * `check`, it gives up (false) at the first code unit NFC might change,
   * instead of a pass of its own over every text beforehand; the words
   * found until then end before it, so NFC leaves them as they are.
   */
  private scanWords(text: string, out: WordInfo[], check: boolean): boolean {
    const length = text.length;
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= length; i++) {
      const code = i < length ? text.charCodeAt(i) : 32;
      if (code >= 128 && check && mayNeedNfc(code)) return false;
      if (code < 128 ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) : isWordUnit(code)) {
        if (start < 0) {
          start = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
      } else if (start >= 0) {
        const info = this.surface.find(text, start, i, hash);
        if (info !== null) out.push(info);
        start = -1;
      }
    }
    return true;
  }

  /** First sight of a word as written: fold it once, and remember what it is. */
  private learn(raw: string): WordInfo | null {
    const word = fold(raw);
    return word && !STOPWORDS.has(word) ? this.info(word) : null;
  }

  /** The FTS text of a list of words (their terms, space-separated). */
  termText(list: WordInfo[]): string {
    const parts: string[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const info = list[i]!;
      if (info.terms === null) this.derive(info);
      parts[i] = info.text;
    }
    return parts.join(' ');
  }

  /**
   * Adds (sign 1) or removes (sign -1) the words of one document in the
   * vocabulary: each distinct word once, with its count.
   */
  count(vocabulary: Vocabulary, lists: WordInfo[][], sign: 1 | -1): void {
    const stamp = ++this.stamp;
    const distinct: WordInfo[] = [];
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        const info = list[i]!;
        if (info.stamp !== stamp) {
          info.stamp = stamp;
          info.count = 0;
          distinct.push(info);
        }
        info.count++;
      }
    }
    for (const info of distinct) {
      if (info.entryGeneration !== vocabulary.generation || info.entry === null) {
        info.entry = vocabulary.entry(info.word);
        info.entryGeneration = vocabulary.generation;
      }
      vocabulary.add(info.entry, sign * info.count);
    }
  }

  /**
   * Whether any of the words split differently since this refresh round
   * began: each word's terms are derived again once per round, and kept.
   */
  anyChanged(list: WordInfo[], round: number): boolean {
    for (const info of list) if (this.refreshed(info, round)) return true;
    return false;
  }

  /** Derives every word's terms again (once per round), whether or not they change. */
  refreshAll(list: WordInfo[], round: number): void {
    for (const info of list) this.refreshed(info, round);
  }

  /** Starts a refresh round for `anyChanged`. */
  beginRefresh(): number {
    return ++this.round;
  }
}

/**
 * Words as written → their infos: an open-addressing hash table over a
 * word's UTF-16 units (FNV-1a, computed by the scanner), compared in place
 * against the text. The words' characters live in one pool, and a slot
 * holds the hash, the entry, and where its characters are: a lookup reads
 * the slot and the pool, not an array of strings and then a string
 * somewhere in the heap (indexing looks up every token, and SQLite's work
 * between documents pushes such scattered objects out of the CPU caches).
 */
class SurfaceTable {
  /** Per slot, four ints: hash, 1 + entry (0: empty), offset in `pool`, length. */
  private slots = new Int32Array(4 * 65536);
  private mask = 65535;
  private pool = new Uint16Array(1 << 20);
  private used = 0;
  private values: (WordInfo | null)[] = [];

  constructor(private readonly learn: (raw: string) => WordInfo | null) {}

  /** The info of `text[start..end)`, whose hash is `hash`. */
  find(text: string, start: number, end: number, hash: number): WordInfo | null {
    const slots = this.slots;
    const pool = this.pool;
    const length = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const at = slot << 2;
      const entry = slots[at + 1]!;
      if (entry === 0) break;
      if (slots[at] === hash && slots[at + 3] === length) {
        const offset = slots[at + 2]!;
        let k = 0;
        while (k < length && pool[offset + k] === text.charCodeAt(start + k)) k++;
        if (k === length) return this.values[entry - 1]!;
      }
      slot = (slot + 1) & this.mask;
    }
    const info = this.learn(detached(text.slice(start, end)));
    // learn() may have cleared the table (cache limit): insert into whatever it is now.
    if (this.values.length >= CACHE_LIMIT) this.clear();
    if (this.used + length > this.pool.length) {
      const grown = new Uint16Array(Math.max(2 * this.pool.length, this.used + length));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    const offset = this.used;
    for (let k = 0; k < length; k++) this.pool[offset + k] = text.charCodeAt(start + k);
    this.used += length;
    this.values.push(info);
    if (2 * this.values.length > this.mask) this.grow();
    this.place(hash, this.values.length, offset, length);
    return info;
  }

  clear(): void {
    this.values = [];
    this.used = 0;
    this.slots.fill(0);
  }

  private place(hash: number, entry: number, offset: number, length: number): void {
    let slot = hash & this.mask;
    while (this.slots[(slot << 2) + 1] !== 0) slot = (slot + 1) & this.mask;
    const at = slot << 2;
    this.slots[at] = hash;
    this.slots[at + 1] = entry;
    this.slots[at + 2] = offset;
    this.slots[at + 3] = length;
  }

  /** Twice the slots, filled again from the old ones: the table stays at most half full. */
  private grow(): void {
    const old = this.slots;
    this.mask = 2 * this.mask + 1;
    this.slots = new Int32Array(4 * (this.mask + 1));
    for (let at = 0; at < old.length; at += 4) if (old[at + 1] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
  }
}

/** Tokens without stopwords. */
function contentTokens(tokens: Token[]): Token[] {
  return tokens.filter((t) => !STOPWORDS.has(t.word));
}
