import { NO_META, type SearchHit } from '../contract';
import { headingPathOf } from '../index/chunk-row';

/**
 * A hit or citation as a JSON snapshot holds it (answer turns, drafts'
 * sources). Snapshots written before heading paths were arrays have
 * `heading`, the path as the index stores it; those before chunk roles and
 * document metadata have neither.
 */
export type Snapshot<T extends { headingPath: string[] }> = Omit<T, 'headingPath'> & { headingPath?: string[]; heading?: string };

/** A stored hit or citation with its heading path as an array (an old snapshot's joined `heading` converted). */
export function withHeadingPath<T extends { headingPath: string[] }>(stored: Snapshot<T>): T {
  const { heading, headingPath, ...rest } = stored;
  return { ...rest, headingPath: Array.isArray(headingPath) ? headingPath : headingPathOf(heading ?? '') } as unknown as T;
}

/** A hit from a snapshot: old ones read as body text without metadata, with their heading path as an array. */
export function hitOfSnapshot(stored: Partial<SearchHit> & { heading?: string }): SearchHit {
  return withHeadingPath<SearchHit>({ role: 'body', meta: NO_META, ...stored } as Snapshot<SearchHit>);
}
