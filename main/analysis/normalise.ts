/**
 * German text normalisation shared by indexing and querying, so that both
 * sides always agree: Unicode NFKC, lower case, ß → ss, umlauts folded.
 */

// Words and numbers; a hyphen or slash separates (Melde-Register → melde, register).

export interface Token {
  /** Folded form: lower case, ß → ss, ä/ö/ü → a/o/u, diacritics removed. */
  word: string;
  start: number;
  end: number;
}

/**
 * A string's own copy. V8 makes a longer substring (13 characters and
 * more) a view that keeps its whole text alive; a word kept for the whole
 * session (the analyzer's words, this file's fold cache) held on to the
 * chunk it was first seen in.
 */
export function detached(part: string): string {
  // Concatenated and sliced again: the characters are copied out of the text.
  return part.length < 13 ? part : (' ' + part).slice(1);
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 300_000;

/** Folding is the hot path of indexing: plain ASCII words only need lower case; the rest is cached. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  let ascii = true;
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return lower;
  let folded = foldCache.get(word);
  if (folded === undefined) {
    folded = foldLatin(word) ?? foldUncached(word);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(detached(word), folded);
  }
  return folded;
}

/** Code units up to here are Latin (Latin-1 Supplement, Latin Extended-A and -B): no combining marks among them. */
const LATIN_END = 0x250;
/** The fold of each single code unit below LATIN_END, derived once from foldUncached. */
const LATIN_FOLD: string[] = Array.from({ length: LATIN_END }, (_, code) => foldUncached(String.fromCharCode(code)));

/**
 * The fold of a word written in Latin letters only, one letter at a time
 * (null for any other word). Nearly every German word with ä, ö, ü or ß
 * goes this way: folding is then a table lookup per letter instead of
 * three normalisations and two regular expressions. Per letter is exact
 * here: what a letter folds to carries no combining mark, so nothing joins
 * across letters.
 */
function foldLatin(word: string): string | null {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= LATIN_END) return null;
    out += LATIN_FOLD[code]!;
  }
  return out;
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

/** FNV-1a over UTF-16 code units: the hash the indexing hot paths compute while they scan, without building strings. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

export function wordHash(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** 1: letter, mark or digit; 2: not; 0: not yet looked up. One entry per UTF-16 code unit. */
const WORD_CHAR = new Uint8Array(65536);
export const isWordUnit = (code: number): boolean => {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  // Surrogates: letters outside the BMP are rare in German office text; keep them inside words.
  if (code >= 0xd800 && code <= 0xdfff) return true;
  let known = WORD_CHAR[code]!;
  if (known === 0) WORD_CHAR[code] = known = TOKEN_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
};
const TOKEN_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * Whether NFC might change a text at this code unit: anything from U+0300
 * (the first combining mark) on, except general punctuation (U+2010–U+206F:
 * dashes, „quotes“, …) and currency signs (U+20A0–U+20CF), which NFC
 * leaves alone and which German text is full of.
 */
export const mayNeedNfc = (code: number): boolean => code >= 0x300 && !((code >= 0x2010 && code <= 0x206f) || (code >= 0x20a0 && code <= 0x20cf));

/**
 * The NFC form of a text. Text without a code unit NFC might change is NFC
 * already: checking that is a fraction of the cost of
 * String.prototype.normalize, which copies the whole text.
 */
export function nfc(input: string): string {
  for (let i = 0; i < input.length; i++) {
    if (mayNeedNfc(input.charCodeAt(i))) return input.normalize('NFC');
  }
  return input;
}

/**
 * Calls `emit` with every word of the NFC form of the text as it stands
 * there (not folded) and its offsets. A hand-written scanner: on the
 * indexing hot path it is several times faster than a Unicode regular
 * expression with match objects.
 */
function scanRaw(input: string, emit: (raw: string, start: number, end: number) => void): void {
  const text = nfc(input);
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const inWord = code < 128 ? (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) : isWordUnit(code);
    if (inWord) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      emit(text.slice(start, i), start, i);
      start = -1;
    }
  }
  if (start >= 0) emit(text.slice(start), start, text.length);
}

/** Tokens with their offsets in `text` (for highlighting the original). */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  scanRaw(input, (raw, start, end) => {
    const word = fold(raw);
    if (word) tokens.push({ word, start, end });
  });
  return tokens;
}

/** Just the folded words, without offsets. */
export function words(input: string): string[] {
  const out: string[] = [];
  scanRaw(input, (raw) => {
    const word = fold(raw);
    if (word) out.push(word);
  });
  return out;
}
