import type Database from 'better-sqlite3';
import { NO_META, type DocumentMeta } from '../contract';
import type { ChunkInput } from './chunk-row';
import type { DocumentKind } from '../contract';

export type DocumentStatus = 'indexed' | 'scan' | 'error' | 'unsupported';

export interface DocumentRecord {
  folderId: number;
  path: string;
  title: string;
  kind: DocumentKind | 'unknown';
  size: number;
  mtimeMs: number;
  sha256: string;
  status: DocumentStatus;
  error?: string | null;
  encoding?: string | null;
  pages?: number | null;
  /** What the document says about itself; none stated if absent. */
  meta?: DocumentMeta;
  /** The vocabulary's size when its terms were derived (see IndexStore.unrefined); null: final. */
  analysedWith?: number | null;
}

/** An FTS row's columns: title, own heading, headings above, body. */
export type FtsColumns = [string, string, string, string];

/** What is written for one document: plain data, so that it can go to the writer thread as it is. */
export interface DocumentRows {
  record: DocumentRecord;
  /** From the store every chunk has its role; rows from elsewhere may lack it (body). */
  chunks: ChunkInput[];
  terms: FtsColumns[];
  /** The id of the stored version whose words the vocabulary no longer counts, if any. */
  replaces: number | null;
}

export interface WrittenDocument {
  id: number;
  chunkIds: number[];
  /** Chunks of the replaced version that left the index. */
  removedChunks: number;
}

/**
 * The SQL side of writing analysed documents: rows of documents, chunks
 * and FTS, nothing of the vocabulary. It runs on whichever connection it is
 * given, the app's own or the writer thread's (see index/index-writer.ts).
 */
export class DocumentWriter {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    /** Told about chunks that leave the index (their vectors go with them). */
    private readonly onChunksDeleted: (ids: number[]) => void,
    /**
     * A stored version other than the one the vocabulary was told about
     * (written by someone else since): removes it, or throws to fail this
     * document alone.
     */
    private readonly removeUnexpected: (id: number) => void,
  ) {
    this.q = {
      documentByPath: db.prepare<[string], { id: number }>('SELECT id FROM documents WHERE path = ?'),
      chunkIdsOfDocument: db.prepare<[number], { id: number }>('SELECT id FROM chunks WHERE document_id = ? ORDER BY ord'),
      insertDocument: db.prepare(
        `INSERT INTO documents (folder_id, path, title, kind, size, mtime_ms, sha256, status, error, encoding, pages, chunks, indexed_at, authority, doc_type, valid_from, valid_until, validity, analysed_with)
         VALUES (@folderId, @path, @title, @kind, @size, @mtimeMs, @sha256, @status, @error, @encoding, @pages, @chunks, @indexedAt, @authority, @docType, @validFrom, @validUntil, @validity, @analysedWith)`,
      ),
      deleteDocument: db.prepare<[number]>('DELETE FROM documents WHERE id = ?'),
      insertChunk: db.prepare('INSERT INTO chunks (document_id, ord, heading, text, line_start, line_end, page, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      insertFts: db.prepare<[number, string, string, string, string]>('INSERT INTO chunks_fts (rowid, title, heading, context, body) VALUES (?, ?, ?, ?, ?)'),
      deleteFts: db.prepare<[number]>('DELETE FROM chunks_fts WHERE rowid = ?'),
      optimize: db.prepare("INSERT INTO chunks_fts(chunks_fts) VALUES('optimize')"),
    };
  }

  /**
   * Writes the documents (in order) in one transaction. Each is
   * all-or-nothing on its own: its rows go in under a savepoint, and one
   * that fails there is rolled back alone; its slot holds the error. The FTS
   * rows of all documents follow at the end, outside any savepoint: FTS5
   * writes its pending terms to a new segment at every savepoint, and a
   * segment (and the merging it causes) per document cost about as much as
   * a transaction per document, nearly half of SQLite's share of indexing.
   * If the transaction as a whole fails, nothing is written and this throws.
   */
  write(list: DocumentRows[]): (WrittenDocument | Error)[] {
    // A second version of a path would delete the first one's rows before its FTS rows exist.
    if (new Set(list.map((d) => d.record.path)).size !== list.length) throw new Error('the same path twice in one batch');
    const alone = list.length === 1;
    return this.db.transaction(() => {
      const results: (WrittenDocument | Error)[] = [];
      const gone: number[] = [];
      const fts: { terms: FtsColumns[]; chunkIds: number[] }[] = [];
      for (const doc of list) {
        try {
          // A single document needs no savepoint: the transaction is its own. (Nested, any variant is a savepoint.)
          const rows = alone ? this.writeRows(doc) : this.db.transaction(() => this.writeRows(doc)).immediate();
          gone.push(...rows.gone);
          fts.push({ terms: doc.terms, chunkIds: rows.chunkIds });
          results.push({ id: rows.id, chunkIds: rows.chunkIds, removedChunks: rows.gone.length });
        } catch (error) {
          if (alone) throw error;
          results.push(error instanceof Error ? error : new Error(String(error)));
        }
      }
      for (const chunkId of gone) this.q.deleteFts.run(chunkId);
      for (const { terms, chunkIds } of fts) {
        chunkIds.forEach((chunkId, i) => this.q.insertFts.run(chunkId, ...terms[i]!));
      }
      return results;
    }).immediate();
  }

  /**
   * Merges the FTS index's segments into one (FTS5 "optimize"). FTS5 keeps
   * several segments after many batches (seven after the 105k-chunk
   * corpus); a search looks up each term in every one, so merged ones are
   * faster (docs/performance.md). Rewrites the whole FTS index, so the
   * indexer calls it only after a job that wrote a large part of it.
   */
  optimize(): void {
    this.q.optimize.run();
  }

  /** One document's rows without its FTS rows; the chunk ids it adds and those of the version it replaces. */
  private writeRows(doc: DocumentRows): { id: number; chunkIds: number[]; gone: number[] } {
    const { record, chunks } = doc;
    let gone: number[] = [];
    const old = this.q.documentByPath.get(record.path);
    if (old && old.id === doc.replaces) {
      gone = this.q.chunkIdsOfDocument.all(old.id).map((c) => c.id);
      this.onChunksDeleted(gone);
      this.q.deleteDocument.run(old.id);
    } else if (old) {
      this.removeUnexpected(old.id);
    }
    const { meta = NO_META, ...fields } = record;
    const id = Number(
      this.q.insertDocument.run({
        ...fields,
        ...meta,
        error: record.error ?? null,
        encoding: record.encoding ?? null,
        pages: record.pages ?? null,
        analysedWith: record.analysedWith ?? null,
        chunks: chunks.length,
        indexedAt: new Date().toISOString(),
      }).lastInsertRowid,
    );
    const chunkIds = chunks.map((chunk, ord) => Number(this.q.insertChunk.run(id, ord, chunk.heading, chunk.text, chunk.lineStart ?? null, chunk.lineEnd ?? null, chunk.page ?? null, chunk.role ?? 'body').lastInsertRowid));
    return { id, chunkIds, gone };
  }
}
