import type { Analyzer } from './analyze';
import { synonymsOf } from './synonyms';

export interface ParsedQuery {
  /** The FTS5 MATCH expression, or null when nothing searchable is left. */
  match: string | null;
  /** Every term the query can match, for highlighting. */
  terms: Set<string>;
  /** One group per query word or phrase: the terms that count as a match of it. */
  groups: string[][];
}

/** Terms are letters and digits only (see normalise.ts), so quoting them makes any input safe for MATCH. */
const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * Turns what the clerk typed into an FTS5 expression. User text never
 * reaches MATCH raw: quotes, hyphens, colons, AND/OR/NOT, * and unbalanced
 * quotes are all just text. "Quoted phrases" must occur as phrases; other
 * words are alternatives (OR), each matching its stem or a compound part.
 */
export function buildQuery(input: string, analyzer: Analyzer, compoundsOf: (word: string) => string[] = () => []): ParsedQuery {
  const terms = new Set<string>();
  const groups: string[][] = [];
  const phrases: string[] = [];
  const quoted = /"([^"]*)"/g;
  for (const match of input.matchAll(quoted)) {
    const stems = analyzer.analyze(match[1]!).map((t) => t.terms[0]!);
    stems.forEach((s) => terms.add(s));
    if (stems.length > 0) groups.push(stems);
    if (stems.length > 1) phrases.push(`"${stems.join(' ')}"`);
    else if (stems.length === 1) phrases.push(quote(stems[0]!));
  }
  // What is left once complete phrases are removed; a stray quote is ordinary punctuation.
  const rest = input.replace(quoted, ' ').replace(/"/g, ' ');
  const alternatives = new Set<string>();
  const seenWords = new Set<string>();
  for (const token of analyzer.analyze(rest)) {
    const widened = [...new Set([...token.terms, ...token.terms.flatMap(synonymsOf), ...compoundsOf(token.word)])];
    if (!seenWords.has(token.word)) groups.push(widened);
    seenWords.add(token.word);
    for (const term of widened) {
      terms.add(term);
      alternatives.add(quote(term));
    }
  }
  const words = alternatives.size > 0 ? `(${[...alternatives].join(' OR ')})` : '';
  const parts = [...phrases, words].filter(Boolean);
  return { match: parts.length > 0 ? parts.join(' AND ') : null, terms, groups };
}
