import type Database from 'better-sqlite3';
import type { ChunkRole, DocumentKind, SearchHit } from '../contract';
import { metaOfRow, type IndexStore } from '../index/index-store';
import { parseQuery, quote, toMatch, type ParsedQuery } from './query';
import { thesaurusOf } from '../analysis/thesaurus';
import { mayBeCompound, MIN_PART_FREQ } from '../analysis/decompound';
import { stem } from '../analysis/stem';
import { headingPathOf, ownStoredHeading } from '../index/chunk-row';
import { fold, words } from '../analysis/normalise';
import { STOPWORDS } from '../analysis/stopwords';
import { closestShare } from './proximity';
import { makeSnippet } from './snippet';
import { informativeness, TermFrequencies } from './term-frequency';

/**
 * BM25 weights of the FTS columns. The chunk's own heading counts double;
 * the outer headings (context) do not rank at all — hundreds of chunks share
 * them — but they count when coverage of the query's words is judged.
 */
const COLUMN_WEIGHTS = { title: 1, heading: 2, context: 0, body: 1 };
const BM25 = `bm25(chunks_fts, ${COLUMN_WEIGHTS.title}, ${COLUMN_WEIGHTS.heading}, ${COLUMN_WEIGHTS.context}, ${COLUMN_WEIGHTS.body})`;

/** A function's results for the inputs it has seen (for one query: few distinct inputs). */
function memoised<T>(fn: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      value = fn(key);
      seen.set(key, value);
    }
    return value;
  };
}

/** Words of an authority's name that say what kind it is, not which: they stay content words. */
const AUTHORITY_KINDS = new Set(['stadt', 'gemeinde', 'landkreis', 'kreis', 'land', 'markt', 'verwaltungsgemeinschaft', 'amt', 'bezirk']);
/** The known start or end of an unknown compound is this long at least, and leaves at least MIN_REST letters. */
const MIN_END = 4;
const MIN_REST = 3;
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
/** A candidate whose own heading holds all of the query's telling words scores this much more. */
const HEADING_BONUS = 0.5;
/** A candidate whose document's title holds all of the query's telling words scores this much more. */
const TITLE_BONUS = 0.5;
/** Proximity: the best candidates whose words stand within a window of this many words, lifted by up to the bonus. */
const PROXIMITY_DEPTH = 10;
const PROXIMITY_WINDOW = 12;
const PROXIMITY_BONUS = 0.3;
/** A candidate that has what the question's frame asks for (a Gebühr for "was kostet"). */
const INTENT_BONUS = 0.15;
/** A document whose metadata match a municipality or document type the query names. */
const NAMED_DOCUMENT_BONUS = 0.25;
/** A table of contents names every section's words and answers nothing; front matter and preambles neither. */
const ROLE_WEIGHT: Record<ChunkRole, number> = { body: 1, toc: 0.2, front: 0.2, preamble: 0.3 };
/** A superseded version ranks below the one in force. */
const SUPERSEDED_WEIGHT = 0.6;

