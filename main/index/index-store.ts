import type Database from 'better-sqlite3';
import type { ChunkRole, DocumentMeta, Validity } from '../contract';
import { HEADING_SEPARATOR, type Chunk, type ChunkInput } from './chunk-row';
import { Analyzer, type WordInfo } from '../analysis/analyze';
import { repairFtsTotals, storedRowCount } from './fts-totals';
import { DocumentWriter, type DocumentRecord, type DocumentRows, type DocumentStatus, type FtsColumns, type WrittenDocument } from './document-writer';
import { Vocabulary } from '../analysis/vocabulary';
import { documentsCovered } from './vocabulary-covers';
import { vocabularyStore } from './vocabulary-store';
import { WRITE_POLICY, type WritePolicy } from './write-policy';

export type { DocumentRecord, DocumentRows, DocumentStatus } from './document-writer';

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
  authority: string | null;
  doc_type: string | null;
  valid_from: string | null;
  valid_until: string | null;
  validity: Validity;
  analysed_with: number | null;
}

/** A stored document's metadata as the contract has it. */
export const metaOfRow = (d: DocumentRow): DocumentMeta => ({ authority: d.authority, docType: d.doc_type, validFrom: d.valid_from, validUntil: d.valid_until, validity: d.validity });

/** What ranking needs to know of a candidate chunk (see IndexStore.chunkFacts). */
interface ChunkFacts {
  documentId: number;
  heading: string;
  role: ChunkRole;
  validity: Validity;
  authority: string | null;
  docType: string | null;
  title: string;
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
  role: ChunkRole;
}

/** A document analysed and counted into the vocabulary, waiting to be written (see IndexStore.prepareDocument). */
export interface PreparedDocument {
  readonly record: DocumentRecord;
  readonly chunks: Chunk[];
  readonly terms: FtsColumns[];
  /** The id of the version it replaces (whose counts left the vocabulary), if any. */
  readonly replaces: number | null;
  /** The vocabulary's size its terms were derived against (raised when they are refined before writing). */
  analysedWith: number;
  /** Written, or its counts undone. */
  settled: boolean;
  /** The word lists its terms came from (see AnalyzedWords). */
  readonly words: { title: WordInfo[]; bodies: WordInfo[][] };
  /** Its chunks' ids, in order, once written. */
  chunkIds: number[] | null;
}

/**
 * A written document's words, chunk by chunk: kept by the indexer for the
 * documents it may refine, so that the refining phase neither reads their
 * chunks back nor tokenizes them again (that was half of its time).
 */
export interface AnalyzedWords {
  title: WordInfo[];
  chunks: { id: number; heading: string; body: WordInfo[] }[];
}

/** The word lists of a written document, for the refining phase; null if it was not written from this preparation. */
export function analyzedWords(prepared: PreparedDocument): AnalyzedWords | null {
  const ids = prepared.chunkIds;
  if (!ids) return null;
  return { title: prepared.words.title, chunks: prepared.chunks.map((c, i) => ({ id: ids[i]!, heading: c.heading, body: prepared.words.bodies[i]! })) };
}

/** How many words a prepared document's lists hold (what keeping them for refining costs). */
export const wordCount = (prepared: PreparedDocument) => prepared.words.bodies.reduce((n, body) => n + body.length, prepared.words.title.length);

/**
 * Typed access to folders, documents, chunks and the FTS index. Every
 * change of one document is all-or-nothing (its own transaction, or its own
 * savepoint in a batch, see writeDocuments): a crash or a bad file costs at
 * most the documents not yet committed, never the index.
 */
export class IndexStore {
  readonly vocabulary: Vocabulary;
  /** Number of chunks in the index, kept current without counting rows (steers query planning only). */
  chunkTotal: number;

  readonly analyzer: Analyzer;
  private readonly writer: DocumentWriter;
  private readonly q;
  /** FTS rows deleted since FTS5's totals were last put right (see repairTotals). */
  private ftsRowsDeleted = 0;

