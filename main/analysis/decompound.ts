import { FNV_OFFSET, FNV_PRIME } from './normalise';
import { STOPWORDS } from './stopwords';
import type { WordFrequencies } from './vocabulary';

/** German linking elements (Fugenelemente) between compound parts: Hund-e-steuer, Genehmigung-s-verfahren. */
const LINKS = ['', 's', 'es', 'n', 'en', 'e', 'er', 'ens'];
const MIN_WORD = 8;
const MIN_PART = 3;
const MIN_LAST_PART = 4;
const MAX_PARTS = 4;
/** A part must occur this often on its own in the index to count as a word. */
export const MIN_PART_FREQ = 2;

interface Split {
  parts: string[];
  logFreq: number;
}

/**
 * Splits a folded German compound into parts that occur as words of their
 * own in the index ("baugenehmigungsverfahren" → bau, genehmigung, verfahren).
 * Among all splits into known words, the one whose parts are most frequent
 * (geometric mean, after Koehn & Knight 2003) wins. Returns [] when the word
 * is no compound of known words.
 */
export function splitCompound(word: string, vocab: WordFrequencies): string[] {
  if (!mayBeCompound(word)) return [];
  // Module-level functions and an array memo, not closures per call: this runs for every new long word.
  const split = best(word, 0, vocab, new Array<Split | null | undefined>(word.length + 1));
  return split && split.parts.length > 1 ? split.parts : [];
}

/** Whether a folded word can split at all: shorter ones and those with digits never do, whatever the vocabulary. */
export const mayBeCompound = (word: string): boolean => word.length >= MIN_WORD && !/\d/.test(word);

function known(part: string, vocab: WordFrequencies): number {
  if (part.length < MIN_PART || STOPWORDS.has(part)) return 0;
  const f = vocab.freq(part);
  return f >= MIN_PART_FREQ ? f : 0;
}

/** Best split of word[from..] into known parts (memoised per position). */
function best(word: string, from: number, vocab: WordFrequencies, memo: (Split | null | undefined)[]): Split | null {
  const memoised = memo[from];
  if (memoised !== undefined) return memoised;
  // The ends of the known parts starting at `from`, and the frequency of
  // word[from..] as a whole. With a `mayKnow` filter, a substring is only
  // built and looked up when its hash (computed as the end moves on) may
  // belong to a vocabulary word.
  const ends: number[] = [];
  const freqs: number[] = [];
  let whole = 0;
  let hash = FNV_OFFSET;
  for (let end = from + 1; end <= word.length; end++) {
    hash = Math.imul(hash ^ word.charCodeAt(end - 1), FNV_PRIME);
    if (end - from < MIN_PART) continue;
    if (vocab.mayKnow && !vocab.mayKnow(hash)) continue;
    if (end === word.length) {
      if (end - from >= MIN_LAST_PART) whole = known(word.slice(from), vocab);
    } else if (end <= word.length - MIN_LAST_PART) {
      const f = known(word.slice(from, end), vocab);
      if (f) {
        ends.push(end);
        freqs.push(f);
      }
    }
  }
  let result: Split | null = null;
  if (whole && from > 0) result = { parts: [word.slice(from)], logFreq: Math.log(whole) };
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    const logFreq = Math.log(freqs[i]!);
    for (const link of LINKS) {
      if (link && !word.startsWith(link, end)) continue;
      const next = end + link.length;
      if (word.length - next < MIN_LAST_PART) continue;
      const tail = best(word, next, vocab, memo);
      if (!tail || tail.parts.length >= MAX_PARTS) continue;
      // Compared by the geometric mean of the parts' frequencies; only a better split is built.
      const candidateLog = logFreq + tail.logFreq;
      if (!result || candidateLog / (tail.parts.length + 1) > result.logFreq / result.parts.length) {
        result = { parts: [word.slice(from, end), ...tail.parts], logFreq: candidateLog };
      }
    }
  }
  memo[from] = result;
  return result;
}
