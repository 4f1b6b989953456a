/**
 * The largest weighted share of the query's words that stand within one
 * window of `window` consecutive words of a text: 1 when all of them occur
 * close together, the share of the heaviest one when they are far apart,
 * 0 when none occurs. `termsAt` are the terms of the text's words in order;
 * `groups` the terms that count for each query word, `weights` its weight.
 */
export function closestShare(termsAt: string[][], groups: string[][], weights: number[], window: number): number {
  const groupOf = new Map<string, number[]>();
  groups.forEach((g, i) => g.forEach((t) => groupOf.set(t, [...(groupOf.get(t) ?? []), i])));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  const positions: { at: number; group: number }[] = [];
  termsAt.forEach((terms, at) => {
    for (const term of terms) for (const group of groupOf.get(term) ?? []) positions.push({ at, group });
  });
  let best = 0;
  const inWindow = new Map<number, number>();
  let start = 0;
  for (const p of positions) {
    inWindow.set(p.group, (inWindow.get(p.group) ?? 0) + 1);
    while (p.at - positions[start]!.at >= window) {
      const q = positions[start++]!;
      const left = inWindow.get(q.group)! - 1;
      if (left === 0) inWindow.delete(q.group);
      else inWindow.set(q.group, left);
    }
    let share = 0;
    for (const group of inWindow.keys()) share += weights[group]!;
    best = Math.max(best, share / total);
  }
  return best;
}
