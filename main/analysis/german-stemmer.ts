/**
 * The Snowball German stemmer (snowballstem.org/algorithms/german), written
 * out for speed: the generic snowball-stemmers port takes about 14 µs a word,
 * which made stemming a third of indexing time; this takes well under 1 µs.
 * A test checks it against snowball-stemmers word for word.
 *
 * Input is lower case. ß, ä, ö, ü may or may not be folded already; the
 * result is folded (ß → ss, umlauts → plain vowels) as in the original.
 */

const isVowel = (c: number) => c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121 || c === 0xe4 || c === 0xf6 || c === 0xfc;
/** b d f g h k l m n r t, and the same without r. */
const isSEnding = (c: number) => c === 98 || c === 100 || c === 102 || c === 103 || c === 104 || c === 107 || c === 108 || c === 109 || c === 110 || c === 114 || c === 116;
const isStEnding = (c: number) => c !== 114 && isSEnding(c);

/** The first of the suffixes (listed longest first) that the word ends with, or undefined. */
const longest = (w: string, suffixes: readonly string[]) => {
  for (const s of suffixes) if (w.endsWith(s)) return s;
  return undefined;
};

const STEP1 = ['ern', 'em', 'er', 'en', 'es', 'e', 's'] as const;
const STEP2 = ['est', 'en', 'er', 'st'] as const;
const STEP3 = ['isch', 'lich', 'heit', 'keit', 'end', 'ung', 'ig', 'ik'] as const;
const FOLDED: Record<string, string> = { U: 'u', Y: 'y', ä: 'a', ö: 'o', ü: 'u' };

/**
 * Works on the string with slices and char codes, without closures per
 * call: the first version (a char array, helper closures) made stemming a
 * tenth of the analysis of a new corpus.
 */
export function germanStem(input: string): string {
  let w = input.includes('ß') ? input.replace(/ß/g, 'ss') : input;
  // Whether the result needs the final mapping (marks, umlauts); folded input usually does not.
  let special = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c === 0xe4 || c === 0xf6 || c === 0xfc) special = true;
    // u and y between vowels are consonants: mark them upper case (left to right, as marked).
    else if ((c === 117 || c === 121) && i > 0 && i < w.length - 1 && isVowel(w.charCodeAt(i - 1)) && isVowel(w.charCodeAt(i + 1))) {
      w = w.slice(0, i) + (c === 117 ? 'U' : 'Y') + w.slice(i + 1);
      special = true;
    }
  }
  // R2 is searched from R1 as found, before R1 is moved to at least the fourth letter.
  const found = regionStartAfter(w, 0);
  const r1 = Math.max(3, found);
  const r2 = regionStartAfter(w, found);

  // Step 1
  const s1 = longest(w, STEP1);
  if (s1 && w.length - s1.length >= r1) {
    if (s1 === 'em' || s1 === 'ern' || s1 === 'er') w = w.slice(0, -s1.length);
    else if (s1 === 'e' || s1 === 'en' || s1 === 'es') {
      w = w.slice(0, -s1.length);
      if (w.endsWith('niss')) w = w.slice(0, -1);
    } else if (s1 === 's' && w.length >= 2 && isSEnding(w.charCodeAt(w.length - 2))) w = w.slice(0, -1);
  }

  // Step 2
  const s2 = longest(w, STEP2);
  if (s2 && w.length - s2.length >= r1) {
    if (s2 === 'en' || s2 === 'er' || s2 === 'est') w = w.slice(0, -s2.length);
    else if (s2 === 'st' && w.length >= 6 && isStEnding(w.charCodeAt(w.length - 3))) w = w.slice(0, -2);
  }

  // Step 3: derivational suffixes, in R2
  const s3 = longest(w, STEP3);
  if (s3 && w.length - s3.length >= r2) {
    if (s3 === 'end' || s3 === 'ung') {
      w = w.slice(0, -3);
      if (w.endsWith('ig') && w.length - 2 >= r2 && w.charAt(w.length - 3) !== 'e') w = w.slice(0, -2);
    } else if (s3 === 'ig' || s3 === 'ik' || s3 === 'isch') {
      if (w.charAt(w.length - s3.length - 1) !== 'e') w = w.slice(0, -s3.length);
    } else if (s3 === 'lich' || s3 === 'heit') {
      w = w.slice(0, -4);
      if ((w.endsWith('er') || w.endsWith('en')) && w.length - 2 >= r1) w = w.slice(0, -2);
    } else if (s3 === 'keit') {
      w = w.slice(0, -4);
      if (w.endsWith('lich') && w.length - 4 >= r2) w = w.slice(0, -4);
      else if (w.endsWith('ig') && w.length - 2 >= r2) w = w.slice(0, -2);
    }
  }

  return special ? w.replace(/[UYäöü]/g, (c) => FOLDED[c]!) : w;
}

/** The region after the first non-vowel following a vowel, both at or after `from`. */
function regionStartAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w.charCodeAt(i)) && isVowel(w.charCodeAt(i - 1))) return i + 1;
  }
  return w.length;
}
