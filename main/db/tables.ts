/**
 * Which tables hold the clerk's own work and which the next indexing job
 * rebuilds from the files. A health check says which kind is damaged; a
 * repair carries the first kind over and leaves the second empty. A new
 * migration that adds a table of the first kind must add it here.
 */

/** Tables a repair carries over, in an order where referenced rows come first. */
export const KEPT_TABLES = ['settings', 'folders', 'conversations', 'answer_turns', 'drafts'] as const;
const INDEX_TABLES = new Set(['documents', 'chunks', 'chunk_vectors', 'vocabulary', 'words']);

/** The index: documents, chunks, the FTS5 table and its shadow tables, vectors and their sqlite-vec tables, the vocabulary. */
export function isIndexTable(name: string): boolean {
  return INDEX_TABLES.has(name) || name === 'chunks_fts' || name.startsWith('chunks_fts_') || name.startsWith('chunk_bits_');
}

/** SQLite's own bookkeeping (sqlite_sequence, sqlite_stat1): rebuilt by SQLite. */
export const isSqliteTable = (name: string) => name.startsWith('sqlite_');
