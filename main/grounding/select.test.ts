import { describe, expect, it } from 'vitest';
import { NO_META, type ChunkRole, type SearchHit } from '../contract';
import type { ChunkRow } from '../index/index-store';
import { groupByDocument, selectSources, type Candidate, type SelectionRule } from './select';
import { coverageNeeded, RULES } from './ground';
import { joinOverlapping, sectionText, type SectionStore } from './section';

const hit = (chunkId: number, documentId: number, score: number, role: ChunkRole = 'body'): SearchHit => ({
  chunkId,
  documentId,
  path: `/d/${documentId}.md`,
  title: `Dok ${documentId}`,
  headingPath: [`§ ${chunkId}`],
  lineStart: 1,
  lineEnd: 2,
  page: null,
  kind: 'md',
  role,
  meta: NO_META,
  score,
  snippet: '',
  highlights: [],
});
const candidate = (h: SearchHit, coverage: number): Candidate => ({ hit: h, text: '', evidence: { coverage, missing: [] } });
const RULE: SelectionRule = { maxSources: 3, minCoverage: 0.45, relativeCoverage: 0.5, relativeScore: 0.3 };
const ids = (list: Candidate[]) => list.map((c) => c.hit.chunkId);

describe('selectSources', () => {
  it('chooses nothing when no passage covers enough of the question', () => {
    expect(selectSources([candidate(hit(1, 1, 10), 0.44), candidate(hit(2, 1, 9), 0.3)], RULE)).toEqual([]);
  });

  it('never chooses a table of contents, front matter or a preamble, however well it covers the question', () => {
    const chosen = selectSources([candidate(hit(1, 1, 20, 'toc'), 1), candidate(hit(2, 1, 19, 'preamble'), 1), candidate(hit(3, 1, 5), 0.6)], RULE);
    expect(ids(chosen)).toEqual([3]);
  });

  it('makes the best-ranked passage that covers enough source [1], and stops at the long tail of scores', () => {
    const chosen = selectSources([candidate(hit(1, 1, 20), 0.2), candidate(hit(2, 2, 18), 0.9), candidate(hit(3, 3, 10), 0.6), candidate(hit(4, 4, 4), 0.9)], RULE);
    // 4 scores below 0.3 of source [1]'s 18; 1 covers less than half of what the best covers.
    expect(ids(chosen)).toEqual([2, 3]);
  });

  it('takes at most maxSources', () => {
    const many = Array.from({ length: 6 }, (_, i) => candidate(hit(i + 1, i + 1, 20 - i), 0.8));
    expect(selectSources(many, RULE)).toHaveLength(3);
  });

  it('puts the sources of one document next to each other, the document of [1] first', () => {
    const chosen = selectSources([candidate(hit(1, 7, 20), 0.8), candidate(hit(2, 8, 19), 0.8), candidate(hit(3, 7, 18), 0.8)], RULE);
    expect(ids(chosen)).toEqual([1, 3, 2]);
    expect(ids(groupByDocument([candidate(hit(5, 2, 1), 1), candidate(hit(6, 1, 1), 1), candidate(hit(7, 2, 1), 1)]))).toEqual([5, 7, 6]);
  });
});

const row = (id: number, ord: number, heading: string, text: string): ChunkRow => ({ id, document_id: 1, ord, heading, text, line_start: ord * 10, line_end: ord * 10 + 9, page: null }) as ChunkRow;

function store(rows: ChunkRow[]): SectionStore {
  return {
    chunk: (id) => rows.find((r) => r.id === id),
    chunksAround: (c, around) => ({
      before: rows.filter((r) => r.ord < c.ord && r.ord >= c.ord - around),
      after: rows.filter((r) => r.ord > c.ord && r.ord <= c.ord + around),
    }),
  };
}

describe('sectionText', () => {
  // § 5 is three chunks; the chunker repeats a chunk's last paragraph at the start of the next.
  const rows = [
    row(1, 0, '§ 4 Frist', 'Die Frist beträgt einen Monat.'),
    row(2, 1, '§ 5 Steuersatz', '(1) Die Steuer beträgt 108 Euro.\n\n(2) Für jeden weiteren Hund 216 Euro.'),
    row(3, 2, '§ 5 Steuersatz', '(2) Für jeden weiteren Hund 216 Euro.\n\n(3) Für einen Kampfhund 612 Euro.'),
    row(4, 3, '§ 5 Steuersatz', '(4) Die Zwingersteuer beträgt das Dreifache.'),
    row(5, 4, '§ 6 Befreiung', 'Befreit sind Blindenführhunde.'),
  ];

  it('gives the whole § for a hit in any of its chunks, each repeated paragraph once, with the lines of the whole', () => {
    const whole = sectionText(store(rows), 3, 4000)!;
    expect(whole.chunkIds).toEqual([2, 3, 4]);
    expect(whole.text).toBe('(1) Die Steuer beträgt 108 Euro.\n\n(2) Für jeden weiteren Hund 216 Euro.\n\n(3) Für einen Kampfhund 612 Euro.\n\n(4) Die Zwingersteuer beträgt das Dreifache.');
    expect(whole).toMatchObject({ lineStart: 10, lineEnd: 39 });
  });

  it('keeps the hit and its nearest neighbours when the whole § is too long', () => {
    const part = sectionText(store(rows), 3, rows[2]!.text.length + rows[3]!.text.length)!;
    expect(part.chunkIds).toEqual([3, 4]);
    expect(sectionText(store(rows), 3, 10)!.chunkIds).toEqual([3]);
  });

  it('is null for a chunk that is gone', () => {
    expect(sectionText(store(rows), 99, 4000)).toBeNull();
  });

  it('joins chunks without an overlap as they are', () => {
    expect(joinOverlapping('A.\n\nB.', 'C.')).toBe('A.\n\nB.\n\nC.');
    expect(joinOverlapping('A.\n\nB.', 'B.\n\nC.')).toBe('A.\n\nB.\n\nC.');
  });
});

describe('the coverage a question needs', () => {
  it('falls with the number of its content words for answers, and stays flat for drafts', () => {
    expect(coverageNeeded(RULES.answer, 1)).toBeCloseTo(0.64, 5);
    expect(coverageNeeded(RULES.answer, 3)).toBeCloseTo(0.64 - 0.1 * Math.log(3), 5);
    expect(coverageNeeded(RULES.answer, 8)).toBeLessThan(coverageNeeded(RULES.answer, 3));
    expect(coverageNeeded(RULES.answer, 0)).toBeCloseTo(0.64, 5);
    expect(coverageNeeded(RULES.draft, 30)).toBe(RULES.draft.minCoverage);
  });
});
