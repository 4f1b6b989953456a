// Does the core find the right § for the clerk's question? Every dev-set
// question is run against the laws corpus (limit 10) with the core and with
// a plain FTS5 table over fixed 1000-char pieces of the same files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeOllama } from '../e2e/fixtures/fake-ollama';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { createCore } from '../main/core';
import { silentLogger } from '../main/log';
import { indexWithCore, linkLaws } from './lib/corpora';
import { isRelevant, loadDevSet, scoreRanking, type DevQuestion } from './lib/dev-set';
import { NaiveBaseline } from './lib/naive-baseline';
import { report } from './report';

const BENCH = 'retrieval-quality';
const LIMIT = 10;

type Scores = ReturnType<typeof scoreRanking>;

/** Mean of each measure over all questions. */
async function evaluate(questions: DevQuestion[], search: (q: string) => Promise<{ path: string; heading: string }[]>): Promise<Scores> {
  const sum = { recallAt5: 0, mrr: 0, ndcg: 0 };
  for (const q of questions) {
    const hits = await search(q.question);
    const s = scoreRanking(hits.map((h) => isRelevant(h, q)), q.relevant.length);
    sum.recallAt5 += s.recallAt5;
    sum.mrr += s.mrr;
    sum.ndcg += s.ndcg;
  }
  const n = questions.length;
  return { recallAt5: sum.recallAt5 / n, mrr: sum.mrr / n, ndcg: sum.ndcg / n };
}

const dir = tempDir('stadtschreiber-bench-');
try {
  const questions = loadDevSet();
  const laws = linkLaws(join(dir.path, 'laws'));
  const core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger });
  await indexWithCore(core, laws.folder);
  const baseline = new NaiveBaseline(join(dir.path, 'naive.db'));
  baseline.build(laws.files);

  const ours = await evaluate(questions, async (q) => (await core.search({ query: q, limit: LIMIT })).hits);
  const naive = await evaluate(questions, async (q) => baseline.search(q, LIMIT));
  const figures: [keyof Scores, string][] = [
    ['recallAt5', 'Recall@5'],
    ['mrr', 'MRR@10'],
    ['ndcg', 'nDCG@10'],
  ];
  for (const [key, name] of figures) {
    report({ bench: BENCH, figure: `${name} (laws, dev set)`, value: ours[key], unit: 'ratio', baseline: naive[key] });
  }
  report({ bench: BENCH, figure: 'questions in the dev set', value: questions.length, unit: 'questions' });

  core.close();

  // Answers: how often the relevance check lets an answerable question through
  // to the model (and with its §), and how often it abstains where the laws
  // say nothing. The model is the fake server: only retrieval is judged.
  const fake = new FakeOllama();
  await fake.start();
  try {
    fake.chatReply = () => 'Antwort [1].';
    const asking = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger, settings: { ollamaHost: fake.url, chatModel: 'qwen2.5:7b' } });
    let answered = 0;
    let withSection = 0;
    for (const q of questions) {
      const turn = await asking.ask({ question: q.question, askId: q.id });
      if (turn.mode === 'abstained') continue;
      answered++;
      if (turn.sources.some((h) => isRelevant(h, q))) withSection++;
    }
    const negatives = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'unanswerable-questions.json'), 'utf8')) as string[];
    let abstained = 0;
    for (const [i, question] of negatives.entries()) {
      if ((await asking.ask({ question, askId: `neg-${i}` })).mode === 'abstained') abstained++;
    }
    asking.close();
    report({ bench: BENCH, figure: 'answerable questions sent to the model (not abstained)', value: answered / questions.length, unit: 'ratio', note: `${answered} of ${questions.length}` });
    report({ bench: BENCH, figure: 'relevant § among the sources given to the model', value: answered ? withSection / answered : 0, unit: 'ratio', note: `${withSection} of ${answered} answered questions` });
    report({ bench: BENCH, figure: 'questions the laws do not answer: abstained', value: abstained / negatives.length, unit: 'ratio', note: `${abstained} of ${negatives.length} (bench/data/unanswerable-questions.json)` });
  } finally {
    await fake.stop();
  }
  baseline.close();
} finally {
  dir.remove();
}
