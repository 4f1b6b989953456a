import type Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import type { Logger } from '../log';

/**
 * Binary candidates per wanted hit, re-scored with the full vectors. sqlite-vec's
 * cost grows with k, so the
 * oversampling stays small; the fused list needs good neighbours, not all of them.
 */
const OVERSAMPLE = 2;

interface Neighbour {
  id: number;
  distance: number;
}

/**
 * Embedding vectors in SQLite: full float32 vectors for exact cosine
 * scores, and a sqlite-vec table of their binary quantisation (1 bit per
 * dimension, 128 bytes for 1024 dimensions) for a fast Hamming scan. A
 * query scans the bits, then re-scores the best candidates exactly: fast at
 * 100k chunks without holding 400 MB of floats in memory.
 */
export class VectorStore {
  readonly available: boolean;
  private readonly bitTables = new Set<number>();

  constructor(
    private readonly db: Database.Database,
    log: Logger,
  ) {
    let loaded = false;
    try {
      sqliteVec.load(db);
      loaded = true;
    } catch (error) {
      log.warn('sqlite-vec could not be loaded; vector search is off', { error });
    }
    this.available = loaded;
    if (loaded) for (const dims of this.bitTablesInSchema()) this.bitTables.add(dims);
  }

  /** Whether any chunk has a vector of this model (cheap, unlike counting them). */
  has(model: string): boolean {
    return this.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM chunk_vectors WHERE model = ? LIMIT 1').get(model) !== undefined;
  }

  /** Chunks that still need a vector of this model (new chunks, or vectors of a previous model). */
  missing(model: string, limit: number): { id: number; heading: string; text: string }[] {
    return this.db
      .prepare<[string, number], { id: number; heading: string; text: string }>(
        `SELECT c.id, c.heading, c.text FROM chunks c LEFT JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model = ?
         WHERE v.chunk_id IS NULL ORDER BY c.id LIMIT ?`,
      )
      .all(model, limit);
  }

  countMissing(model: string): number {
    return this.db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM chunks c LEFT JOIN chunk_vectors v ON v.chunk_id = c.id AND v.model = ? WHERE v.chunk_id IS NULL')
      .get(model)!.n;
  }

  /** Stores vectors (one transaction); a chunk's vector of another model is replaced. */
  put(model: string, items: { id: number; vector: Float32Array }[]): void {
    if (!this.available || items.length === 0) return;
    const dims = items[0]!.vector.length;
    const table = this.ensureBits(dims);
    const upsert = this.db.prepare('INSERT INTO chunk_vectors (chunk_id, model, dims, vector) VALUES (?, ?, ?, ?) ON CONFLICT(chunk_id) DO UPDATE SET model = excluded.model, dims = excluded.dims, vector = excluded.vector');
    const delBits = this.db.prepare(`DELETE FROM ${table} WHERE chunk_id = ?`);
    const insBits = this.db.prepare(`INSERT INTO ${table} (chunk_id, embedding) VALUES (?, vec_quantize_binary(?))`);
    this.db.transaction(() => {
      for (const { id, vector } of items) {
        if (vector.length !== dims) throw new Error(`vector of ${vector.length} dimensions among ${dims}`);
        const blob = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
        upsert.run(id, model, dims, blob);
        for (const other of this.bitTables) if (other !== dims) this.db.prepare(`DELETE FROM chunk_bits_${other} WHERE chunk_id = ?`).run(BigInt(id));
        delBits.run(BigInt(id));
        insBits.run(BigInt(id), blob);
      }
    }).immediate();
  }

  /** Removes the vectors of deleted chunks (the float rows go by foreign key; the vec0 rows need this). */
  deleteChunks(ids: number[]): void {
    if (!this.available || ids.length === 0) return;
    // From the schema, not the set: the indexer's writer thread has a store of its own, and the app's may have added a table since.
    for (const dims of this.bitTablesInSchema()) {
      const del = this.db.prepare(`DELETE FROM chunk_bits_${dims} WHERE chunk_id = ?`);
      for (const id of ids) del.run(BigInt(id));
    }
  }

  /** The k nearest chunks of this model by cosine distance. */
  nearest(model: string, query: Float32Array, k: number): Neighbour[] {
    if (!this.available || !this.bitTables.has(query.length)) return [];
    const blob = Buffer.from(query.buffer, query.byteOffset, query.byteLength);
    const candidates = this.db
      .prepare<[Buffer, number], { chunk_id: number }>(`SELECT chunk_id FROM chunk_bits_${query.length} WHERE embedding MATCH vec_quantize_binary(?) AND k = ?`)
      .all(blob, k * OVERSAMPLE);
    if (candidates.length === 0) return [];
    return this.db
      .prepare<[Buffer, string, string, number], Neighbour>(
        `SELECT chunk_id AS id, vec_distance_cosine(vector, ?) AS distance FROM chunk_vectors
         WHERE chunk_id IN (SELECT value FROM json_each(?)) AND model = ? ORDER BY distance LIMIT ?`,
      )
      .all(blob, JSON.stringify(candidates.map((c) => c.chunk_id)), model, k);
  }

  /** Vector sizes that have a bit table. */
  private bitTablesInSchema(): number[] {
    return this.db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'chunk_bits_[0-9]*'")
      .all()
      .map((row) => Number(row.name.slice('chunk_bits_'.length)));
  }

  private ensureBits(dims: number): string {
    const table = `chunk_bits_${dims}`;
    if (!this.bitTables.has(dims)) {
      if (!Number.isInteger(dims) || dims <= 0 || dims % 8 !== 0 || dims > 8192) throw new Error(`unsupported vector size ${dims}`);
      this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING vec0(chunk_id INTEGER PRIMARY KEY, embedding bit[${dims}])`);
      this.bitTables.add(dims);
    }
    return table;
  }
}
