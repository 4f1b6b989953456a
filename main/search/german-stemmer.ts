/**
 * The Snowball German stemmer (snowballstem.org/algorithms/german), written
 * out for speed: the generic snowball-stemmers port takes about 14 µs a word,
 * which made stemming a third of indexing time; this takes well under 1 µs.
 * A test checks it against snowball-stemmers word for word.
 *
 * Input is lower case. ß, ä, ö, ü may or may not be folded already; the
 * result is folded (ß → ss, umlauts → plain vowels) as in the original.
 */

const isVowel = (c: string) => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y' || c === 'ä' || c === 'ö' || c === 'ü';
const S_ENDING = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 't']);
const ST_ENDING = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 't']);

/** R1: the region after the first non-vowel that follows a vowel. */
const regionStart = (w: string[]) => regionStartAfter(w, 0);

const endsWith = (w: string[], suffix: string) => {
  if (suffix.length > w.length) return false;
  for (let i = 0; i < suffix.length; i++) if (w[w.length - suffix.length + i] !== suffix[i]) return false;
  return true;
};

/** The longest of the suffixes that the word ends with, or undefined. */
const longest = (w: string[], suffixes: readonly string[]) => suffixes.find((s) => endsWith(w, s));

const STEP1 = ['ern', 'em', 'er', 'en', 'es', 'e', 's'] as const;
const STEP2 = ['est', 'en', 'er', 'st'] as const;
const STEP3 = ['isch', 'lich', 'heit', 'keit', 'end', 'ung', 'ig', 'ik'] as const;

export function germanStem(input: string): string {
  const w = [...input.replace(/ß/g, 'ss')];
  // u and y between vowels are consonants: mark them upper case.
  for (let i = 1; i < w.length - 1; i++) {
    if ((w[i] === 'u' || w[i] === 'y') && isVowel(w[i - 1]!) && isVowel(w[i + 1]!)) w[i] = w[i]!.toUpperCase();
  }
  // R2 is searched from R1 as found, before R1 is moved to at least the fourth letter.
  const found = regionStart(w);
  const r1 = Math.max(3, found);
  const r2 = regionStartAfter(w, found);
  const inR1 = (suffix: string) => w.length - suffix.length >= r1;
  const inR2 = (suffix: string) => w.length - suffix.length >= r2;
  const cut = (n: number) => w.splice(w.length - n, n);

  // Step 1
  const s1 = longest(w, STEP1);
  if (s1 && inR1(s1)) {
    if (s1 === 'em' || s1 === 'ern' || s1 === 'er') cut(s1.length);
    else if (s1 === 'e' || s1 === 'en' || s1 === 'es') {
      cut(s1.length);
      if (endsWith(w, 'niss')) cut(1);
    } else if (s1 === 's' && w.length >= 2 && S_ENDING.has(w[w.length - 2]!)) cut(1);
  }

  // Step 2
  const s2 = longest(w, STEP2);
  if (s2 && inR1(s2)) {
    if (s2 === 'en' || s2 === 'er' || s2 === 'est') cut(s2.length);
    else if (s2 === 'st' && w.length >= 6 && ST_ENDING.has(w[w.length - 3]!)) cut(2);
  }

  // Step 3: derivational suffixes, in R2
  const s3 = longest(w, STEP3);
  if (s3 && inR2(s3)) {
    if (s3 === 'end' || s3 === 'ung') {
      cut(3);
      if (endsWith(w, 'ig') && inR2('ig') && w[w.length - 3] !== 'e') cut(2);
    } else if (s3 === 'ig' || s3 === 'ik' || s3 === 'isch') {
      if (w[w.length - s3.length - 1] !== 'e') cut(s3.length);
    } else if (s3 === 'lich' || s3 === 'heit') {
      cut(4);
      if ((endsWith(w, 'er') || endsWith(w, 'en')) && inR1('er')) cut(2);
    } else if (s3 === 'keit') {
      cut(4);
      if (endsWith(w, 'lich') && inR2('lich')) cut(4);
      else if (endsWith(w, 'ig') && inR2('ig')) cut(2);
    }
  }

  return w
    .join('')
    .replace(/U/g, 'u')
    .replace(/Y/g, 'y')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u');
}

/** The region after the first non-vowel following a vowel, both at or after `from`. */
function regionStartAfter(w: string[], from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w[i]!) && isVowel(w[i - 1]!)) return i + 1;
  }
  return w.length;
}
