/**
 * How an indexing job writes: every threshold of its speed rules in one
 * place (the WriteSession of main/ingest applies them). The measurements
 * behind the figures are in docs/performance.md.
 */
export interface WritePolicy {
  /** The start of a job is held back until this much chunk text is analysed or the first held document has waited this long; then the early documents are refined in memory and written once instead of being written and rewritten by the refining phase. */
  readonly hold: { readonly chars: number; readonly ms: number };
  /** A batch (one transaction, a savepoint per file) is written once it holds this much chunk text, this many documents, or has waited this long: FTS5 writes a segment per transaction, and new documents still become searchable often. */
  readonly batch: { readonly chars: number; readonly documents: number; readonly ms: number };
  /** A document analysed against less than this share of today's vocabulary gets its compound splits re-derived: early in a job the index had not seen the parts later documents taught it. */
  readonly refineBelow: number;
  /** Word lists of at most this many words in all are kept in memory for the refining phase; documents beyond are read back from the index. */
  readonly keepWords: number;
  /** Chunk text a job writes on this thread before its batches go to the writer thread: below, starting a thread costs more than it saves. */
  readonly writerThreadAfterChars: number;
  /** FTS5's segments are merged into one after a job that wrote this much text and this share of the index's chunks: smaller jobs would rewrite much more than they wrote. */
  readonly optimize: { readonly afterChars: number; readonly share: number };
  /** Pages the write-ahead log may grow to before SQLite checkpoints on its own, while a job writes (checkpoints wait: the job checkpoints once after it) and otherwise (SQLite's default). */
  readonly checkpointPages: { readonly job: number; readonly idle: number };
  /** FTS5's bm25 totals are recomputed after a job once the chunks deleted or replaced since are this share of the index: recomputing reads every row's sizes. */
  readonly repairTotalsAfter: number;
}

export const WRITE_POLICY: WritePolicy = {
  hold: { chars: 8_000_000, ms: 10_000 },
  batch: { chars: 1_000_000, documents: 500, ms: 1000 },
  refineBelow: 0.5,
  keepWords: 1_000_000,
  writerThreadAfterChars: 8_000_000,
  optimize: { afterChars: 8_000_000, share: 0.25 },
  checkpointPages: { job: 16_384, idle: 1000 },
  repairTotalsAfter: 0.01,
};

/** A policy with some fields changed (tests make thresholds small); what is absent or undefined stays as in `base`. */
export type PolicyChanges = {
  readonly [K in keyof WritePolicy]?: WritePolicy[K] extends object ? { readonly [F in keyof WritePolicy[K]]?: WritePolicy[K][F] | undefined } : WritePolicy[K] | undefined;
};

export function writePolicy(changes: PolicyChanges = {}, base: WritePolicy = WRITE_POLICY): WritePolicy {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const current = merged[key];
    merged[key] = typeof value === 'object' && value !== null && typeof current === 'object' ? { ...current, ...definedOnly(value) } : value;
  }
  return merged as unknown as WritePolicy;
}

const definedOnly = (value: object) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
