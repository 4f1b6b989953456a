import type { Analyzer } from '../analysis/analyze';
import { intentTerms, isFrameWord } from '../analysis/question-frame';
import { synonymsOf } from '../analysis/synonyms';

export interface ParsedQuery {
  /** FTS5 phrase expressions ("a b c") that every hit must contain. */
  phrases: string[];
  /** One group per query word: the terms that count as a match of it (stem, compound parts, synonyms). */
  groups: string[][];
  /** Each group's word as the query wrote it. */
  written: string[];
  /** Each group's own terms, as the word is indexed (its stem first, then its compound parts), without widening. */
  own: string[][];
  /** Each group's terms from widening alone (thesaurus, compounds containing it): weaker evidence than its own and its synonyms. */
  widened: string[][];
  /** Every term the query can match, for highlighting. */
  terms: Set<string>;
  /** What the question's frame asks for ("was kostet" → Gebühr, Betrag …): lifts candidates, never selects them. */
  intents: string[];
}

/** Terms are letters and digits only (see normalise.ts), so quoting them makes any input safe for MATCH. */
export const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * Analyses what the clerk typed. User text never reaches MATCH raw: quotes,
 * hyphens, colons, AND/OR/NOT, * and unbalanced quotes are all just text.
 * "Quoted phrases" must occur as phrases; other words are alternatives.
 */
export function parseQuery(input: string, analyzer: Analyzer, compoundsOf: (word: string) => string[] = () => []): ParsedQuery {
  const terms = new Set<string>();
  const groups: string[][] = [];
  const written: string[] = [];
  const own: string[][] = [];
  const widened: string[][] = [];
  const phrases: string[] = [];
  const quoted = /"([^"]*)"/g;
  for (const match of input.matchAll(quoted)) {
    const stems = analyzer.analyze(match[1]!).map((t) => t.terms[0]!);
    stems.forEach((s) => terms.add(s));
    if (stems.length > 1) phrases.push(`"${stems.join(' ')}"`);
    else if (stems.length === 1) phrases.push(quote(stems[0]!));
  }
  // What is left once complete phrases are removed; a stray quote is ordinary punctuation.
  const rest = input.replace(quoted, ' ').replace(/"/g, ' ');
  const seenWords = new Set<string>();
  const tokens = analyzer.analyze(rest);
  // The question's frame ("wie lange", "was kostet") says how it asks, not what about: unless it is all there is.
  const content = tokens.some((t) => !isFrameWord(t.word)) ? tokens.filter((t) => !isFrameWord(t.word)) : tokens;
  for (const token of content) {
    if (seenWords.has(token.word)) continue;
    seenWords.add(token.word);
    const direct = [...new Set([...token.terms, ...token.terms.flatMap(synonymsOf)])];
    const wide = [...new Set(compoundsOf(token.word))].filter((t) => !direct.includes(t));
    const group = [...direct, ...wide];
    groups.push(group);
    written.push(rest.slice(token.start, token.end));
    own.push(token.terms);
    widened.push(wide);
    group.forEach((t) => terms.add(t));
  }
  return { phrases, groups, written, own, widened, terms, intents: intentTerms(rest) };
}

/** The MATCH expression: all phrases, and any of the given terms. Null when there is nothing to search. */
export function toMatch(phrases: string[], alternatives: string[]): string | null {
  const words = alternatives.length > 0 ? `(${alternatives.map(quote).join(' OR ')})` : '';
  const parts = [...phrases, words].filter(Boolean);
  return parts.length > 0 ? parts.join(' AND ') : null;
}