interface LexicalOptions {
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
  private thesaurusFailed = false;
  private authorities: Set<string> | null = null;
  /** Told once when the thesaurus cannot be read. */
  onThesaurusError?: (error: unknown) => void;

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
    // The rowid must be bound as an integer (a BigInt): better-sqlite3 binds a number as a double, and
    // FTS5 then ignores the rowid constraint and answers for every matching row (see the search tests).
    this.contains = db.prepare<[string, bigint], { one: number }>('SELECT 1 AS one FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid = ?');
  }

  /** Roughly how many chunks a term occurs in (see TermFrequencies). */
  private df(term: string): number {
    return this.frequencies.of(term);
  }

  /** Brings the term estimates up to date in the background (call after an indexing job). */
  prepare(): void {
    this.authorities = null;
    this.frequencies.prepare();
  }

  /**
   * Chunk ids, best first. BM25 picks the candidates; then chunks that
   * match more of the query's words move up (coordination), so that a
   * passage about "Verlust" and "Ausweis" beats one that repeats "Ausweis".
   */
  rank(query: string, options: LexicalOptions): { ranked: Ranked[]; terms: Set<string> } {
    const parsed = this.parse(query);
    // A word's widened terms select only when none of its own is in the index: otherwise the
    // thesaurus's and the compounds' terms, often rarer, would take the budget and the ranking.
    const selecting = parsed.groups.map((group, i) => {
      const wide = new Set(parsed.widened[i]);
      const direct = group.filter((t) => !wide.has(t));
      return direct.some((t) => this.df(t) > 0) ? direct : group;
    });
    const { terms: selective, common } = this.selectTerms(selecting);
    const match = toMatch(parsed.phrases, selective);
    if (!match) return { ranked: [], terms: parsed.terms };
    const candidates = this.candidates(match, { ...options, limit: Math.max(options.limit, RERANK_DEPTH) }, common);
    if (candidates.length === 0) return { ranked: [], terms: parsed.terms };
    // Coverage counts the groups that can tell candidates apart: a group of common words matches nearly all.
    const telling = selecting.map((g) => g.filter((t) => selective.includes(t))).filter((g) => g.length > 0);
    const coverage = telling.length >= 2 && candidates.length >= 2;
    // The headings above a passage count here ("Abschnitt 3 – Meldepflichten": they say what it is about),
    // and so does the document's title: a § of the Hundesteuersatzung is about Hundesteuer.
    const anywhere = telling.map((g) => `(${g.map(quote).join(' OR ')})`);
    // A rare word of the question says more about a passage than a common one (inverse document frequency).
    const weights = telling.map((g) => informativeness(Math.min(...g.map((t) => this.df(t))), this.store.chunkTotal));
    const total = weights.reduce((a, b) => a + b, 0);
    const share = (matches: string[], id: number) => matches.reduce((sum, g, i) => (this.contains.get(g, BigInt(id)) ? sum + weights[i]! : sum), 0) / total;
    // Headings and titles are short and their terms derive from the analyzer's cache: checked here, not by FTS5.
    const termsOf = memoised((text: string) => this.store.analyzer.termsIn(text));
    const shareIn = (text: string) => {
      const present = termsOf(text);
      return telling.reduce((sum, g, i) => (g.some((t) => present.has(t)) ? sum + weights[i]! : sum), 0) / total;
    };
    const intent = parsed.intents.length > 0 ? `{heading body} : (${parsed.intents.map(quote).join(' OR ')})` : null;
    const named = this.namedIn(parsed.terms);
    const rescored = candidates.map((c) => {
      let factor = 1;
      const facts = this.store.chunkFacts(c.id);
      if (coverage) {
        const covered = share(anywhere, c.id);
        const headed = facts ? shareIn(ownStoredHeading(facts.heading)) : 0;
        const titled = facts ? shareIn(facts.title) : 0;
        factor *= (1 - COORDINATION + COORDINATION * covered) * (1 + HEADING_BONUS * headed) * (1 + TITLE_BONUS * titled);
      }
      if (intent && this.contains.get(intent, BigInt(c.id))) factor *= 1 + INTENT_BONUS;
      if (facts) {
        factor *= ROLE_WEIGHT[facts.role] * (facts.validity === 'superseded' ? SUPERSEDED_WEIGHT : 1);
        if (facts.authority && named(facts.authority)) factor *= 1 + NAMED_DOCUMENT_BONUS;
        if (facts.docType && named(facts.docType)) factor *= 1 + NAMED_DOCUMENT_BONUS;
      }
      // bm25() is negative (lower is better): a factor above 1 moves a candidate up.
      return { id: c.id, rank: c.rank * factor };
    });
    rescored.sort((a, b) => a.rank - b.rank);
    if (coverage && PROXIMITY_BONUS > 0) this.liftByProximity(rescored.slice(0, PROXIMITY_DEPTH), telling, weights);
    rescored.sort((a, b) => a.rank - b.rank);
    return { ranked: rescored.slice(0, options.limit), terms: parsed.terms };
  }

  /**
   * Proximity: a passage where the question's words stand close together
   * ("Verlust … Ausweis … anzeigen" in one sentence) is more likely about
   * them than one that has each somewhere. For the best candidates only
   * (their text is analysed here), the largest weighted share of the
   * telling words found within one window of PROXIMITY_WINDOW words lifts
   * a candidate by up to PROXIMITY_BONUS.
   */
  private liftByProximity(best: Ranked[], telling: string[][], weights: number[]): void {
    for (const candidate of best) {
      const text = this.store.chunk(candidate.id)?.text;
      if (!text) continue;
      const termsAt = this.store.analyzer.analyze(text).map((t) => t.terms);
      candidate.rank *= 1 + PROXIMITY_BONUS * closestShare(termsAt, telling, weights, PROXIMITY_WINDOW);
    }
  }

  /**
   * A question that names a municipality ("in Konstanz") or a kind of
   * document ("laut Satzung", "Friedhofssatzung") prefers documents whose
   * metadata say so: an office serving several municipalities holds
   * near-identical Satzungen side by side.
   */
  private namedIn(terms: Set<string>): (value: string) => boolean {
    const known = new Map<string, boolean>();
    return (value) => {
      let is = known.get(value);
      if (is === undefined) {
        const own = this.store.analyzer.analyze(value).map((t) => t.terms[0]!);
        is = own.length > 0 && own.every((t) => terms.has(t));
        known.set(value, is);
      }
      return is;
    };
  }

  /** How many chunks a term occurs in, roughly (compound parts included): the weight of a question's word. */
  documentFrequency(term: string): number {
    return this.df(term);
  }

  /** Chunks in the index. */
  get chunkCount(): number {
    return this.store.chunkTotal;
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
   * The query as search reads it: every word widened as `widen` says. A
   * word that names a municipality or authority of the index ("in
   * Konstanz") sets the scope (see `namedIn`): every document of that town
   * says its name, so it neither selects candidates nor counts as a word to
   * be covered.
   */
  parse(query: string): ParsedQuery {
    const parsed = parseQuery(query, this.store.analyzer, (word) => this.widen(word));
    const scope = this.authorityWords();
    const keep = parsed.written.map((w) => !scope.has(fold(w)));
    if (keep.every(Boolean) || !keep.some(Boolean)) return parsed;
    const kept = <T>(list: T[]) => list.filter((_, i) => keep[i]);
    return { ...parsed, groups: kept(parsed.groups), written: kept(parsed.written), own: kept(parsed.own), widened: kept(parsed.widened) };
  }

  /** Folded words of the authorities the index's documents name (their metadata), read again after each job. */
  private authorityWords(): Set<string> {
    if (!this.authorities) {
      const rows = this.db.prepare<[], { authority: string }>('SELECT DISTINCT authority FROM documents WHERE authority IS NOT NULL').all();
      this.authorities = new Set(rows.flatMap((r) => words(r.authority)).filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !AUTHORITY_KINDS.has(w)));
    }
    return this.authorities;
  }

  /**
   * A query word the index hardly knows is widened: to the indexed
   * compounds that contain it, and to its thesaurus synonyms that the index
   * does know ("Schwimmbad" → "Freibad" in bylaws that never say
   * Schwimmbad). A word the index knows is left alone: the thesaurus mixes
   * senses (Steuer: tax and helm), and the office's own word is the one
   * its documents use.
   */
  private widen(word: string): string[] {
    if (this.store.vocabulary.freq(word) >= MIN_PART_FREQ) return [];
    const known = this.thesaurusTerms(stem(word)).filter((t) => this.df(t) > 0);
    return [...this.compoundsOf(word), ...known, ...this.knownEnds(word)];
  }

  /**
   * A compound the index does not know and cannot split into known words
   * ("Restmülltonne" where the Satzung says "Restmüll" and "Abfallbehälter")
   * still says something through the parts it does know: the longest known
   * word it starts with and the longest it ends with.
   */
  private knownEnds(word: string): string[] {
    if (!mayBeCompound(word) || this.store.analyzer.peekTerms(word).length > 1) return [];
    const vocabulary = this.store.vocabulary;
    const out: string[] = [];
    for (let end = word.length - MIN_REST; end >= MIN_END; end--) {
      if (vocabulary.freq(word.slice(0, end)) >= MIN_PART_FREQ) {
        out.push(stem(word.slice(0, end)));
        break;
      }
    }
    for (let start = MIN_REST; start <= word.length - MIN_END; start++) {
      if (vocabulary.freq(word.slice(start)) >= MIN_PART_FREQ) {
        out.push(stem(word.slice(start)));
        break;
      }
    }
    return out;
  }

  private thesaurusTerms(stemmed: string): string[] {
    try {
      return thesaurusOf(stemmed);
    } catch (error) {
      // A broken installation without the data file searches without synonyms, and says so once.
      if (!this.thesaurusFailed) this.onThesaurusError?.(error);
      this.thesaurusFailed = true;
      return [];
    }
  }

  /**
   * Stems of indexed compounds that contain the query word (its stem when
   * that is long enough to be specific) — only for a word the index hardly
   * knows on its own: a word it knows was already split out of compounds at
   * indexing time, and widening it further only adds noise.
   */
  private compoundsOf(word: string): string[] {
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
      headingPath: headingPathOf(chunk.heading),
      lineStart: chunk.line_start,
      lineEnd: chunk.line_end,
      page: chunk.page,
      kind: doc.kind as DocumentKind,
      role: chunk.role,
      meta: metaOfRow(doc),
      score,
      snippet,
      highlights,
    };
  }
}
