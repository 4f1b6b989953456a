import { ownHeading, type ExtractivePassage, type SearchHit } from '../contract';
import type { Analyzer } from '../analysis/analyze';
import { sentenceRanges } from '../grounding/sentences';
import { parseQuery } from '../search/query';

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
      const terms = analyzer.termsIn(normalised.slice(range[0], range[1]));
      return { range, score: groups.filter((g) => g.some((term) => terms.has(term))).length };
    });
    const best = Math.max(0, ...scored.map((s) => s.score));
    const marked = best === 0 ? [] : scored.filter((s) => s.score >= Math.max(1, Math.ceil(best / 2))).map((s) => s.range);
    return { n: i + 1, hit, text: normalised, highlights: marked };
  });
  const answer = extract
    .map((p) => {
      const quoted = p.highlights.slice(0, 3).map(([s, e]) => p.text.slice(s, e).replace(/\s+/g, ' '));
      const where = [p.hit.title, ownHeading(p.hit.headingPath)].filter(Boolean).join(', ');
      return `${where}: „${(quoted.length ? quoted : [p.text.slice(0, 300).replace(/\s+/g, ' ')]).join(' … ')}“ [${p.n}]`;
    })
    .join('\n\n');
  return { answer, extract };
}
