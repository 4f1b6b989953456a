import type { Analyzer } from '../analysis/analyze';
import type { ParsedQuery } from '../search/query';
import { informativeness } from '../search/term-frequency';

/** One content word of the question, with how much it says: rare words say more. */
interface QuestionWord {
  written: string;
  /** The word's stem: a passage with it covers the word fully. */
  stem: string;
  /** A compound's parts' stems: a passage with all of them covers it fully too (Verpackungsteuer for Verpackungssteuer). */
  parts: string[];
  /** Its compound parts' stems, synonyms, thesaurus words, known compounds: each covers it in part. */
  related: string[];
  weight: number;
  /** Whether the index has the word (its stem, or any related term). */
  known: boolean;
}

/**
 * How much of a word a passage covers that has only one of its related
 * terms: "Markt" in a passage does not answer a question about the
 * Weihnachtsmarkt, nor "Kind" and "Geld" one about Kindergeld, but they
 * are closer than nothing.
 */
export const RELATED_CREDIT = 0.5;

/**
 * German writes nouns with a capital letter: a question's lower-case words
 * are its verbs, adjectives and adverbs ("aufstellt", "neuen", "kurze"),
 * which a passage that answers it often puts in other words. They weigh
 * this share of a noun of the same rarity.
 */
export const LOWER_CASE_WEIGHT = 0.5;

/** How search reads a query, how many chunks contain a term, and how many chunks there are. */
export interface TermStatistics {
  parse: (query: string) => ParsedQuery;
  documentFrequency: (term: string) => number;
  chunkCount: number;
}

/**
 * The question's content words (no frame words such as "wie lange" or
 * "darf ich", see analysis/question-frame.ts), each weighted by the
 * informativeness (inverse document frequency) of its own stem. A word the
 * index does not know at all weighs most; "Stadt" in a city's bylaws
 * hardly anything.
 */
export function questionWords(question: string, stats: TermStatistics): QuestionWord[] {
  // Read as search reads it: a word widened to its thesaurus synonyms there is covered by them here.
  const { groups, written, own } = stats.parse(question);
  return groups.map((terms, i) => {
    const stem = own[i]?.[0] ?? terms[0]!;
    // The weight of the word itself: a common synonym must not make a rare word look common.
    const df = stats.documentFrequency(stem);
    const known = terms.some((t) => stats.documentFrequency(t) > 0);
    const word = written[i] ?? stem;
    const noun = word[0] !== word[0]!.toLowerCase();
    const weight = informativeness(df, stats.chunkCount) * (noun ? 1 : LOWER_CASE_WEIGHT);
    return { written: word, stem, parts: own[i]?.slice(1) ?? [], related: terms.filter((t) => t !== stem), weight, known };
  });
}

export interface Evidence {
  /** Share of the question's weight that the passage covers, 0–1. */
  coverage: number;
  /** The question's words the passage lacks, heaviest first. */
  missing: QuestionWord[];
}

/** How much of the question's weight a passage (its text, heading path and document title) covers, and what it lacks. */
export function evidenceOf(words: QuestionWord[], passage: string, analyzer: Analyzer): Evidence {
  const total = words.reduce((sum, w) => sum + w.weight, 0);
  if (total === 0) return { coverage: 0, missing: [] };
  const present = analyzer.termsIn(passage);
  let covered = 0;
  const missing: QuestionWord[] = [];
  for (const w of words) {
    if (present.has(w.stem) || (w.parts.length > 1 && w.parts.every((p) => present.has(p)))) covered += w.weight;
    else if (w.related.some((t) => present.has(t))) covered += RELATED_CREDIT * w.weight;
    else missing.push(w);
  }
  return { coverage: covered / total, missing: missing.sort((a, b) => b.weight - a.weight) };
}
