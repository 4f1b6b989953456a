/** The usual constant of reciprocal rank fusion (Cormack et al. 2009): damps the weight of the very first ranks. */
const RRF_K = 60;

/**
 * Reciprocal rank fusion: each list contributes 1/(k + rank) for every id it
 * ranks; ids found by both lexical and vector search rise to the top. Needs
 * no score calibration between BM25 and cosine distance. A list may weigh
 * less than 1 (a model's rewrite of the question next to the question).
 */
export function reciprocalRankFusion(lists: number[][], weights: number[] = []): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  lists.forEach((list, l) => {
    const weight = weights[l] ?? 1;
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + weight / (RRF_K + index + 1)));
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
