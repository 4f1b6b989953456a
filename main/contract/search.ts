/* Search hits and passages. */
import { idSchema, z } from './common';
import { DOCUMENT_KINDS, type ChunkRole, type DocumentKind, type DocumentMeta } from './documents';

export interface SearchHit {
  chunkId: number;
  documentId: number;
  /** Absolute path of the source file. */
  path: string;
  title: string;
  /** The headings above the chunk, outermost first ("Hundesteuersatzung", "§ 5 Steuersatz"); empty when it has none. */
  headingPath: string[];
  lineStart: number | null;
  lineEnd: number | null;
  page: number | null;
  kind: DocumentKind;
  /** What the chunk is within its document (body text, table of contents, …). */
  role: ChunkRole;
  /** The document's own metadata (authority, type, validity). */
  meta: DocumentMeta;
  /** Higher is better; comparable within one result list. */
  score: number;
  snippet: string;
  /** [start, end) character ranges in `snippet` of the matching words. */
  highlights: [number, number][];
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** How the hits were found: lexical only, or lexical fused with vectors. */
  mode: 'lexical' | 'hybrid';
  /** Why vector search was not used, when an embedding model is configured but failed. */
  notice: string | null;
  tookMs: number;
}

export const searchSchema = z
  .object({
    query: z.string().max(1000, { message: 'Die Suchanfrage ist zu lang (höchstens 1000 Zeichen).' }),
    limit: z.number().int().min(1).max(100).default(10),
    folderIds: z.array(idSchema).max(100).optional(),
    kinds: z.array(z.enum(DOCUMENT_KINDS)).max(6).optional(),
  })
  .strict();

export interface Passage {
  hit: SearchHit;
  /** The whole passage, and the ranges of its words that match the query. */
  text: string;
  highlights: [number, number][];
  /** The chunks around the passage, for context in the source view. */
  before: PassageContext[];
  after: PassageContext[];
}

/** A chunk next to a passage: its heading path (outermost first) and text. */
export interface PassageContext {
  headingPath: string[];
  text: string;
}

/** A heading path as one line for people (a citation, the CLI): the headings, outermost first, with " › " between. */
export const headingLabel = (path: readonly string[]): string => path.join(' › ');

/** The chunk's own heading: the innermost of its path; empty when it has none. */
export const ownHeading = (path: readonly string[]): string => path.at(-1) ?? '';
