import type { Analyzer } from '../search/analyze';
import { parseQuery } from '../search/query';

/**
 * Share of the question's words that a passage contains (a word counts when
 * any of its terms — stem, compound part, synonym — occurs). Search ranks
 * by BM25, which always returns something; this says whether it is about
 * the question at all, so that the model is never asked to answer from
 * passages that only share a word like "Antrag".
 */
export function coverage(question: string, passage: string, analyzer: Analyzer): number {
  const { groups } = parseQuery(question, analyzer);
  if (groups.length === 0) return 0;
  const present = new Set(analyzer.analyze(passage).flatMap((t) => t.terms));
  return groups.filter((g) => g.some((term) => present.has(term))).length / groups.length;
}

/** A passage must contain at least half of the question's words. */
export const MIN_COVERAGE = 0.5;

export function isRelevant(question: string, passage: string, analyzer: Analyzer): boolean {
  return coverage(question, passage, analyzer) >= MIN_COVERAGE;
}
