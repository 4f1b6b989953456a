import type { CoreCalls, SearchResult } from '../contract';
import { AppError } from '../errors';
import type { Embedder } from '../llm/embed';
import type { Logger } from '../log';
import { reciprocalRankFusion } from './fusion';
import type { IndexStore } from '../index/index-store';
import { headingPathOf } from '../index/chunk-row';
import { parseQuery } from './query';
import type { LexicalSearch } from './search';
import { highlightRanges } from './snippet';
import type { VectorStore } from '../index/vectors';

type SearchCalls = Pick<CoreCalls, 'search' | 'getPassage'>;

const CONTEXT_CHUNKS = 1;
/** Candidates taken from each list before fusion and collapsing. */
const DEPTH = 30;

interface HybridDeps {
  vectors: VectorStore;
  /** The query embedder for the current settings, or null when no embedding model is set. */
  embedder: () => Embedder | null;
  log: Logger;
}

export function searchCalls(store: IndexStore, lexical: LexicalSearch, hybrid?: HybridDeps): SearchCalls {
  /**
   * Vector neighbours of the query, or why there are none (a notice, never
   * an error). Started before the lexical search, so that Ollama embeds the
   * query while SQLite ranks.
   */
  const nearest = async (query: string): Promise<{ ids: number[] | null; notice: string | null }> => {
    const embedder = hybrid?.embedder();
    if (!hybrid || !embedder || !hybrid.vectors.available || !query.trim()) return { ids: null, notice: null };
    if (!hybrid.vectors.has(embedder.model)) return { ids: null, notice: null };
    try {
      const [vector] = await embedder.embed([query]);
      return { ids: hybrid.vectors.nearest(embedder.model, vector!, DEPTH).map((n) => n.id), notice: null };
    } catch (error) {
      hybrid.log.warn('query embedding failed; lexical results only', { error });
      const reason = (error as { userMessage?: string }).userMessage ?? 'Ollama antwortet nicht.';
      return { ids: null, notice: `Nur Volltextsuche: Die semantische Suche ist gerade nicht verfügbar. ${reason}` };
    }
  };

  return {
    async search({ query, limit = 10, folderIds, kinds }): Promise<SearchResult> {
      const started = performance.now();
      const pending = folderIds?.length || kinds?.length ? Promise.resolve({ ids: null, notice: null }) : nearest(query);
      const { ranked, terms } = lexical.rank(query, { limit: Math.max(DEPTH, limit * 3), folderIds, kinds });
      const vector = await pending;
      const fused = vector.ids
        ? reciprocalRankFusion([ranked.map((r) => r.id), vector.ids])
        : ranked.map((r) => ({ id: r.id, score: -r.rank }));
      // A long section is several chunks; the clerk wants the section once.
      const ids = collapseSections(
        fused.map((f) => ({ ...f, key: store.sectionKey(f.id) })),
        limit,
      );
      const hits = ids.flatMap((f) => lexical.hit(f.id, f.score, terms) ?? []);
      return { query, hits, mode: vector.ids ? 'hybrid' : 'lexical', notice: vector.notice, tookMs: performance.now() - started };
    },

    async getPassage({ chunkId, query }) {
      const terms = query ? parseQuery(query, store.analyzer).terms : new Set<string>();
      const hit = lexical.hit(chunkId, 0, terms);
      if (!hit) throw new AppError('not_found', 'Diese Fundstelle ist nicht mehr im Index (Dokument geändert oder entfernt).');
      const chunk = store.chunk(chunkId)!;
      const { before, after } = store.chunksAround(chunk, CONTEXT_CHUNKS);
      const pick = (c: { heading: string; text: string }) => ({ headingPath: headingPathOf(c.heading), text: c.text });
      const text = chunk.text.normalize('NFC');
      return { hit, text, highlights: highlightRanges(text, terms, store.analyzer), before: before.map(pick), after: after.map(pick) };
    },
  };
}

/** The best chunk of each section (same key: document + heading path) only, up to `limit`. */
function collapseSections<T extends { key: string | null }>(items: T[], limit: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    if (item.key === null || seen.has(item.key)) continue;
    seen.add(item.key);
    out.push(item);
    if (out.length === limit) break;
  }
  return out;
}
