import { ownHeading } from '../contract';
import type { Core } from '../core';
import { hitPlace } from './hit-json';
import type { CliIo } from './io';

/** `stadtschreiber search "<query>" [--json] [--limit N]`. */
export async function searchCommand(core: Core, words: string[], options: { json: boolean; limit: string | undefined }, io: CliIo): Promise<number> {
  const query = words.join(' ').trim();
  if (!query) {
    io.stderr('Fehler: Bitte eine Suchanfrage angeben: stadtschreiber search "<Anfrage>"\n');
    return 2;
  }
  const limit = options.limit === undefined ? 10 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    io.stderr('Fehler: --limit erwartet eine ganze Zahl von 1 bis 100.\n');
    return 2;
  }
  const result = await core.search({ query, limit });
  if (options.json) {
    const hits = result.hits.map((h) => ({ ...hitPlace(h), score: h.score, snippet: h.snippet, kind: h.kind, chunkId: h.chunkId, role: h.role, meta: h.meta }));
    io.stdout(JSON.stringify(hits, null, 2) + '\n');
    return 0;
  }
  if (result.hits.length === 0) {
    io.stdout('Keine Treffer.\n');
    return 0;
  }
  result.hits.forEach((h, i) => {
    const where = h.page ? `Seite ${h.page}` : h.lineStart ? `Zeilen ${h.lineStart}–${h.lineEnd}` : '';
    io.stdout(`${i + 1}. ${h.title}${h.headingPath.length ? ` › ${ownHeading(h.headingPath)}` : ''}\n   ${h.path}${where ? ` (${where})` : ''}\n   ${h.snippet}\n\n`);
  });
  return 0;
}

