/**
 * The naive approach every search figure is compared against: a plain
 * SQLite FTS5 table (unicode61: no stemming, no compound splitting, no
 * stopwords) over fixed 1000-character pieces that ignore the document's
 * structure. It is what one gets in an afternoon; the core must beat it.
 */
import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';

export const PIECE_CHARS = 1000;

export interface NaiveHit {
  path: string;
  /** The nearest Markdown heading at or before the piece's first line, without the #'s, as a one-level path: lets isRelevant() judge it like a core hit. */
  headingPath: string[];
  lineStart: number;
  lineEnd: number;
  score: number;
}

export interface BuildStats {
  bytes: number;
  chunks: number;
  ms: number;
}

const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const WORD = /[\p{L}\p{N}]+/gu;

/** `"a" OR "b"`: every word quoted, so no user input is ever read as FTS5 syntax. */
export function naiveMatch(query: string): string | null {
  const words = [...new Set(query.match(WORD) ?? [])];
  return words.length > 0 ? words.map((w) => `"${w}"`).join(' OR ') : null;
}

export class NaiveBaseline {
  private readonly db: Database.Database;
  private readonly insert;
  private readonly query;

  /** `file` is the database file; on disk like the core's, with the same journal settings. */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS pieces USING fts5(
      body, path UNINDEXED, heading UNINDEXED, line_start UNINDEXED, line_end UNINDEXED, tokenize='unicode61')`);
    this.insert = this.db.prepare<[string, string, string, number, number]>('INSERT INTO pieces (body, path, heading, line_start, line_end) VALUES (?, ?, ?, ?, ?)');
    this.query = this.db.prepare<[string, number], Omit<NaiveHit, 'headingPath'> & { heading: string }>(
      `SELECT path, heading, line_start AS lineStart, line_end AS lineEnd, -bm25(pieces) AS score
       FROM pieces WHERE pieces MATCH ? ORDER BY bm25(pieces) LIMIT ?`,
    );
  }

  /** Reads and indexes the files; one transaction per file, as the core does, so commit counts match. */
  build(files: string[]): BuildStats {
    const start = performance.now();
    let bytes = 0;
    let chunks = 0;
    for (const path of files) {
      bytes += statSync(path).size;
      const pieces = cutPieces(readFileSync(path, 'utf8'));
      this.db.transaction(() => {
        for (const p of pieces) this.insert.run(p.text, path, p.heading, p.lineStart, p.lineEnd);
      })();
      chunks += pieces.length;
    }
    return { bytes, chunks, ms: performance.now() - start };
  }

  search(query: string, limit: number): NaiveHit[] {
    const match = naiveMatch(query);
    return match ? this.query.all(match, limit).map(({ heading, ...hit }) => ({ ...hit, headingPath: heading ? [heading] : [] })) : [];
  }

  close(): void {
    this.db.close();
  }
}

interface Piece {
  text: string;
  heading: string;
  lineStart: number;
  lineEnd: number;
}

/** Consecutive 1000-char pieces with their 1-based line range and the heading in force at their first line. */
export function cutPieces(text: string): Piece[] {
  // Line number and heading of every line, computed once per file.
  const lines = text.split('\n');
  const lineOffsets: number[] = [];
  const headingAt: string[] = [];
  let offset = 0;
  let heading = '';
  for (const line of lines) {
    lineOffsets.push(offset);
    heading = HEADING.exec(line)?.[1] ?? heading;
    headingAt.push(heading);
    offset += line.length + 1;
  }
  // Index of the line containing character `pos` (binary search over line starts).
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineOffsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineOffsets[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const pieces: Piece[] = [];
  for (let start = 0; start < text.length; start += PIECE_CHARS) {
    const end = Math.min(text.length, start + PIECE_CHARS) - 1;
    const first = lineOf(start);
    pieces.push({ text: text.slice(start, end + 1), heading: headingAt[first]!, lineStart: first + 1, lineEnd: lineOf(end) + 1 });
  }
  return pieces;
}
