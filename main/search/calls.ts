import type { CoreCalls, SearchResult } from '../contract';
import { AppError } from '../errors';
import type { IndexStore } from './index-store';
import { buildQuery } from './query';
import { highlightRanges } from './snippet';
import type { LexicalSearch } from './search';

type SearchCalls = Pick<CoreCalls, 'search' | 'getPassage'>;

const CONTEXT_CHUNKS = 1;

export function searchCalls(store: IndexStore, lexical: LexicalSearch): SearchCalls {
  return {
    async search({ query, limit = 10, folderIds, kinds }): Promise<SearchResult> {
      const started = performance.now();
      // A long section is several chunks; the clerk wants the section once, so more are fetched and collapsed.
      const { ranked, terms } = lexical.rank(query, { limit: Math.min(300, limit * 4), folderIds, kinds });
      const hits = collapseSections(ranked.flatMap((r) => lexical.hit(r.id, -r.rank, terms) ?? []), limit);
      return { query, hits, mode: 'lexical', notice: null, tookMs: performance.now() - started };
    },

    async getPassage({ chunkId, query }) {
      const terms = query ? buildQuery(query, store.analyzer).terms : new Set<string>();
      const hit = lexical.hit(chunkId, 0, terms);
      if (!hit) throw new AppError('not_found', 'Diese Fundstelle ist nicht mehr im Index (Dokument geändert oder entfernt).');
      const siblings = store.chunksOf(hit.documentId);
      const at = siblings.findIndex((c) => c.id === chunkId);
      const pick = (c: { heading: string; text: string }) => ({ heading: c.heading, text: c.text });
      const text = siblings[at]!.text.normalize('NFC');
      return {
        hit,
        text,
        highlights: highlightRanges(text, terms, store.analyzer),
        before: siblings.slice(Math.max(0, at - CONTEXT_CHUNKS), at).map(pick),
        after: siblings.slice(at + 1, at + 1 + CONTEXT_CHUNKS).map(pick),
      };
    },
  };
}

/** The best chunk of each section (document + heading path) only, up to `limit`. */
export function collapseSections<T extends { documentId: number; heading: string }>(hits: T[], limit: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const hit of hits) {
    const key = `${hit.documentId}\u0000${hit.heading}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(hit);
    if (out.length === limit) break;
  }
  return out;
}