  constructor(
    private readonly db: Database.Database,
    /** Told about chunks that leave the index (their vectors go with them). */
    private readonly onChunksDeleted: (ids: number[]) => void = () => {},
  ) {
    this.vocabulary = new Vocabulary(vocabularyStore(db));
    this.analyzer = new Analyzer(this.vocabulary);
    this.writer = new DocumentWriter(db, onChunksDeleted, (id) => this.deleteDocumentRows(id));
    this.chunkTotal = (db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
    this.q = {
      folderByPath: db.prepare<[string], { id: number; path: string; added_at: string }>('SELECT * FROM folders WHERE path = ?'),
      folders: db.prepare<[], { id: number; path: string; added_at: string }>('SELECT * FROM folders ORDER BY path'),
      insertFolder: db.prepare<[string, string]>('INSERT INTO folders (path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING'),
      deleteFolder: db.prepare<[number]>('DELETE FROM folders WHERE id = ?'),
      documentByPath: db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE path = ?'),
      documentById: db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE id = ?'),
      documentsOfFolder: db.prepare<[number], DocumentRow>('SELECT * FROM documents WHERE folder_id = ? ORDER BY path'),
      documentIdsOfFolder: db.prepare<[number], { id: number; path: string }>('SELECT id, path FROM documents WHERE folder_id = ?'),
      deleteDocument: db.prepare<[number]>('DELETE FROM documents WHERE id = ?'),
      touchDocument: db.prepare<[number, number]>('UPDATE documents SET mtime_ms = ? WHERE id = ?'),
      chunksOfDocument: db.prepare<[number], ChunkRow>('SELECT * FROM chunks WHERE document_id = ? ORDER BY ord'),
      chunksBetween: db.prepare<[number, number, number], ChunkRow>('SELECT * FROM chunks WHERE document_id = ? AND ord BETWEEN ? AND ? ORDER BY ord'),
      chunkById: db.prepare<[number], ChunkRow>('SELECT * FROM chunks WHERE id = ?'),
      sectionOf: db.prepare<[number], { document_id: number; heading: string }>('SELECT document_id, heading FROM chunks WHERE id = ?'),
      chunkFacts: db.prepare<[number], ChunkFacts>(
        `SELECT c.document_id AS documentId, c.heading, c.role, d.validity, d.authority, d.doc_type AS docType, d.title
         FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ?`,
      ),
      insertFts: db.prepare<[number, string, string, string, string]>('INSERT INTO chunks_fts (rowid, title, heading, context, body) VALUES (?, ?, ?, ?, ?)'),
      deleteFts: db.prepare<[number]>('DELETE FROM chunks_fts WHERE rowid = ?'),
      indexedDocuments: db.prepare<[], DocumentRow>('SELECT * FROM documents WHERE chunks > 0 ORDER BY id'),
      unrefined: db.prepare<[number], { id: number }>('SELECT id FROM documents WHERE analysed_with < ? AND chunks > 0 ORDER BY id'),
      refined: db.prepare<[number, number]>('UPDATE documents SET analysed_with = ? WHERE id = ?'),
    };
    // An index whose totals drifted before they were kept right (rows deleted by an older version): once, now.
    if (storedRowCount(db, 'chunks_fts') !== this.chunkTotal) this.repairTotals(true);
  }

  /**
   * Puts FTS5's row count and column totals (bm25's N and average lengths)
   * right after rows were deleted: FTS5 does not lower them itself for a
   * contentless table (see fts-totals.ts). Reads every row's sizes, so it
   * runs after a job, not per document, and only once the rows deleted
   * since the last time are `after` of the index or more (or when
   * `force`d): a watched folder's one edited file does not make it read a
   * large index.
   */
  repairTotals(force = false, after: number = WRITE_POLICY.repairTotalsAfter): boolean {
    if (!force && (this.ftsRowsDeleted === 0 || this.ftsRowsDeleted / this.chunkTotal < after)) return false;
    this.ftsRowsDeleted = 0;
    return repairFtsTotals(this.db, 'chunks_fts', 4);
  }

  folders() {
    return this.q.folders.all();
  }

  /** Saves the vocabulary's counts with the documents they count (see Vocabulary.covers). */
  saveVocabulary(): void {
    this.vocabulary.flush(documentsCovered(this.db));
  }

  /**
   * Brings the vocabulary in line with the stored documents: as it is when
   * it counts them; the stored counts when another process saved them for
   * these documents; otherwise (a job died before saving them, an older
   * version's index) rebuilt from the stored chunks and saved. Call it
   * only while no job writes (an indexing job holds the job lock).
   */
  syncVocabulary(): 'current' | 'reloaded' | 'rebuilt' {
    const now = documentsCovered(this.db);
    if (now === this.vocabulary.covers) return 'current';
    if (this.vocabulary.storedCovers() === now) {
      this.vocabulary.reload();
      return 'reloaded';
    }
    this.vocabulary.reload(true);
    for (const doc of this.q.indexedDocuments.iterate()) this.countStored(doc, 1);
    this.vocabulary.flush(now);
    return 'rebuilt';
  }

  /** Documents whose terms were derived against less than `share` of today's vocabulary (see WritePolicy.refineBelow), by id. */
  unrefined(share: number): number[] {
    return this.q.unrefined.all(share * this.vocabulary.size).map((r) => r.id);
  }

  /**
   * An indexing job begins (true) or ends (false). While it runs, SQLite's
   * automatic checkpoints wait: copying the write-ahead log into the
   * database file (with an fsync) every 4 MB of commits was a large share
   * of writing (docs/performance.md). The indexer checkpoints once after
   * the job (`checkpoint`).
   */
  setBulkWriting(on: boolean, pages: WritePolicy['checkpointPages'] = WRITE_POLICY.checkpointPages): void {
    this.db.pragma(`wal_autocheckpoint = ${on ? pages.job : pages.idle}`);
  }

  /** Merges the FTS index's segments into one (see DocumentWriter.optimize). */
  optimize(): void {
    this.writer.optimize();
  }

  /** Copies the write-ahead log into the database file now, as far as no reader needs it (PASSIVE: never waits). */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  folderByPath(path: string) {
    return this.q.folderByPath.get(path);
  }

  /** The folder's id; added unless it is there (another process may have added it a moment ago). */
  addFolder(path: string): number {
    this.q.insertFolder.run(path, new Date().toISOString());
    return this.q.folderByPath.get(path)!.id;
  }

  /** Removes a folder with all its documents from the index (not from disk). */
  removeFolder(id: number): void {
    this.db.transaction(() => {
      for (const doc of this.q.documentIdsOfFolder.all(id)) this.deleteDocumentRows(doc.id);
      this.q.deleteFolder.run(id);
    }).immediate();
    this.saveVocabulary();
    this.repairTotals();
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
    // Runs for every candidate of every search: the chunk's text is not read.
    const chunk = this.q.sectionOf.get(chunkId);
    return chunk ? `${chunk.document_id}\u0000${chunk.heading}` : null;
  }


  /**
   * A chunk's role, heading and its document's metadata, in one indexed
   * lookup (the chunk's text is not read): ranking asks it for every
   * candidate. Undefined for a chunk that is gone.
   */
  chunkFacts(chunkId: number): ChunkFacts | undefined {
    return this.q.chunkFacts.get(chunkId);
  }

  /** Replaces whatever the index held for this path by the new record and chunks, in one transaction. */
  replaceDocument(record: DocumentRecord, chunks: ChunkInput[]): number {
    const [result] = this.writeDocuments([this.prepareDocument(record, chunks)]);
    if (result instanceof Error) throw result;
    return result!;
  }

  /**
   * Analyses a document for the index, and counts its words into the
   * vocabulary in place of those of the version it replaces. Nothing is
   * written: `writeDocuments` does that, possibly for several documents
   * at once. The counts go in first, so that the document's own words
   * already help splitting its compounds.
   *
   * The terms are derived now, not when the batch is written: derived
   * against the vocabulary of a whole batch, documents split more
   * compounds, and the retrieval quality on the laws fell (docs/performance.md),
   * although the refining phase then had nothing left to do.
   */
  prepareDocument(record: DocumentRecord, input: ChunkInput[]): PreparedDocument {
    // A chunk given without a role is body text (what chunkDocument makes always has one).
    const chunks: Chunk[] = input.map((c) => (c.role ? (c as Chunk) : { ...c, role: 'body' }));
    const old = this.q.documentByPath.get(record.path);
    if (old) this.countStored(old, -1);
    // Tokenized once: the same word lists give the counts and the terms.
    const title = this.analyzer.contentWords(record.title);
    const bodies = chunks.map((c) => this.analyzer.contentWords(c.text));
    if (chunks.length > 0) this.analyzer.count(this.vocabulary, [title, ...bodies], 1);
    const titleTerms = this.analyzer.termText(title);
    const headings = new HeadingTerms(this.analyzer);
    const terms = chunks.map((chunk, ord): FtsColumns => [titleTerms, ...headings.of(chunk.heading), this.analyzer.termText(bodies[ord]!)]);
    return { record, chunks, terms, replaces: old?.id ?? null, analysedWith: this.vocabulary.size, settled: false, words: { title, bodies }, chunkIds: null };
  }

  /** Counts a stored document's words into (1) or out of (-1) the vocabulary. */
  private countStored(doc: DocumentRow, sign: 1 | -1): void {
    const chunks = this.q.chunksOfDocument.all(doc.id);
    if (chunks.length === 0) return;
    this.analyzer.count(this.vocabulary, [this.analyzer.contentWords(doc.title), ...chunks.map((c) => this.analyzer.contentWords(c.text))], sign);
  }

  /** What goes to the writer for a prepared document (plain data). */
  static rowsOf(prepared: PreparedDocument): DocumentRows {
    return { record: { ...prepared.record, analysedWith: prepared.analysedWith }, chunks: prepared.chunks, terms: prepared.terms, replaces: prepared.replaces };
  }

  /**
   * Writes prepared documents (in the order they were prepared) in one
   * transaction, each all-or-nothing under its own savepoint (see
   * DocumentWriter.write). A document that fails has its counts taken out
   * of the vocabulary again, and its slot holds the error. If the
   * transaction as a whole fails, nothing is written, every count is
   * undone, and this throws.
   */
  writeDocuments(list: PreparedDocument[]): (number | Error)[] {
    let results: (WrittenDocument | Error)[];
    try {
      results = this.writer.write(list.map(IndexStore.rowsOf));
    } catch (error) {
      this.failedWrite(list);
      throw error;
    }
    return this.settleWrite(list, results);
  }

  /** The same for documents another thread writes (`pending` is its write): settled when it is done. */
  async writtenElsewhere(list: PreparedDocument[], pending: Promise<(WrittenDocument | Error)[]>): Promise<(number | Error)[]> {
    let results: (WrittenDocument | Error)[];
    try {
      results = await pending;
    } catch (error) {
      this.failedWrite(list);
      throw error;
    }
    return this.settleWrite(list, results);
  }

  /**
   * Takes the writer's results for prepared documents (from this thread's
   * writer or another's): ids for those written, errors for the others,
   * whose counts leave the vocabulary.
   */
  settleWrite(list: PreparedDocument[], results: (WrittenDocument | Error)[]): (number | Error)[] {
    return list.map((prepared, i) => {
      const result = results[i] ?? new Error('no result from the writer');
      if (result instanceof Error) {
        this.discardPrepared(prepared);
        return result;
      }
      prepared.settled = true;
      prepared.chunkIds = result.chunkIds;
      this.chunkTotal += result.chunkIds.length - result.removedChunks;
      this.ftsRowsDeleted += result.removedChunks;
      return result.id;
    });
  }

  /** Nothing of these documents was written: their counts are undone. */
  private failedWrite(list: PreparedDocument[]): void {
    for (const prepared of list) this.discardPrepared(prepared);
  }

  /** A prepared document that will not be written: its vocabulary counts are undone (once). */
  discardPrepared(prepared: PreparedDocument): void {
    if (prepared.settled) return;
    prepared.settled = true;
    const { record, chunks } = prepared;
    if (chunks.length > 0) this.analyzer.count(this.vocabulary, [this.analyzer.contentWords(record.title), ...chunks.map((c) => this.analyzer.contentWords(c.text))], -1);
    // The replaced version is still stored (nothing of this document was written): its words count again.
    const old = prepared.replaces === null ? undefined : this.q.documentById.get(prepared.replaces);
    if (old) this.countStored(old, 1);
  }

  /** The file is unchanged but was touched: remember the new mtime so it is not hashed again. */
  touch(id: number, mtimeMs: number): void {
    this.q.touchDocument.run(mtimeMs, id);
  }

  deleteDocument(id: number): void {
    this.db.transaction(() => this.deleteDocumentRows(id)).immediate();
  }

  /**
   * Re-derives the FTS terms of written documents after the vocabulary
   * grew: words seen early in a job may now split into parts the index
   * learnt later. Every chunk gets the terms of today's vocabulary, every
   * word derived again: so the result does not depend on what this process
   * met before, and a job resumed after a crash (whose process never saw
   * these documents) refines them exactly as the job that died would have.
   * Documents in `kept` are taken from their word lists; the rest are read
   * back. Each is then marked as analysed against today's vocabulary.
   */
  reanalyze(documentIds: number[], kept: ReadonlyMap<number, AnalyzedWords> = new Map()): number {
    const round = this.analyzer.beginRefresh();
    const size = this.vocabulary.size;
    let rewritten = 0;
    // One transaction for all: FTS5 writes a segment per transaction, and these rows are only better terms for rows that are valid already.
    this.db.transaction(() => {
      for (const id of documentIds) {
        const doc = this.q.documentById.get(id);
        if (!doc) continue;
        const words = kept.get(id) ?? this.readWords(doc);
        rewritten += this.refine(words.title, words.chunks, round, true, (i, columns) => {
          const chunkId = words.chunks[i]!.id;
          this.q.deleteFts.run(chunkId);
          this.q.insertFts.run(chunkId, ...columns);
          this.ftsRowsDeleted++;
        });
        this.q.refined.run(size, id);
      }
    }).immediate();
    return rewritten;
  }

  /**
   * The same for documents analysed but not written yet (held at the start
   * of a job, see DocumentBatch): their terms change in memory, and they are
   * written once, with the better terms. Returns the chunks that changed.
   */
  refinePrepared(list: PreparedDocument[]): number {
    const round = this.analyzer.beginRefresh();
    let changed = 0;
    for (const prepared of list) {
      const chunks = prepared.chunks.map((chunk, i) => ({ heading: chunk.heading, body: prepared.words.bodies[i]! }));
      changed += this.refine(prepared.words.title, chunks, round, false, (i, columns) => {
        prepared.terms[i] = columns;
      });
      prepared.analysedWith = this.vocabulary.size;
    }
    return changed;
  }

  /** Calls `rewrite` with new FTS columns for each chunk of a document that has a word whose terms changed in this refresh round (every chunk, all its words derived again, if `all`). */
  private refine(title: WordInfo[], chunks: { heading: string; body: WordInfo[] }[], round: number, all: boolean, rewrite: (index: number, columns: FtsColumns) => void): number {
    let rewritten = 0;
    if (all) {
      this.analyzer.refreshAll(title, round);
      const titleTerms = this.analyzer.termText(title);
      chunks.forEach((chunk, i) => {
        this.analyzer.refreshAll(this.analyzer.contentWords(chunk.heading), round);
        this.analyzer.refreshAll(chunk.body, round);
        const [own, context] = new HeadingTerms(this.analyzer).of(chunk.heading);
        rewrite(i, [titleTerms, own, context, this.analyzer.termText(chunk.body)]);
        rewritten++;
      });
      return rewritten;
    }
    const titleChanged = this.analyzer.anyChanged(title, round);
    const titleTerms = this.analyzer.termText(title);
    chunks.forEach((chunk, i) => {
      // Stops at the first changed word: the words after it keep the terms they were first indexed with,
      // unless another chunk refreshes them (refreshing them all over-split the laws' compounds in memory,
      // docs/performance.md, Research I). After the write, `all` re-derives everything (crash consistency).
      if (!this.analyzer.anyChanged(chunk.body, round) && !this.analyzer.anyChanged(this.analyzer.contentWords(chunk.heading), round) && !titleChanged) return;
      // Not cached per document as in prepareDocument: the check above may just have refreshed this heading's words.
      const [own, context] = new HeadingTerms(this.analyzer).of(chunk.heading);
      rewrite(i, [titleTerms, own, context, this.analyzer.termText(chunk.body)]);
      rewritten++;
    });
    return rewritten;
  }

  /** A stored document's words, read back from its chunks. */
  private readWords(doc: DocumentRow): AnalyzedWords {
    return {
      title: this.analyzer.contentWords(doc.title),
      chunks: this.q.chunksOfDocument.all(doc.id).map((c) => ({ id: c.id, heading: c.heading, body: this.analyzer.contentWords(c.text) })),
    };
  }

  private deleteDocumentRows(id: number): void {
    const doc = this.q.documentById.get(id);
    const chunks = this.q.chunksOfDocument.all(id);
    if (doc) this.countStored(doc, -1);
    for (const chunk of chunks) this.q.deleteFts.run(chunk.id);
    this.chunkTotal -= chunks.length;
    this.ftsRowsDeleted += chunks.length;
    this.onChunksDeleted(chunks.map((c) => c.id));
    this.q.deleteDocument.run(id);
  }
}

/**
 * The FTS text of a chunk's own heading, and of the headings above it. Only
 * the own heading ranks: the outer levels (the law's name, "Abschnitt 3 …")
 * are shared by hundreds of chunks and would make every one of them match.
 * Chunks of one document share the headings above their own: each
 * distinct path above is analysed once per document.
 */
class HeadingTerms {
  private readonly contexts = new Map<string, string>();

  constructor(private readonly analyzer: Analyzer) {}

  of(heading: string): [string, string] {
    const cut = heading.lastIndexOf(HEADING_SEPARATOR);
    if (cut < 0) return [this.analyzer.indexText(heading), ''];
    // The separator is no word character: the path above tokenizes as the headings joined with spaces would.
    const above = heading.slice(0, cut);
    let context = this.contexts.get(above);
    if (context === undefined) {
      context = this.analyzer.indexText(above);
      this.contexts.set(above, context);
    }
    return [this.analyzer.indexText(heading.slice(cut + HEADING_SEPARATOR.length)), context];
  }
}
