import { describe, expect, it } from 'vitest';
import { NO_META, type SearchHit } from '../contract';
import { verifyCitations } from './citations';

const hit = (n: number): SearchHit => ({
  chunkId: 100 + n,
  documentId: n,
  path: `/akten/dok-${n}.txt`,
  title: `Dokument ${n}`,
  headingPath: [`§ ${n}`],
  lineStart: n,
  lineEnd: n + 2,
  page: null,
  kind: 'txt',
  role: 'body',
  meta: NO_META,
  score: 1,
  snippet: '',
  highlights: [],
});
const sources = [hit(1), hit(2), hit(3)];

describe('verifyCitations', () => {
  it('maps every [n] to the n-th source, in order of first citation', () => {
    const result = verifyCitations('Der Verlust ist anzuzeigen [2]. Die Frist beträgt zwei Wochen [1][2].', sources);
    expect(result.citations.map((c) => [c.n, c.chunkId, c.path, c.lineStart])).toEqual([
      [2, 102, '/akten/dok-2.txt', 2],
      [1, 101, '/akten/dok-1.txt', 1],
    ]);
    expect(result.verified).toBe(true);
    expect(result.removed).toEqual([]);
    expect(result.answer).toBe('Der Verlust ist anzuzeigen [2]. Die Frist beträgt zwei Wochen [1][2].');
  });

  it('reads lists, ranges and "Quelle n"', () => {
    const result = verifyCitations('A [1, 3]. B [1–2]. C [Quelle 3].', sources);
    expect(result.citations.map((c) => c.n)).toEqual([1, 3, 2]);
    expect(result.answer).toBe('A [1][3]. B [1][2]. C [3].');
  });

  it('removes and reports a citation of a source that was not given', () => {
    const result = verifyCitations('Das steht in der Satzung [7]. Und hier [2, 9].', sources);
    expect(result.removed).toEqual([7, 9]);
    expect(result.answer).toBe('Das steht in der Satzung. Und hier [2].');
    expect(result.citations.map((c) => c.n)).toEqual([2]);
    expect(result.verified).toBe(false);
  });

  it('an answer without any citation is not verified', () => {
    const result = verifyCitations('Das ist so geregelt.', sources);
    expect(result).toMatchObject({ verified: false, citations: [], removed: [] });
  });

  it('leaves other bracketed text alone', () => {
    const result = verifyCitations('Siehe Anlage [A] und [Hinweis] [1].', sources);
    expect(result.answer).toBe('Siehe Anlage [A] und [Hinweis] [1].');
  });
});
