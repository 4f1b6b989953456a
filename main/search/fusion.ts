/** The usual constant of reciprocal rank fusion (Cormack et al. 2009): damps the weight of the very first ranks. */
const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes 1/(k + rank) for every id it
 * ranks; ids found by both lexical and vector search rise to the top. Needs
 * no score calibration between BM25 and cosine distance.
 */
export function reciprocalRankFusion(lists: number[][]): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + index + 1)));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
