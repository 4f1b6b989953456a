import { germanStem } from './german-stemmer';

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

/** Separable-verb prefixes that take "zu" inside: anzuzeigen, abzugeben, vorzulegen. */
const ZU_INFIX = /^(ab|an|auf|aus|bei|dar|ein|fest|fort|her|hin|mit|nach|statt|vor|weg|wieder|zu|zuruck|zusammen)zu(\p{L}{4,})$/u;

/**
 * "anzuzeigen" → "anzeigen": the zu-infinitive of separable verbs is common
 * in statutes and letters ("den Verlust anzuzeigen") and must meet the plain
 * verb. The rest must be long enough to be a verb stem (not "Anzug").
 */
function removeZuInfix(word: string): string {
  // Most words have no "zu" at all: no need for the regular expression.
  if (!word.includes('zu')) return word;
  const m = ZU_INFIX.exec(word);
  return m && /(en|ern|eln)$/.test(m[2]!) ? m[1]! + m[2]! : word;
}

/** Snowball German stem of a folded word; numbers stay as they are. */
export function stemUncached(word: string): string {
  const first = word.charCodeAt(0);
  return first >= 48 && first <= 57 ? word : germanStem(removeZuInfix(word));
}

/** The same, memoised: for words met again and again (compound parts, query words). */
export function stem(word: string): string {
  let result = cache.get(word);
  if (result !== undefined) return result;
  result = stemUncached(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}
