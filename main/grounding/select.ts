import type { SearchHit } from '../contract';
import type { Evidence } from './evidence';

export interface Candidate {
  hit: SearchHit;
  /** The passage as it would go to the model (the whole § where it fits). */
  text: string;
  evidence: Evidence;
}

export interface SelectionRule {
  maxSources: number;
  /** Below this coverage of the question's weighted words no passage answers it (see docs/architecture.md, Grounding). */
  minCoverage: number;
  /** A further source must cover at least this share of what the best-covering one covers. */
  relativeCoverage: number;
  /** … and score at least this share of source [1]'s score: the rest is the long tail of BM25. */
  relativeScore: number;
}

/**
 * The sources for one model call, from what search found, in search's order:
 * only body text (never a table of contents, front matter or a preamble);
 * source [1] is the best-ranked passage that covers enough of the question;
 * further ones follow while they cover nearly as much and score within
 * reach of [1], up to `maxSources`; then the sources of one document are
 * put next to each other (the document of [1] first). Empty when no passage
 * covers `minCoverage`: the question is not answerable from the documents.
 */
export function selectSources(candidates: Candidate[], rule: SelectionRule): Candidate[] {
  const eligible = candidates.filter((c) => c.hit.role === 'body');
  const best = Math.max(0, ...eligible.map((c) => c.evidence.coverage));
  if (best < rule.minCoverage) return [];
  const enough = Math.max(rule.minCoverage, rule.relativeCoverage * best);
  const chosen: Candidate[] = [];
  for (const c of eligible) {
    if (chosen.length === rule.maxSources) break;
    if (c.evidence.coverage < enough) continue;
    if (chosen.length > 0 && c.hit.score < rule.relativeScore * chosen[0]!.hit.score) break;
    chosen.push(c);
  }
  return groupByDocument(chosen);
}

/** Stable: documents in order of their best source, each document's sources in rank order. */
export function groupByDocument<T extends { hit: SearchHit }>(list: T[]): T[] {
  const order = new Map<number, number>();
  list.forEach((c, i) => {
    if (!order.has(c.hit.documentId)) order.set(c.hit.documentId, i);
  });
  return [...list].sort((a, b) => order.get(a.hit.documentId)! - order.get(b.hit.documentId)!);
}
