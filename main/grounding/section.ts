import type { ChunkRow } from '../index/index-store';

/** What the index gives for assembling a section: a chunk, and its neighbours in the document. */
export interface SectionStore {
  chunk(id: number): ChunkRow | undefined;
  chunksAround(chunk: ChunkRow, around: number): { before: ChunkRow[]; after: ChunkRow[] };
}

interface SectionText {
  text: string;
  /** Lines of the whole passage (text formats), to cite it exactly. */
  lineStart: number | null;
  lineEnd: number | null;
  /** The chunks the passage is made of. */
  chunkIds: number[];
}

/** A § split into more chunks than this is not looked at beyond them. */
const SECTION_REACH = 12;

/**
 * A hit's whole section (the chunks of its document with the same heading
 * path, in order), when it fits in `maxChars`; otherwise the hit's chunk
 * with as many of its section's neighbours as fit, nearest first. A long §
 * is several chunks and search returns the best one; the model needs the
 * rest too (the Abs. with the amount may be in the next chunk). The
 * paragraph that consecutive chunks share (the chunker's overlap) appears
 * once.
 */
export function sectionText(store: SectionStore, chunkId: number, maxChars: number): SectionText | null {
  const chunk = store.chunk(chunkId);
  if (!chunk) return null;
  const { before, after } = store.chunksAround(chunk, SECTION_REACH);
  const same = (c: ChunkRow) => c.heading === chunk.heading;
  const earlier: ChunkRow[] = [];
  for (let i = before.length - 1; i >= 0 && same(before[i]!) && before[i]!.ord === chunk.ord - earlier.length - 1; i--) earlier.unshift(before[i]!);
  const later: ChunkRow[] = [];
  for (const c of after) {
    if (!same(c) || c.ord !== chunk.ord + later.length + 1) break;
    later.push(c);
  }
  const parts = [chunk];
  let size = chunk.text.length;
  // Nearest neighbours first, alternating after and before; a side stops at the first that does not fit.
  let forward = true;
  let backward = true;
  for (let i = 0; (forward && i < later.length) || (backward && i < earlier.length); i++) {
    const next = later[i];
    if (forward && next) {
      if (size + next.text.length <= maxChars) {
        parts.push(next);
        size += next.text.length;
      } else forward = false;
    }
    const prev = earlier[earlier.length - 1 - i];
    if (backward && prev) {
      if (size + prev.text.length <= maxChars) {
        parts.unshift(prev);
        size += prev.text.length;
      } else backward = false;
    }
  }
  const run = parts;
  const text = run.reduce((joined, c) => (joined ? joinOverlapping(joined, c.text) : c.text), '');
  return {
    text,
    lineStart: run[0]!.line_start,
    lineEnd: run.at(-1)!.line_end,
    chunkIds: run.map((c) => c.id),
  };
}

/** Joins two consecutive chunks; a paragraph the second repeats from the end of the first is dropped. */
export function joinOverlapping(first: string, second: string): string {
  const lastParagraph = first.slice(first.lastIndexOf('\n\n') + 2);
  const rest = lastParagraph && second.startsWith(lastParagraph) ? second.slice(lastParagraph.length).replace(/^\s+/, '') : second;
  return rest ? `${first}\n\n${rest}` : first;
}
