import { createCore } from './main/core';
import { silentLogger } from './main/log';
import { isRelevant, LAWS_DIR, loadDevSet, scoreRanking } from './bench/lib/dev-set';
import { rmSync } from 'node:fs';
const dir = '/tmp/qprobe';
rmSync(dir, { recursive: true, force: true });
const core = createCore({ dataDir: dir, env: {}, logger: silentLogger });
const t0 = performance.now();
await core.addFolder({ path: LAWS_DIR });
await core.idle();
console.log('index ms', performance.now() - t0);
const qs = loadDevSet();
let r5 = 0, mrr = 0, ndcg = 0;
for (const q of qs) {
  const res = await core.search({ query: q.question, limit: 10 });
  // dedupe by section
  const ranked = res.hits.map((h) => isRelevant(h, q));
  const s = scoreRanking(ranked, q.relevant.length);
  r5 += s.recallAt5; mrr += s.mrr; ndcg += s.ndcg;
  if (process.env.V && !s.recallAt5) console.log(q.id, q.question, '→', res.hits.slice(0, 3).map((h) => h.title.slice(0, 20) + ' ' + h.heading.split(' › ').pop()?.slice(0, 40)));
}
console.log({ recall5: r5 / qs.length, mrr: mrr / qs.length, ndcg: ndcg / qs.length });
core.close();
