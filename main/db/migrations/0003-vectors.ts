import type { Migration } from '../migrate';

/**
 * Full embedding vectors per chunk, with the model that made them. The
 * binary-quantised copy used for fast candidate search lives in a sqlite-vec
 * table per vector size (chunk_bits_<dims>), created when the first vectors
 * of that size arrive, because a vec0 table's size is fixed at creation.
 */
export const vectorsMigration: Migration = {
  version: 3,
  name: 'vectors',
  up(db) {
    db.exec(`
      CREATE TABLE chunk_vectors (
        chunk_id INTEGER PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
        model    TEXT NOT NULL,
        dims     INTEGER NOT NULL,
        vector   BLOB NOT NULL
      ) STRICT;
      CREATE INDEX chunk_vectors_model ON chunk_vectors(model);
    `);
  },
};
