// How long a search takes on a large index (the synthetic corpus, 100,000+
// chunks), compared with a plain FTS5 query on fixed 1000-char pieces of the
// same files. The queries mix the dev-set questions with 1–6 word queries
// drawn from the corpus vocabulary (common and rare words alike).
import { join } from 'node:path';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { createCore } from '../main/core';
import { silentLogger } from '../main/log';
import { indexWithCore } from './lib/corpora';
import { loadDevSet } from './lib/dev-set';
import { NaiveBaseline } from './lib/naive-baseline';
import { LawVocabulary, seededRandom, writeSyntheticCorpus } from './lib/synthetic-corpus';
import { timeToFirstByte } from './first-byte';
import { report, timeIt } from './report';
import { FakeOllama } from '../e2e/fixtures/fake-ollama';
import Database from 'better-sqlite3';
import { databaseFile } from '../main/paths';
import { VectorStore } from '../main/index/vectors';

/** Gives every chunk the fake server's vector for its text, in batches, as the indexer's embedding phase stores them. */
async function writeVectors(dataDir: string, fake: FakeOllama, model: string): Promise<void> {
  const db = new Database(databaseFile(dataDir));
  try {
    const vectors = new VectorStore(db, silentLogger);
    for (;;) {
      const batch = vectors.missing(model, 2000);
      if (batch.length === 0) break;
      vectors.put(model, batch.map((c) => ({ id: c.id, vector: Float32Array.from(fake.vectorFor(`${c.heading}\n\n${c.text}`)) })));
    }
  } finally {
    db.close();
  }
}

const BENCH = 'query-latency';
const LIMIT = 10;
const SAMPLED_QUERIES = 240;
const WARMUP = 10;

/** Deterministic word queries: each word is either frequency-weighted (common words) or uniform over distinct words (rare ones). */
function sampledQueries(vocabulary: LawVocabulary, count: number): string[] {
  const rand = seededRandom(7);
  return Array.from({ length: count }, () => {
    const words = 1 + Math.floor(rand() * 6);
    return Array.from({ length: words }, () => (rand() < 0.5 ? vocabulary.frequentWord(rand) : vocabulary.anyWord(rand))).join(' ');
  });
}

const dir = tempDir('stadtschreiber-bench-');
try {
  const vocabulary = LawVocabulary.load();
  const corpus = writeSyntheticCorpus(join(dir.path, 'synthetic'), vocabulary);
  const dataDir = join(dir.path, 'data');
  const building = createCore({ dataDir, env: {}, logger: silentLogger });
  const { chunks } = await indexWithCore(building, join(dir.path, 'synthetic'));
  building.close();
  const naiveFile = join(dir.path, 'naive.db');
  new NaiveBaseline(naiveFile).build(corpus.files);

  // Both re-opened, as at the next start of the app: no caches left over from building.
  const core = createCore({ dataDir, env: {}, logger: silentLogger });
  const baseline = new NaiveBaseline(naiveFile);
  const queries = [...loadDevSet().map((q) => q.question), ...sampledQueries(vocabulary, SAMPLED_QUERIES)];

  /** Every query once (after a short warm-up), in order; percentiles in ms. */
  const measure = (fn: (query: string) => unknown) => {
    let i = 0;
    return timeIt(() => fn(queries[i++ % queries.length]!), queries.length, WARMUP);
  };
  const naive = await measure((query) => baseline.search(query, LIMIT));

  /** One p50/p95 pair against the naive baseline; another search mode (e.g. hybrid) is one more call. */
  const runQueries = async (label: string, fn: (query: string) => unknown, target = 'p95 ≤ 15 ms') => {
    const t = await measure(fn);
    const note = `${queries.length} queries, limit ${LIMIT}, ${chunks} chunks`;
    report({ bench: BENCH, figure: `${label} search latency (p50)`, value: t.p50, unit: 'ms', baseline: naive.p50, note });
    report({ bench: BENCH, figure: `${label} search latency (p95)`, value: t.p95, unit: 'ms', baseline: naive.p95, target, note });
  };

  await runQueries('lexical', (query) => core.search({ query, limit: LIMIT }));
  core.close();

  // Hybrid: every chunk gets a deterministic 1024-dimensional vector (written
  // directly, as the embedding phase would), and the query vector comes from
  // the fake Ollama server over loopback, as it would from a real one.
  const fake = new FakeOllama();
  await fake.start();
  try {
    await writeVectors(dataDir, fake, 'bge-m3:latest');
    const hybrid = createCore({ dataDir, env: {}, logger: silentLogger, settings: { ollamaHost: fake.url, embeddingModel: 'bge-m3:latest' } });
    const probe = await hybrid.search({ query: 'Verlust Ausweis melden', limit: LIMIT });
    if (probe.mode !== 'hybrid') throw new Error(`expected hybrid search, got ${probe.mode}: ${probe.notice}`);
    await runQueries('hybrid', (query) => hybrid.search({ query, limit: LIMIT }), 'p95 ≤ 50 ms');
    hybrid.close();

    // Question → first byte of the answer's request to Ollama, with and without the query
    // embedding, and with the question's rewrite (the fake model answers it at once).
    const questions = loadDevSet().map((q) => q.question);
    fake.chatReply = ({ format }) => (format ? JSON.stringify({ suchanfrage: 'Verlust Personalausweis anzeigen', fachbegriffe: ['Personalausweis'] }) : 'Antwort [1].');
    for (const [label, settings, rewriteQuestions] of [
      ['lexical', {}, false],
      ['hybrid', { embeddingModel: 'bge-m3:latest' }, false],
      ['lexical, with the question rewrite', {}, true],
    ] as const) {
      const asking = createCore({ dataDir, env: {}, logger: silentLogger, rewriteQuestions, settings: { ollamaHost: fake.url, chatModel: 'qwen2.5:7b', ...settings } });
      const t = await timeToFirstByte(asking, questions);
      const note = `${t.asked} of ${questions.length} dev-set questions reached the model (${t.abstained} abstained), ${chunks} chunks`;
      report({ bench: BENCH, figure: `question to first byte to Ollama, ${label} (p50)`, value: t.p50, unit: 'ms', note });
      report({ bench: BENCH, figure: `question to first byte to Ollama, ${label} (p95)`, value: t.p95, unit: 'ms', ...(rewriteQuestions ? {} : { target: 'p95 ≤ 50 ms' }), note });
      asking.close();
    }
  } finally {
    await fake.stop();
  }
  baseline.close();
} finally {
  dir.remove();
}
