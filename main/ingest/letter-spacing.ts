/**
 * Letter-spaced titles ("A L L G E M E I N V E R F Ü G U N G"): single
 * letters with single spaces between, words apart by a wider gap. Read
 * letter by letter they are no words at all, so every parser joins them.
 */

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const isUpper = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);

/** Letters 1-apart with single spaces between them, optionally several such runs apart by 2+ blanks or a tab. */
const SPAN = /(?<![\p{L}\p{N}])\p{L}(?: \p{L})+(?:(?: {2,}|[\t\u00a0\u2002-\u2007]+ *)\p{L}(?: \p{L})*)*(?![\p{L}\p{N}])/gu;
const GAP = / {2,}|[\t\u00a0\u2002-\u2007]+ */;

/** Whether some run of ≥ 4 single letters separated by single spaces occurs: jumps from space to space (most text has none). */
function hasSpacedRun(text: string): boolean {
  // p is the first space of a candidate "X X X X": letters at p-1, p+1, p+3, p+5, spaces at p+2, p+4.
  for (let p = text.indexOf(' ', 1); p >= 0 && p + 5 < text.length; p = text.indexOf(' ', p + 1)) {
    if (text.charCodeAt(p + 2) !== 32 || text.charCodeAt(p + 4) !== 32) continue;
    if (isLetter(text.charCodeAt(p - 1)) && isLetter(text.charCodeAt(p + 1)) && isLetter(text.charCodeAt(p + 3)) && isLetter(text.charCodeAt(p + 5)) && !(p > 1 && isLetter(text.charCodeAt(p - 2)))) return true;
  }
  return false;
}

/** A run reads as a word: all capitals, or a capital then small letters ("S a t z u n g"). */
function wordLike(letters: string): boolean {
  if (!isUpper(letters.charCodeAt(0))) return false;
  const rest = letters.slice(1);
  return rest === rest.toUpperCase() || rest === rest.toLowerCase();
}

/**
 * Joins letter-spaced words: "S A T Z U N G   Ü B E R" → "SATZUNG ÜBER".
 * Only where a run has 4 or more letters; "A B C" alone stays as written.
 */
export function joinLetterSpaced(text: string): string {
  if (text.length < 7 || !hasSpacedRun(text)) return text;
  return text.replace(SPAN, (span) => {
    const runs = span.split(GAP).map((run) => run.replace(/ /g, ''));
    if (!runs.some((r) => r.length >= 4 && wordLike(r)) || !runs.every((r) => r.length === 1 || wordLike(r))) return span;
    return runs.join(' ');
  });
}
