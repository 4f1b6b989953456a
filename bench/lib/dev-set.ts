import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

export interface DevQuestion {
  id: string;
  question: string;
  relevant: { law: string; section: string }[];
}

const CORPUS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
export const LAWS_DIR = resolve(CORPUS, 'laws');
export const BYLAWS_DIR = resolve(CORPUS, 'bylaws');

const data = (file: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'data', file), 'utf8')) as unknown;

/**
 * A development set: a corpus, everyday questions with the § that answers
 * each, and questions the corpus does not answer.
 */
export interface DevSet {
  name: string;
  dir: string;
  questions: DevQuestion[];
  unanswerable: string[];
  questionsFile: string;
  unanswerableFile: string;
}

export function devSets(): DevSet[] {
  const set = (name: string, dir: string, questionsFile: string, unanswerableFile: string): DevSet => ({
    name,
    dir,
    questions: data(questionsFile) as DevQuestion[],
    unanswerable: data(unanswerableFile) as string[],
    questionsFile,
    unanswerableFile,
  });
  return [set('laws', LAWS_DIR, 'dev-questions.json', 'unanswerable-questions.json'), set('bylaws', BYLAWS_DIR, 'bylaws-questions.json', 'bylaws-unanswerable.json')];
}

/** The laws' questions (the latency benchmarks ask them). */
export function loadDevSet(): DevQuestion[] {
  return data('dev-questions.json') as DevQuestion[];
}

/** Is this hit (file path + heading path) one of the relevant sections? "§ 2" must not match "§ 27". */
export function isRelevant(hit: { path: string; headingPath: readonly string[] }, q: DevQuestion): boolean {
  const law = basename(hit.path).replace(/\.md$/, '');
  const own = hit.headingPath.at(-1) ?? '';
  return q.relevant.some((r) => r.law === law && (own === r.section || own.startsWith(r.section + ' ')));
}

/** Recall@5 (any relevant section in the first five), MRR@10 and nDCG@10 with binary relevance. */
export function scoreRanking(ranked: boolean[], relevantCount: number) {
  const recallAt5 = ranked.slice(0, 5).some(Boolean) ? 1 : 0;
  const first = ranked.slice(0, 10).indexOf(true);
  const mrr = first >= 0 ? 1 / (first + 1) : 0;
  // Each relevant section counts once, however many of its chunks are listed.
  let dcg = 0;
  let found = 0;
  ranked.slice(0, 10).forEach((rel, i) => {
    if (rel && found < relevantCount) {
      dcg += 1 / Math.log2(i + 2);
      found++;
    }
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevantCount, 10); i++) ideal += 1 / Math.log2(i + 2);
  return { recallAt5, mrr, ndcg: ideal ? dcg / ideal : 0 };
}
