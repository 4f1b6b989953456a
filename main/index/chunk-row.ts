import type { ChunkRole } from '../contract';

/** A chunk as the index stores it (made by ingest/chunk.ts). */
export interface Chunk {
  /** Heading path, outermost first, joined with HEADING_SEPARATOR. */
  heading: string;
  text: string;
  /** What the chunk is within its document (see ingest/structure.ts blockRoles). */
  role: ChunkRole;
  lineStart?: number;
  lineEnd?: number;
  page?: number;
}

export const HEADING_SEPARATOR = ' › ';

/** A stored heading as the contract's heading path (outermost first): the one place a stored heading is split. */
export const headingPathOf = (stored: string): string[] => (stored === '' ? [] : stored.split(HEADING_SEPARATOR));

/** The innermost heading of a stored path (headingPathOf's last), without splitting it: ranking asks it of every candidate. */
export function ownStoredHeading(stored: string): string {
  const at = stored.lastIndexOf(HEADING_SEPARATOR);
  return at < 0 ? stored : stored.slice(at + HEADING_SEPARATOR.length);
}

/** A chunk as callers may give it to the store: without a role it is body text. */
export type ChunkInput = Omit<Chunk, 'role'> & { role?: ChunkRole };
