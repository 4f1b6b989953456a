import type { Citation, SearchHit } from '../contract';

interface VerifiedAnswer {
  /** The answer with citations of sources that were not given taken out. */
  answer: string;
  citations: Citation[];
  removed: number[];
  /** Every citation maps to a given source, and there is at least one. */
  verified: boolean;
}

/** [1], [1, 2], [1; 3], [1-2] / [1–3] (ranges), also with "Quelle": [Quelle 2]. */
export const CITATION = /\[(?:Quellen?\s*)?(\d{1,3}(?:\s*(?:[,;]|[-–]|und)\s*\d{1,3})*)\]/gi;

/** The source numbers of one citation's list ("1, 2", "1–3", "2 und 4"), in order. */
export function numbersIn(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(/\s*(?:[,;]|und)\s*/)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let n = from; n <= Math.min(to, from + 20); n++) out.push(n);
    } else if (/^\d+$/.test(part)) out.push(Number(part));
  }
  return out;
}

function citationOf(n: number, hit: SearchHit): Citation {
  const { chunkId, documentId, path, title, headingPath, lineStart, lineEnd, page } = hit;
  return { n, chunkId, documentId, path, title, headingPath: [...headingPath], lineStart, lineEnd, page };
}

/**
 * Maps each [n] of the model's answer to the n-th source. A number that was
 * not given is removed from the text and reported, so that the clerk never
 * sees a reference that leads nowhere.
 */
export function verifyCitations(text: string, sources: SearchHit[]): VerifiedAnswer {
  const cited = new Map<number, Citation>();
  const removed = new Set<number>();
  const answer = text
    .replace(CITATION, (_whole, list: string) => {
      const valid: number[] = [];
      for (const n of numbersIn(list)) {
        const hit = sources[n - 1];
        if (n >= 1 && hit) {
          if (!valid.includes(n)) valid.push(n);
          if (!cited.has(n)) cited.set(n, citationOf(n, hit));
        } else removed.add(n);
      }
      return valid.map((n) => `[${n}]`).join('');
    })
    // Where a whole citation was removed, no double space or space before punctuation remains.
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  return { answer, citations: [...cited.values()], removed: [...removed].sort((a, b) => a - b), verified: removed.size === 0 && cited.size > 0 };
}
