import type Database from 'better-sqlite3';
import { HEADING_SEPARATOR, type Chunk } from '../ingest/chunk';
import type { DocumentKind } from '../ingest/types';
import { Analyzer, contentWords, countWords } from './analyze';
import { words } from './normalise';
import { Vocabulary } from './vocabulary';

export type DocumentStatus = 'indexed' | 'scan' | 'error' | 'unsupported';

export interface DocumentRow {
  id: number;
  folder_id: number;
  path: string;
  title: string;
  kind: string;
  size: number;
  mtime_ms: number;
  sha256: string;
  status: DocumentStatus;
  error: string | null;
  encoding: string | null;
  pages: number | null;
  chunks: number;
  indexed_at: string;
}

export interface ChunkRow {
  id: number;
  document_id: number;
  ord: number;
  heading: string;
  text: string;
  line_start: number | null;
  line_end: number | null;
  page: number | null;
}

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
}

/**
 * Typed access to folders, documents, chunks and the FTS index. Every
 * change of one document is one transaction: a crash or a bad file costs at
 * most that file, never the index.
 */
export class IndexStore {
  readonly vocabulary: Vocabulary;
  /** Number of chunks in the index, kept current without counting rows (steers query planning only). */
  chunkTotal: number;

  readonly analyzer: Analyzer;
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    /** Told about chunks that leave the index (their vectors go with them). */
    private readonly onChunksDeleted: (ids: number[]) => void = () => {},
  ) {
    this.vocabulary = new Vocabulary(db);
    this.analyzer = new Analyzer(this.vocabulary);
    this.chunkTotal = (db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
    this.q = {
      folderByPath: db.prepare<[string], { id: number; path: string; added_at: string }>('SELECT * FROM folders WHERE path = ?'),
      folders: db.prepare<[], { id: number; path: string; added_at: string }>('SELECT * FROM folders ORDER BY path'),
      insertFolder: db.prepare<[string, string]>('INSERT INTO folders (path, added_at) VALUES (?, ?)'),
      deleteFolder: db.prepare<[number]>('DELETE FROM folders WHERE id = ?'),
      documentByPath: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE path = ?'),
      documentById: db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE id = ?'),
      documentsOfFolder: db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE folder_id = ? ORDER BY path'),
      documentIdsOfFolder: db.prepare<[number], { id: number; path: string }>('SELECT id, path FROM documents WHERE folder_id = ?'),
      insertDocument: db.prepare(
        `INSERT INTO documents (folder_id, path, title, kind, size, mtime_ms, sha256, status, error, encoding, pages, chunks, indexed_at)
         VALUES (@folderId, @path, @title, @kind, @size, @mtimeMs, @sha256, @status, @error, @encoding, @pages, @chunks, @indexedAt)`,
      ),
      deleteDocument: db.prepare<[number]>('DELETE FROM documents WHERE id = ?'),
      touchDocument: db.prepare<[number, number]>('UPDATE documents SET mtime_ms = ? WHERE id = ?'),
      chunksOfDocument: db.prepare<[number], ChunkRow>('SELECT * FROM chunks WHERE document_id = ? ORDER BY ord'),
      chunksBetween: db.prepare<[number, number, number], ChunkRow>('SELECT * FROM chunks WHERE document_id = ? AND ord BETWEEN ? AND ? ORDER BY ord'),
      chunkById: db.prepare<[number], ChunkRow>('SELECT * FROM chunks WHERE id = ?'),
      insertChunk: db.prepare('INSERT INTO chunks (document_id, ord, heading, text, line_start, line_end, page) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertFts: db.prepare<[number, string, string, string, string]>('INSERT INTO chunks_fts (rowid, title, heading, context, body) VALUES (?, ?, ?, ?, ?)'),
      deleteFts: db.prepare<[number]>('DELETE FROM chunks_fts WHERE rowid = ?'),
    };
  }

  folders() {
    return this.q.folders.all();
  }

  folderByPath(path: string) {
    return this.q.folderByPath.get(path);
  }

  addFolder(path: string): number {
    return Number(this.q.insertFolder.run(path, new Date().toISOString()).lastInsertRowid);
  }

  /** Removes a folder with all its documents from the index (not from disk). */
  removeFolder(id: number): void {
    this.db.transaction(() => {
      for (const doc of this.q.documentIdsOfFolder.all(id)) this.deleteDocumentRows(doc.id);
      this.q.deleteFolder.run(id);
    })();
    this.vocabulary.flush();
  }

  documentByPath(path: string) {
    return this.q.documentByPath.get(path);
  }

  documentById(id: number) {
    return this.q.documentById.get(id);
  }

  documentsOfFolder(folderId: number) {
    return this.q.documentsOfFolder.all(folderId);
  }

  chunk(id: number) {
    return this.q.chunkById.get(id);
  }

  /** A chunk's neighbours within `around` places, in order (not the whole document). */
  chunksAround(chunk: ChunkRow, around: number) {
    const rows = this.q.chunksBetween.all(chunk.document_id, chunk.ord - around, chunk.ord + around);
    return { before: rows.filter((r) => r.ord < chunk.ord), after: rows.filter((r) => r.ord > chunk.ord) };
  }

  /** Identifies a chunk's section (document and heading path); null for a chunk that is gone. */
  sectionKey(chunkId: number): string | null {
    const chunk = this.q.chunkById.get(chunkId);
    return chunk ? `${chunk.document_id}\u0000${chunk.heading}` : null;
  }


  /** Replaces whatever the index held for this path by the new record and chunks, in one transaction. */
  replaceDocument(record: DocumentRecord, chunks: Chunk[]): number {
    return this.db.transaction(() => {
      const old = this.q.documentByPath.get(record.path);
      if (old) this.deleteDocumentRows(old.id);
      const id = Number(
        this.q.insertDocument.run({
          ...record,
          error: record.error ?? null,
          encoding: record.encoding ?? null,
          pages: record.pages ?? null,
          chunks: chunks.length,
          indexedAt: new Date().toISOString(),
        }).lastInsertRowid,
      );
      // Tokenized once: the counts go into the vocabulary first, so that this
      // document's own words already help splitting its compounds.
      const bodies = chunks.map((c) => contentWords(words(c.text)));
      const counts = new Map<string, number>();
      if (chunks.length > 0) {
        countWords(record.title, counts);
        bodies.forEach((tokens) => countWords(tokens, counts));
      }
      this.vocabulary.apply(counts, 1);
      this.chunkTotal += chunks.length;
      const titleTerms = this.analyzer.indexText(record.title);
      chunks.forEach((chunk, ord) => {
        const chunkId = Number(this.q.insertChunk.run(id, ord, chunk.heading, chunk.text, chunk.lineStart ?? null, chunk.lineEnd ?? null, chunk.page ?? null).lastInsertRowid);
        this.q.insertFts.run(chunkId, titleTerms, ...this.headingTerms(chunk.heading), this.analyzer.indexWords(bodies[ord]!));
      });
      return id;
    })();
  }

  /** The file is unchanged but was touched: remember the new mtime so it is not hashed again. */
  touch(id: number, mtimeMs: number): void {
    this.q.touchDocument.run(mtimeMs, id);
  }

  deleteDocument(id: number): void {
    this.db.transaction(() => this.deleteDocumentRows(id))();
  }

  /**
   * Re-derives the FTS terms of documents after the vocabulary grew: words
   * seen early in a batch may now split into parts the index learnt later.
   * Only chunks with a word whose terms changed are written again.
   */
  reanalyze(documentIds: number[]): number {
    const changed = this.analyzer.refresher();
    const affected = (text: string) => words(text).some(changed);
    let rewritten = 0;
    for (const id of documentIds) {
      const doc = this.q.documentById.get(id);
      if (!doc) continue;
      const titleChanged = affected(doc.title);
      const titleTerms = this.analyzer.indexText(doc.title);
      this.db.transaction(() => {
        for (const chunk of this.q.chunksOfDocument.all(id)) {
          if (!affected(chunk.text) && !affected(chunk.heading) && !titleChanged) continue;
          this.q.deleteFts.run(chunk.id);
          this.q.insertFts.run(chunk.id, titleTerms, ...this.headingTerms(chunk.heading), this.analyzer.indexText(chunk.text));
          rewritten++;
        }
      })();
    }
    return rewritten;
  }

  /**
   * The chunk's own heading, and the headings above it. Only the own heading
   * ranks: the outer levels (the law's name, "Abschnitt 3 …") are shared by
   * hundreds of chunks and would make every one of them match.
   */
  private headingTerms(heading: string): [string, string] {
    const path = heading.split(HEADING_SEPARATOR);
    const own = path.pop() ?? '';
    return [this.analyzer.indexText(own), this.analyzer.indexText(path.join(' '))];
  }

  private deleteDocumentRows(id: number): void {
    const doc = this.q.documentById.get(id);
    const chunks = this.q.chunksOfDocument.all(id);
    const counts = new Map<string, number>();
    if (chunks.length > 0) {
      countWords(doc?.title ?? '', counts);
      for (const chunk of chunks) countWords(chunk.text, counts);
    }
    this.vocabulary.apply(counts, -1);
    for (const chunk of chunks) this.q.deleteFts.run(chunk.id);
    this.chunkTotal -= chunks.length;
    this.onChunksDeleted(chunks.map((c) => c.id));
    this.q.deleteDocument.run(id);
  }
}

