/**
 * What every benchmark prints: one JSON line per figure, so that
 * `npm run bench` can be read by people and by scripts alike.
 */
export interface Figure {
  bench: string;
  figure: string;
  value: number;
  unit: string;
  /** The naive approach measured in the same run, where there is one. */
  baseline?: number;
  target?: string;
  note?: string;
}

export function report(figure: Figure): void {
  const rounded = { ...figure, value: round(figure.value), ...(figure.baseline !== undefined ? { baseline: round(figure.baseline) } : {}) };
  process.stdout.write(JSON.stringify(rounded) + '\n');
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Runs fn `iterations` times after `warmup` runs and returns percentiles in milliseconds. */
export async function timeIt(fn: () => unknown, iterations: number, warmup = Math.min(10, iterations)): Promise<{ p50: number; p95: number; mean: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

export const rssMb = () => process.memoryUsage().rss / 1e6;
