// Does the core find the right § for the clerk's question, does the answer
// path hand it to the model, does it abstain where the documents say
// nothing, and does the claim check catch wrong numbers and citations?
// Run for each development set (laws, bylaws); the search figures against
// a plain FTS5 table over fixed 1000-char pieces of the same files. The
// model is the fake Ollama server: only what the product does is judged.
import { join } from 'node:path';
import type { AnswerTurn } from '../main/contract';
import { FakeOllama, type ChatReply } from '../e2e/fixtures/fake-ollama';
import { structuredReply } from '../e2e/fixtures/structured-reply';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { createCore, type Core } from '../main/core';
import { silentLogger } from '../main/log';
import { indexWithCore, linkCorpus } from './lib/corpora';
import { devSets, isRelevant, scoreRanking, type DevQuestion, type DevSet } from './lib/dev-set';
import { NaiveBaseline } from './lib/naive-baseline';
import { plantedAnswers, type Planted } from './lib/planted';
import { report } from './report';

const BENCH = 'retrieval-quality';
const LIMIT = 10;

type Scores = ReturnType<typeof scoreRanking>;

/** Mean of each measure over all questions. */
async function evaluate(questions: DevQuestion[], search: (q: string) => Promise<{ path: string; headingPath: readonly string[] }[]>): Promise<Scores> {
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

const ratio = (part: number, whole: number) => (whole ? part / whole : 0);

/** The answer path on every question of the set, against the fake model. */
async function answers(set: DevSet, asking: Core, fake: FakeOllama, tag: string) {
  let answered = 0;
  let withSection = 0;
  let firstRelevant = 0;
  const turns: { q: DevQuestion; turn: AnswerTurn }[] = [];
  for (const q of set.questions) {
    const turn = await asking.ask({ question: q.question, askId: `${tag}-${q.id}` });
    turns.push({ q, turn });
    if (turn.mode === 'abstained') continue;
    answered++;
    if (turn.sources.some((h) => isRelevant(h, q))) withSection++;
    if (turn.sources[0] && isRelevant(turn.sources[0], q)) firstRelevant++;
  }
  let abstained = 0;
  for (const [i, question] of set.unanswerable.entries()) {
    if ((await asking.ask({ question, askId: `${tag}-neg-${i}` })).mode === 'abstained') abstained++;
  }
  void fake;
  return { answered, withSection, firstRelevant, abstained, turns };
}

const dir = tempDir('stadtschreiber-bench-');
const fake = new FakeOllama();
await fake.start();
try {
  for (const set of devSets()) {
    const corpus = linkCorpus(set.dir, join(dir.path, set.name));
    const dataDir = join(dir.path, `data-${set.name}`);
    const core = createCore({ dataDir, env: {}, logger: silentLogger });
    await indexWithCore(core, corpus.folder);
    const baseline = new NaiveBaseline(join(dir.path, `naive-${set.name}.db`));
    baseline.build(corpus.files);
    const ours = await evaluate(set.questions, async (q) => (await core.search({ query: q, limit: LIMIT })).hits);
    const naive = await evaluate(set.questions, async (q) => baseline.search(q, LIMIT));
    baseline.close();
    core.close();
    for (const [key, name] of [
      ['recallAt5', 'Recall@5'],
      ['mrr', 'MRR@10'],
      ['ndcg', 'nDCG@10'],
    ] as [keyof Scores, string][]) {
      report({ bench: BENCH, figure: `${name} (${set.name})`, value: ours[key], unit: 'ratio', baseline: naive[key], ...(key === 'ndcg' ? { target: '≥ 0.65' } : {}) });
    }
    report({ bench: BENCH, figure: `questions in the dev set (${set.name})`, value: set.questions.length, unit: 'questions', note: `bench/data/${set.questionsFile}; ${set.unanswerable.length} unanswerable in bench/data/${set.unanswerableFile}` });

    // Answers, lexical only, with the question rewrite off: the fake model's rewrite would say nothing.
    fake.chatReply = () => 'Antwort [1].';
    const asking = createCore({ dataDir, env: {}, logger: silentLogger, rewriteQuestions: false, settings: { ollamaHost: fake.url, chatModel: 'qwen2.5:7b' } });
    const a = await answers(set, asking, fake, set.name);
    const n = set.questions.length;
    report({ bench: BENCH, figure: `context recall: relevant § among the sources (${set.name})`, value: ratio(a.withSection, n), unit: 'ratio', target: '≥ 0.85', note: `${a.withSection} of ${n} answerable questions` });
    report({ bench: BENCH, figure: `source [1] is a relevant § (${set.name})`, value: ratio(a.firstRelevant, n), unit: 'ratio', target: '≥ 0.60', note: `${a.firstRelevant} of ${n}` });
    report({ bench: BENCH, figure: `answerable questions wrongly refused (${set.name})`, value: ratio(n - a.answered, n), unit: 'ratio', target: '≤ 0.05', note: `${n - a.answered} of ${n}` });
    report({ bench: BENCH, figure: `unanswerable questions abstained (${set.name})`, value: ratio(a.abstained, set.unanswerable.length), unit: 'ratio', target: '≥ 0.90', note: `${a.abstained} of ${set.unanswerable.length}` });

    // The claim check: the fake model answers from source [1] with a sentence copied faithfully,
    // with one of its numbers changed, or with the true sentence citing another source.
    const cases = await plantedCases(asking, fake, a.turns, set.name);
    for (const [kind, label, want] of [
      ['faithful', 'faithful sentences marked supported', true],
      ['wrong-number', 'planted wrong numbers marked unsupported', false],
      ['wrong-citation', 'planted wrong citations marked unsupported', false],
    ] as const) {
      const list = cases.filter((c) => c.kind === kind);
      const right = list.filter((c) => c.supported === want).length;
      report({ bench: BENCH, figure: `claim check: ${label} (${set.name})`, value: ratio(right, list.length), unit: 'ratio', note: `${right} of ${list.length}` });
    }
    asking.close();
  }
} finally {
  await fake.stop();
  dir.remove();
}

/** Asks each answered question again, with each kind of planted answer the fake can build from its sources. */
async function plantedCases(asking: Core, fake: FakeOllama, turns: { q: DevQuestion; turn: AnswerTurn }[], tag: string): Promise<{ kind: Planted['kind']; supported: boolean }[]> {
  const out: { kind: Planted['kind']; supported: boolean }[] = [];
  let planted: Planted | null = null;
  const reply: ChatReply = ({ messages, format }) => {
    if (format) return structuredReply(format, {});
    const user = messages.at(-1)?.content ?? '';
    return planted?.make(user) ?? 'Antwort [1].';
  };
  fake.chatReply = reply;
  for (const { q, turn } of turns) {
    if (turn.mode === 'abstained') continue;
    for (const kind of ['faithful', 'wrong-number', 'wrong-citation'] as const) {
      planted = plantedAnswers[kind];
      const again = await asking.ask({ question: q.question, askId: `${tag}-${kind}-${q.id}` });
      const claim = again.claims.find((c) => c.text.includes(planted!.marker));
      // A source without a sentence to plant (no number, or no second source) is no case.
      if (!planted.applied || !claim) continue;
      out.push({ kind, supported: claim.supported });
    }
  }
  return out;
}
