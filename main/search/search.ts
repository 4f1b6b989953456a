import type Database from 'better-sqlite3';
import type { DocumentKind, SearchHit } from '../contract';
import type { IndexStore } from './index-store';
import { buildQuery } from './query';
import { makeSnippet } from './snippet';

/** BM25 weights of the FTS columns: document title and headings count more than body text. */
export const COLUMN_WEIGHTS = { title: 1, heading: 2, body: 1 };

export interface LexicalOptions {
  limit: number;
  folderIds?: number[];
  kinds?: DocumentKind[];
}

interface Ranked {
  id: number;
  rank: number;
}

/**
 * Lexical search over the FTS5 index: the query goes through the same
 * German analysis as the documents, BM25 ranks (lower is better in SQLite;
 * the hit's score is its negation, higher is better).
 */
export class LexicalSearch {
  private readonly plain;

  constructor(
    private readonly db: Database.Database,
    private readonly store: IndexStore,
  ) {
    this.plain = db.prepare<[string, number], Ranked>(
      `SELECT rowid AS id, bm25(chunks_fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.heading}, ${COLUMN_WEIGHTS.body}) AS rank
       FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?`,
    );
  }

  /** Chunk ids with their BM25 rank, best first. */
  rank(query: string, options: LexicalOptions): { ranked: Ranked[]; terms: Set<string> } {
    const parsed = buildQuery(query, this.store.analyzer);
    if (!parsed.match) return { ranked: [], terms: parsed.terms };
    if (!options.folderIds?.length && !options.kinds?.length) {
      return { ranked: this.plain.all(parsed.match, options.limit), terms: parsed.terms };
    }
    const filters: string[] = [];
    const params: (string | number)[] = [parsed.match];
    if (options.folderIds?.length) {
      filters.push(`d.folder_id IN (${options.folderIds.map(() => '?').join(',')})`);
      params.push(...options.folderIds);
    }
    if (options.kinds?.length) {
      filters.push(`d.kind IN (${options.kinds.map(() => '?').join(',')})`);
      params.push(...options.kinds);
    }
    params.push(options.limit);
    const sql = `SELECT f.rowid AS id, bm25(chunks_fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.heading}, ${COLUMN_WEIGHTS.body}) AS rank
      FROM chunks_fts f JOIN chunks c ON c.id = f.rowid JOIN documents d ON d.id = c.document_id
      WHERE chunks_fts MATCH ? AND ${filters.join(' AND ')} ORDER BY rank LIMIT ?`;
    return { ranked: this.db.prepare<(string | number)[], Ranked>(sql).all(...params), terms: parsed.terms };
  }

  /** A full hit (source, heading, lines or page, snippet) for a chunk. */
  hit(chunkId: number, score: number, terms: Set<string>): SearchHit | null {
    const chunk = this.store.chunk(chunkId);
    if (!chunk) return null;
    const doc = this.store.documentById(chunk.document_id);
    if (!doc) return null;
    const { snippet, highlights } = makeSnippet(chunk.text, terms, this.store.analyzer);
    return {
      chunkId,
      documentId: doc.id,
      path: doc.path,
      title: doc.title,
      heading: chunk.heading,
      lineStart: chunk.line_start,
      lineEnd: chunk.line_end,
      page: chunk.page,
      kind: doc.kind as DocumentKind,
      score,
      snippet,
      highlights,
    };
  }
}
