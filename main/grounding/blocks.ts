import type { SearchHit } from '../contract';

/**
 * A numbered source as the model sees it. Every call that asks the model
 * with sources quotes them through `quoteSource`: document text only ever
 * appears inside a <quelle> block, from which it cannot break out.
 */
export interface PromptSource {
  n: number;
  hit: SearchHit;
  /** The passage's text: a whole § where it fits, possibly shortened to fit the context. */
  text: string;
}

/** Where the passage is, as a clerk cites it. */
export function locationLabel(hit: Pick<SearchHit, 'heading' | 'page' | 'lineStart' | 'lineEnd'>): string {
  const where = hit.page ? `Seite ${hit.page}` : hit.lineStart ? `Zeilen ${hit.lineStart}–${hit.lineEnd ?? hit.lineStart}` : '';
  return [hit.heading, where].filter(Boolean).join(', ');
}

/** Attribute values and text cannot open or close a source block. */
const neutralise = (text: string) => text.replace(/<(\/?)\s*quelle/gi, '‹$1quelle').replace(/"/g, '″');

export function quoteSource(source: PromptSource): string {
  const { hit } = source;
  const attrs = [`nr="${source.n}"`, `dokument="${neutralise(hit.title)}"`, `fundstelle="${neutralise(locationLabel(hit))}"`];
  // The model should know which version applies; a superseded one is said so.
  if (hit.meta?.validity === 'superseded') attrs.push('fassung="außer Kraft (Altfassung)"');
  return `<quelle ${attrs.join(' ')}>\n${neutralise(source.text).trim()}\n</quelle>`;
}
