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
  if (word.length < MIN_WORD || /\d/.test(word)) return [];
  const memo = new Map<number, Split | null>();

  const known = (part: string) => {
    if (part.length < MIN_PART || STOPWORDS.has(part)) return 0;
    const f = vocab.freq(part);
    return f >= MIN_PART_FREQ ? f : 0;
  };

  // Best split of word[from..] into known parts (memoised per position).
  const best = (from: number): Split | null => {
    if (memo.has(from)) return memo.get(from)!;
    let result: Split | null = null;
    const rest = word.slice(from);
    const whole = rest.length >= MIN_LAST_PART ? known(rest) : 0;
    if (whole && from > 0) result = { parts: [rest], logFreq: Math.log(whole) };
    {
      for (let end = from + MIN_PART; end <= word.length - MIN_LAST_PART; end++) {
        const f = known(word.slice(from, end));
        if (!f) continue;
        for (const link of LINKS) {
          if (link && !word.startsWith(link, end)) continue;
          const next = end + link.length;
          if (word.length - next < MIN_LAST_PART) continue;
          const tail = best(next);
          if (!tail || tail.parts.length >= MAX_PARTS) continue;
          const candidate = { parts: [word.slice(from, end), ...tail.parts], logFreq: Math.log(f) + tail.logFreq };
          if (!result || geometricMean(candidate) > geometricMean(result)) result = candidate;
        }
      }
    }
    memo.set(from, result);
    return result;
  };

  const split = best(0);
  return split && split.parts.length > 1 ? split.parts : [];
}

const geometricMean = (s: Split) => s.logFreq / s.parts.length;
