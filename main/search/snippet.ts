import type { Analyzer } from '../analysis/analyze';

const WINDOW_WORDS = 36;

/**
 * The part of a chunk that best shows why it matched: the window of words
 * with the most matching terms, with the matching words' ranges for
 * highlighting. Falls back to the chunk's beginning.
 */
export function makeSnippet(text: string, queryTerms: Set<string>, analyzer: Analyzer): { snippet: string; highlights: [number, number][] } {
  const source = text.normalize('NFC');
  const tokens = analyzer.analyze(source);
  const hits = tokens.map((t) => t.terms.some((term) => queryTerms.has(term)));
  let bestStart = 0;
  let bestScore = -1;
  let score = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (hits[i]) score++;
    if (i >= WINDOW_WORDS && hits[i - WINDOW_WORDS]) score--;
    if (score > bestScore) {
      bestScore = score;
      bestStart = Math.max(0, i - WINDOW_WORDS + 1);
    }
  }
  // Centre the window on its matches a little, so the first match is not the first word.
  const firstHit = hits.indexOf(true, bestStart);
  if (firstHit > bestStart + 6) bestStart = Math.max(bestStart, firstHit - 6);
  const from = tokens.length === 0 ? 0 : tokens[bestStart]!.start;
  const lastIndex = Math.min(tokens.length - 1, bestStart + WINDOW_WORDS - 1);
  let to = tokens.length === 0 ? Math.min(source.length, 240) : tokens[lastIndex]!.end;
  const sentenceEnd = /[.!?;:]/.exec(source.slice(to, to + 40));
  if (sentenceEnd) to += sentenceEnd.index + 1;
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < source.length ? ' …' : '';
  const body = source.slice(from, to).replace(/\s+/g, ' ');
  // Recompute ranges in the whitespace-collapsed body.
  const highlights: [number, number][] = [];
  let cursor = 0;
  for (let i = bestStart; i <= lastIndex; i++) {
    if (!hits[i]) continue;
    const word = source.slice(tokens[i]!.start, tokens[i]!.end);
    const at = body.indexOf(word, cursor);
    if (at < 0) continue;
    highlights.push([prefix.length + at, prefix.length + at + word.length]);
    cursor = at + word.length;
  }
  return { snippet: prefix + body + suffix, highlights };
}

/** Every matching word of a whole text (the source view shows the full passage). */
export function highlightRanges(text: string, queryTerms: Set<string>, analyzer: Analyzer): [number, number][] {
  return analyzer
    .analyze(text.normalize('NFC'))
    .filter((t) => t.terms.some((term) => queryTerms.has(term)))
    .map((t) => [t.start, t.end]);
}
