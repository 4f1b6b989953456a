/**
 * The one grounding of every model call that answers from the office's
 * documents: retrieval (the question, and with a chat model its rewrite in
 * official terms, fused) → source selection (whole §, body text only,
 * grouped by document) → the decision whether the documents answer at all
 * → numbered source blocks (blocks.ts) within the model's context
 * (budget.ts) → after the answer, its citations and every sentence checked
 * against what it cites (citations.ts, claims.ts). Answers (research/) and
 * draft suggestions (drafting/) both go through it.
 */
import { headingLabel, type SearchHit, type SearchResult } from '../contract';
import type { Logger } from '../log';
import type { Analyzer } from '../analysis/analyze';
import { reciprocalRankFusion } from '../search/fusion';
import type { PromptSource } from './blocks';
import { verifyCitations } from './citations';
import { checkClaims, saysSourcesDoNotAnswer } from './claims';
import { evidenceOf, questionWords, type TermStatistics } from './evidence';
import { rewriteQuestion } from './rewrite';
import { sectionText, type SectionStore } from './section';
import { selectSources, type Candidate, type SelectionRule } from './select';
import type { Claim, Citation } from '../contract';

/** What the sources are for: a clerk's question, or the notes and letter of a draft (long, many words). */
type Purpose = 'answer' | 'draft';

interface Rule extends SelectionRule {
  /** Sections retrieved per query. */
  searchLimit: number;
  /** A § up to this length goes in whole. */
  sectionChars: number;
  /** Words the index does not know count for nothing (names and addresses in a draft's notes), instead of most. */
  knownWordsOnly: boolean;
  /**
   * How much less coverage a longer question needs, per unit of ln(content
   * words): the threshold is minCoverage − coverageSlope · ln(n). Longer
   * questions carry more words that the answering passage puts otherwise.
   */
  coverageSlope: number;
}

/**
 * The thresholds (see docs/performance.md): a question of n content words
 * is answerable when a passage covers at least 0.64 − 0.10 · ln(n) of its
 * IDF-weighted words (0.64 for one word, 0.53 for three, 0.43 for eight):
 * what three quarters of the answering passages of the development sets'
 * answerable questions cover, by length, fitted on both sets together
 * without looking at the unanswerable ones. Notes for a draft are long and
 * mention much besides the legal point, so far less of them is needed, and
 * a draft is suggested without sources when none fits.
 */
export const RULES: Record<Purpose, Rule> = {
  answer: { searchLimit: 12, sectionChars: 4000, maxSources: 6, minCoverage: 0.64, coverageSlope: 0.1, relativeCoverage: 0.5, relativeScore: 0.3, knownWordsOnly: false },
  draft: { searchLimit: 8, sectionChars: 2500, maxSources: 4, minCoverage: 0.25, coverageSlope: 0, relativeCoverage: 0.5, relativeScore: 0.3, knownWordsOnly: true },
};

/** The coverage a question of these words needs. */
export const coverageNeeded = (rule: Rule, words: number) => rule.minCoverage - rule.coverageSlope * Math.log(Math.max(1, words));

/** The rewritten question's hits count less than the question's own: the model may have drifted. */
const REWRITE_WEIGHT = 0.7;
/** So does how much of the rewrite a passage covers, when deciding whether the documents answer. */
const REWRITE_EVIDENCE = 0.85;

interface GroundingDeps {
  search: (arg: { query: string; limit: number }) => Promise<SearchResult>;
  sections: SectionStore;
  analyzer: () => Analyzer;
  stats: () => TermStatistics;
  log: Logger;
}

interface GatherInput {
  query: string;
  purpose: Purpose;
  /** The chat model that rewrites the question first; none: the question alone is searched. */
  rewriteWith?: { host: string; model: string; timeoutMs?: number } | null;
  signal?: AbortSignal;
}

export interface Gathered {
  /** Everything retrieved, best first (the closest hits when abstaining). */
  hits: SearchHit[];
  /** The numbered sources for the model ([1] is sources[0]); empty when not answerable. */
  sources: PromptSource[];
  answerable: boolean;
  /** The best coverage of the question's weighted words by a body passage, 0–1. */
  coverage: number;
  /** German: why the closest hits are not enough; null when answerable. */
  abstainReason: string | null;
  /** The question in official terms, when a model rewrote it; and how long that took. */
  rewritten: string | null;
  rewriteMs: number | null;
}

interface Checked {
  /** The answer with citations of sources that were not given taken out. */
  answer: string;
  citations: Citation[];
  removed: number[];
  claims: Claim[];
  /** Every citation exists, there is one, and every sentence with content is backed by what it cites. */
  verified: boolean;
  /** The model said that the sources do not answer the question. */
  refused: boolean;
}

const NOTHING_RETRIEVED = 'Die Suche fand keine Stelle, die Wörter der Frage enthält.';
const ONLY_APPARATUS = 'Gefunden wurden nur Inhaltsverzeichnisse, Präambeln oder Kopfdaten, und die regeln nichts.';

