import type Database from 'better-sqlite3';
import { NO_META, type DocumentKind, type SearchHit } from '../contract';
import type { IndexStore } from './index-store';
import { parseQuery, quote, toMatch } from './query';
import { MIN_PART_FREQ } from './decompound';
import { stem } from './stem';
import { makeSnippet } from './snippet';
import { TermFrequencies } from './term-frequency';

/**
 * BM25 weights of the FTS columns. The chunk's own heading counts double;
 * the outer headings (context) do not rank at all — hundreds of chunks share
 * them — but they count when coverage of the query's words is judged.
 */
export const COLUMN_WEIGHTS = { title: 1, heading: 2, context: 0, body: 1 };
const BM25 = `bm25(chunks_fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.heading}, ${COLUMN_WEIGHTS.context}, ${COLUMN_WEIGHTS.body})`;

/** At most this many indexed compounds widen one query word. */
const COMPOUND_EXPANSION = 5;
/** How many BM25 candidates are re-ranked by coverage of the query's words. */
const RERANK_DEPTH = 30;
/** Weight of coverage: 0 is plain BM25, 1 scores a chunk matching half the words at half. */
const COORDINATION = 0.5;
/** Postings (occurrences) all selecting terms together may have, as a share of the chunks (at least the minimum). */
const POSTINGS_SHARE = 0.05;
const MIN_POSTINGS_BUDGET = 3000;
/** A word whose rarest term occurs more often than this share of the chunks selects no candidates. */
const MAX_TERM_SHARE = 0.05;
/** Rows scored for a query of only very common words. */
const BOUNDED_SCAN = 2000;

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
  private readonly contains;
  private readonly bounded;
  private readonly frequencies: TermFrequencies;

  constructor(
    private readonly db: Database.Database,
    private readonly store: IndexStore,
  ) {
    this.frequencies = new TermFrequencies(store.vocabulary, (word) => store.analyzer.peekTerms(word));
    this.frequencies.prepare();
    this.plain = db.prepare<[string, number], Ranked>(
      `SELECT rowid AS id, ${BM25} AS rank FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY rank LIMIT ?`,
    );
    // A query of only very common words is ranked among the first rows that match, not all of them.
    this.bounded = db.prepare<[string, number], Ranked>(
      `SELECT id, rank FROM (SELECT rowid AS id, ${BM25} AS rank FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT ${BOUNDED_SCAN}) ORDER BY rank LIMIT ?`,
    );
    // With rowid = ?, FTS5 seeks each term's posting list instead of reading it: a few µs per check.
    this.contains = db.prepare<[string, number], { one: number }>('SELECT 1 AS one FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid = ?');
  }

  /** Roughly how many chunks a term occurs in (see TermFrequencies). */
  private df(term: string): number {
    return this.frequencies.of(term);
  }

  /** Brings the term estimates up to date in the background (call after an indexing job). */
  prepare(): void {
    this.frequencies.prepare();
  }

  /**
   * Chunk ids, best first. BM25 picks the candidates; then chunks that
   * match more of the query's words move up (coordination), so that a
   * passage about "Verlust" and "Ausweis" beats one that repeats "Ausweis".
   */
  rank(query: string, options: LexicalOptions): { ranked: Ranked[]; terms: Set<string> } {
    const parsed = parseQuery(query, this.store.analyzer, (word) => this.compoundsOf(word));
    const { terms: selective, common } = this.selectTerms(parsed.groups);
    const match = toMatch(parsed.phrases, selective);
    if (!match) return { ranked: [], terms: parsed.terms };
    const candidates = this.candidates(match, { ...options, limit: Math.max(options.limit, RERANK_DEPTH) }, common);
    // Coverage counts the groups that can tell candidates apart: a group of common words matches nearly all.
    const telling = parsed.groups.map((g) => g.filter((t) => selective.includes(t))).filter((g) => g.length > 0);
    if (telling.length < 2 || candidates.length < 2) return { ranked: candidates.slice(0, options.limit), terms: parsed.terms };
    // The headings above a passage count here ("Abschnitt 3 – Meldepflichten": they say what it is about);
    // the document title does not: every chunk of the document shares it.
    const groupMatches = telling.map((g) => `{heading context body} : (${g.map(quote).join(' OR ')})`);
    const rescored = candidates.map((c) => {
      const covered = groupMatches.filter((g) => this.contains.get(g, c.id)).length / telling.length;
      // bm25() is negative (lower is better): scaling by coverage keeps that order.
      return { id: c.id, rank: c.rank * (1 - COORDINATION + COORDINATION * covered) };
    });
    rescored.sort((a, b) => a.rank - b.rank);
    return { ranked: rescored.slice(0, options.limit), terms: parsed.terms };
  }

  /**
   * The terms that select candidates. Scoring costs as much as the selected
   * terms' posting lists are long, and a common term ("Satz", "Behörde" in a
   * big index) hardly changes BM25's order. So the postings of all selecting
   * terms share one budget: first each query word's rarest term, from the
   * rarest word on (the very first always), then further terms from rare to
   * common. A long question of everyday words would otherwise score a third
   * of a large index. A word none of whose terms selects does not count
   * for coverage either (see `rank`). Terms the index does not know count
   * as rare.
   */
  private selectTerms(groups: string[][]): { terms: string[]; common: boolean } {
    const chunks = this.store.chunkTotal;
    const budget = Math.max(MIN_POSTINGS_BUDGET, POSTINGS_SHARE * chunks);
    const cap = Math.max(MIN_POSTINGS_BUDGET, MAX_TERM_SHARE * chunks);
    const byRarity = (a: string, b: string) => this.df(a) - this.df(b);
    const chosen = new Set<string>();
    let spent = 0;
    const take = (term: string) => {
      chosen.add(term);
      spent += this.df(term);
    };
    const rarestOfEach = groups.flatMap((group) => [...group].sort(byRarity).slice(0, 1)).sort(byRarity);
    for (const term of rarestOfEach) {
      if (chosen.has(term) || this.df(term) > cap) continue;
      if (chosen.size > 0 && spent + this.df(term) > budget) break;
      take(term);
    }
    if (chosen.size === 0) {
      // Only very common words ("1", "Satz"): the rarest of them, scored over a bounded scan.
      const rarest = [...new Set(groups.flat())].sort(byRarity)[0];
      return { terms: rarest === undefined ? [] : [rarest], common: true };
    }
    for (const term of [...new Set(groups.flat())].sort(byRarity)) {
      if (chosen.has(term)) continue;
      if (spent + this.df(term) > budget) break;
      take(term);
    }
    return { terms: [...chosen], common: false };
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

  private candidates(match: string, options: LexicalOptions, common = false): Ranked[] {
    if (!options.folderIds?.length && !options.kinds?.length) {
      return (common ? this.bounded : this.plain).all(match, options.limit);
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
    const sql = `SELECT f.rowid AS id, ${BM25} AS rank
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
      role: 'body',
      meta: NO_META,
      score,
      snippet,
      highlights,
    };
  }
}
