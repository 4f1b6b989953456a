/**
 * German text normalisation shared by indexing and querying, so that both
 * sides always agree: Unicode NFKC, lower case, ß → ss, umlauts folded.
 */

/** Words and numbers; a hyphen or slash separates (Melde-Register → melde, register). */
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

export interface Token {
  /** Folded form: lower case, ß → ss, ä/ö/ü → a/o/u, diacritics removed. */
  word: string;
  start: number;
  end: number;
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 300_000;

/** Folding is the hot path of indexing; the same surface words recur, so results are cached. */
export function fold(word: string): string {
  let folded = foldCache.get(word);
  if (folded === undefined) {
    folded = foldUncached(word);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(word, folded);
  }
  return folded;
}

function foldUncached(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/** Tokens with their offsets in `text` (for highlighting the original). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.normalize('NFC').matchAll(TOKEN)) {
    const word = fold(match[0]);
    if (word) tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

export const words = (text: string): string[] => tokenize(text).map((t) => t.word);