export class Grounding {
  constructor(private readonly deps: GroundingDeps) {}

  async gather(input: GatherInput): Promise<Gathered> {
    const { deps } = this;
    const rule = RULES[input.purpose];
    const started = performance.now();
    const rewriting = input.rewriteWith
      ? rewriteQuestion({ ...input.rewriteWith, question: input.query, signal: input.signal, log: deps.log }).then((q) => ({ query: q, ms: performance.now() - started }))
      : Promise.resolve(null);
    const [original, rewrite] = await Promise.all([deps.search({ query: input.query, limit: rule.searchLimit }), rewriting]);
    let hits = original.hits;
    if (rewrite?.query && !input.signal?.aborted) {
      const second = await deps.search({ query: rewrite.query, limit: rule.searchLimit });
      hits = fuse(original.hits, second.hits, rule.searchLimit);
    }
    const analyzer = deps.analyzer();
    const wordsOf = (query: string) => questionWords(query, deps.stats()).filter((w) => !rule.knownWordsOnly || w.known);
    const words = wordsOf(input.query);
    // Everyday words ("Perso weg") may be answered in official ones: a passage that covers the
    // rewrite ("Verlust Personalausweis anzeigen") has evidence too, a little less.
    const rewordsOf = rewrite?.query ? wordsOf(rewrite.query) : null;
    const candidates: Candidate[] = hits.map((hit) => {
      const section = hit.role === 'body' ? sectionText(deps.sections, hit.chunkId, rule.sectionChars) : null;
      const text = section?.text ?? hit.snippet;
      const placed: SearchHit = section ? { ...hit, lineStart: section.lineStart ?? hit.lineStart, lineEnd: section.lineEnd ?? hit.lineEnd } : hit;
      const passage = `${hit.title}\n${headingLabel(hit.headingPath)}\n${text}`;
      const own = evidenceOf(words, passage, analyzer);
      const reworded = rewordsOf ? evidenceOf(rewordsOf, passage, analyzer) : null;
      const evidence = reworded && REWRITE_EVIDENCE * reworded.coverage > own.coverage ? { ...own, coverage: REWRITE_EVIDENCE * reworded.coverage } : own;
      return { hit: placed, text, evidence };
    });
    const chosen = selectSources(candidates, { ...rule, minCoverage: coverageNeeded(rule, words.length) });
    const body = candidates.filter((c) => c.hit.role === 'body');
    const coverage = Math.max(0, ...body.map((c) => c.evidence.coverage));
    const base = { hits, rewritten: rewrite?.query ?? null, rewriteMs: rewrite ? rewrite.ms : null, coverage };
    if (chosen.length === 0) return { ...base, sources: [], answerable: false, abstainReason: whyNot(candidates) };
    return { ...base, sources: chosen.map((c, i) => ({ n: i + 1, hit: c.hit, text: c.text })), answerable: true, abstainReason: null };
  }

  /** The model's answer against its sources: citations that lead nowhere removed, every sentence checked. */
  check(text: string, sources: PromptSource[]): Checked {
    const cited = verifyCitations(text, sources.map((s) => s.hit));
    const refused = saysSourcesDoNotAnswer(cited.answer);
    const claims = refused ? [] : checkClaims(cited.answer, sources.map((s) => ({ n: s.n, text: s.text, headingPath: s.hit.headingPath, title: s.hit.title })), this.deps.analyzer());
    const verified = !refused && cited.verified && claims.length > 0 && claims.every((c) => c.supported);
    return { answer: cited.answer, citations: cited.citations, removed: cited.removed, claims, verified, refused };
  }
}

/** Hits of the question and of its rewrite in one list (reciprocal rank fusion, the rewrite weighing less). */
function fuse(own: SearchHit[], rewritten: SearchHit[], limit: number): SearchHit[] {
  const byId = new Map<number, SearchHit>();
  for (const hit of [...own, ...rewritten]) if (!byId.has(hit.chunkId)) byId.set(hit.chunkId, hit);
  return reciprocalRankFusion([own.map((h) => h.chunkId), rewritten.map((h) => h.chunkId)], [1, REWRITE_WEIGHT])
    .slice(0, limit)
    .map((f) => ({ ...byId.get(f.id)!, score: f.score }));
}

/** Why the closest hits do not answer the question, for the clerk. */
function whyNot(candidates: Candidate[]): string {
  if (candidates.length === 0) return NOTHING_RETRIEVED;
  const body = candidates.filter((c) => c.hit.role === 'body');
  if (body.length === 0) return ONLY_APPARATUS;
  const closest = body.reduce((a, b) => (b.evidence.coverage > a.evidence.coverage ? b : a));
  const missing = closest.evidence.missing.slice(0, 3).map((w) => `„${w.written}“`);
  if (missing.length === 0) return 'Die nächstliegenden Stellen passen nicht genau genug zur Frage.';
  return `Keine Stelle behandelt, worauf es in der Frage ankommt: ${missing.join(', ')} ${missing.length === 1 ? 'kommt' : 'kommen'} in den nächstliegenden Stellen nicht vor.`;
}
