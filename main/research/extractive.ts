import type { ExtractivePassage, SearchHit } from '../contract';
import type { Analyzer } from '../search/analyze';
import { parseQuery } from '../search/query';

/** Abbreviations after which a full stop does not end a sentence (German legal and office text). */
const ABBREVIATIONS = /(?:\b(?:Abs|Nr|Art|Satz|S|Ziff|lit|bzw|ggf|vgl|z|B|u|a|d|h|o|Buchst|Anl|Tel|Dr|Str|ca|usw|sog|gem|i|V|m|inkl|zzgl|evtl|max|min|Mio|Mrd|Ver)\.|\d\.)$/;

/** [start, end) of the sentences of a text; list items and lines count as sentences too. */
export function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim()) out.push([start + lead, end - trail]);
  };
  const boundary = /([.!?])(\s+)|\n\s*\n|\n(?=\s*(?:[-•*]|\(?\d+\)|\d+\.)\s)/g;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + (match[1] ? 1 : 0);
    if (match[1] && ABBREVIATIONS.test(text.slice(Math.max(0, end - 8), end))) continue;
    push(end);
    start = match.index + match[0].length;
  }
  push(text.length);
  return out;
}

/**
 * The answer without a language model: the best passages, each with the
 * sentences that contain most of the question's words marked, and a text
 * that quotes those sentences with their source number.
 */
export function extractiveAnswer(question: string, passages: { hit: SearchHit; text: string }[], analyzer: Analyzer): { answer: string; extract: ExtractivePassage[] } {
  const { groups } = parseQuery(question, analyzer);
  const extract: ExtractivePassage[] = passages.map(({ hit, text }, i) => {
    const normalised = text.normalize('NFC');
    const scored = sentenceRanges(normalised).map((range) => {
      const terms = new Set(analyzer.analyze(normalised.slice(range[0], range[1])).flatMap((t) => t.terms));
      return { range, score: groups.filter((g) => g.some((term) => terms.has(term))).length };
    });
    const best = Math.max(0, ...scored.map((s) => s.score));
    const marked = best === 0 ? [] : scored.filter((s) => s.score >= Math.max(1, Math.ceil(best / 2))).map((s) => s.range);
    return { n: i + 1, hit, text: normalised, highlights: marked };
  });
  const answer = extract
    .map((p) => {
      const quoted = p.highlights.slice(0, 3).map(([s, e]) => p.text.slice(s, e).replace(/\s+/g, ' '));
      const where = [p.hit.title, p.hit.heading.split(' › ').pop()].filter(Boolean).join(', ');
      return `${where}: „${(quoted.length ? quoted : [p.text.slice(0, 300).replace(/\s+/g, ' ')]).join(' … ')}“ [${p.n}]`;
    })
    .join('\n\n');
  return { answer, extract };
}
