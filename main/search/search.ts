import type Database from 'better-sqlite3';
import type { DocumentKind, SearchHit } from '../contract';
import type { IndexStore } from './index-store';
import { buildQuery } from './query';
import { MIN_PART_FREQ } from './decompound';
import { stem } from './stem';
import { makeSnippet } from './snippet';

/** BM25 weights of the FTS columns: document title and headings count more than body text. */
export const COLUMN_WEIGHTS = { title: 1, heading: 2, body: 1 };

/** At most this many indexed compounds widen one query word. */
const COMPOUND_EXPANSION = 5;
/** How many BM25 candidates are re-ranked by coverage of the query's words. */
const RERANK_DEPTH = 60;
/** Weight of coverage: 0 is plain BM25, 1 scores a chunk matching half the words at half. */
const COORDINATION = 0.5;

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

  /**
   * Chunk ids, best first. BM25 picks the candidates; then chunks that
   * match more of the query's words move up (coordination), so that a
   * passage about "Verlust" and "Ausweis" beats one that repeats "Ausweis".
   */
  rank(query: string, options: LexicalOptions): { ranked: Ranked[]; terms: Set<string> } {
    const parsed = buildQuery(query, this.store.analyzer, (word) => this.compoundsOf(word));
    if (!parsed.match) return { ranked: [], terms: parsed.terms };
    const candidates = this.candidates(parsed.match, { ...options, limit: Math.max(options.limit, RERANK_DEPTH) });
    if (parsed.groups.length < 2) return { ranked: candidates.slice(0, options.limit), terms: parsed.terms };
    const rescored = candidates.map((c) => {
      const chunk = this.store.chunk(c.id);
      const present = new Set(chunk ? this.store.analyzer.analyze(chunk.text + '\n' + chunk.heading).flatMap((t) => t.terms) : []);
      const covered = parsed.groups.filter((g) => g.some((t) => present.has(t))).length / parsed.groups.length;
      // bm25() is negative (lower is better): scaling by coverage keeps that order.
      return { id: c.id, rank: c.rank * (1 - COORDINATION + COORDINATION * covered) };
    });
    rescored.sort((a, b) => a.rank - b.rank);
    return { ranked: rescored.slice(0, options.limit), terms: parsed.terms };
  }

  /**
   * Stems of indexed compounds that contain the query word (its stem when
   * that is long enough to be specific) — only for a word the index hardly
   * knows on its own: a word it knows was already split out of compounds at
   * indexing time, and widening it further only adds noise.
   */
  private compoundsOf(word: string): string[] {
    if (this.store.vocabulary.freq(word) >= MIN_PART_FREQ) return [];
    const stemmed = stem(word);
    const part = stemmed.length >= 5 ? stemmed : word;
    return this.store.vocabulary.compoundsContaining(part, COMPOUND_EXPANSION).map((w) => stem(w));
  }

  private candidates(match: string, options: LexicalOptions): Ranked[] {
    if (!options.folderIds?.length && !options.kinds?.length) {
      return this.plain.all(match, options.limit);
    }
    const filters: string[] = [];
    const params: (string | number)[] = [match];
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
    return this.db.prepare<(string | number)[], Ranked>(sql).all(...params);
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
