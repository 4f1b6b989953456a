import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk';
import type { Block } from './types';

const doc = (blocks: Block[]) => ({ title: 'T', blocks });

describe('chunkDocument', () => {
  it('keeps "§ 28 Anhörung Beteiligter" with its text and its heading path, from the heading line on', () => {
    const chunks = chunkDocument(
      doc([
        { kind: 'heading', level: 1, text: 'Verwaltungsverfahrensgesetz', lineStart: 1, lineEnd: 1 },
        { kind: 'heading', level: 2, text: 'Teil III Verwaltungsverfahren', lineStart: 3, lineEnd: 3 },
        { kind: 'heading', level: 4, text: '§ 28 Anhörung Beteiligter', lineStart: 5, lineEnd: 5 },
        { kind: 'text', text: '(1) Bevor ein Verwaltungsakt erlassen wird, …', lineStart: 7, lineEnd: 8 },
        { kind: 'text', text: '(2) Von der Anhörung kann abgesehen werden, …', lineStart: 10, lineEnd: 12 },
        { kind: 'heading', level: 4, text: '§ 29 Akteneinsicht durch Beteiligte', lineStart: 14, lineEnd: 14 },
        { kind: 'text', text: '(1) Die Behörde hat den Beteiligten Einsicht … zu gestatten.', lineStart: 16, lineEnd: 16 },
      ]),
    );
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toEqual({
      heading: 'Verwaltungsverfahrensgesetz › Teil III Verwaltungsverfahren › § 28 Anhörung Beteiligter',
      text: '(1) Bevor ein Verwaltungsakt erlassen wird, …\n\n(2) Von der Anhörung kann abgesehen werden, …',
      role: 'body',
      lineStart: 5,
      lineEnd: 12,
    });
    expect(chunks[1]!.heading).toBe('Verwaltungsverfahrensgesetz › Teil III Verwaltungsverfahren › § 29 Akteneinsicht durch Beteiligte');
  });

  it('splits a long section on paragraph boundaries and repeats a short paragraph as overlap', () => {
    const para = (n: number, len: number, line: number): Block => ({ kind: 'text', text: `(${n}) ` + 'Wort '.repeat(len / 5), lineStart: line, lineEnd: line });
    const chunks = chunkDocument(doc([{ kind: 'heading', level: 2, text: '§ 9 Lang', lineStart: 1 }, para(1, 900, 2), para(2, 200, 3), para(3, 900, 4), para(4, 900, 5)]), {
      maxChars: 1500,
      overlapChars: 300,
    });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.heading === '§ 9 Lang')).toBe(true);
    expect(chunks[0]).toMatchObject({ lineStart: 1, lineEnd: 3 });
    // (2) is short, so it starts the next chunk again.
    expect(chunks[1]!.text.startsWith('(2)')).toBe(true);
    expect(chunks[1]).toMatchObject({ lineStart: 3 });
  });

  it('cuts an over-long paragraph at sentence ends and counts its lines exactly', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `Satz ${i + 1} ist ein vollständiger Satz mit Inhalt.`);
    const chunks = chunkDocument(doc([{ kind: 'text', text: lines.join('\n'), lineStart: 10, lineEnd: 49 }]), { maxChars: 500, overlapChars: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks[0]!.lineStart).toBe(10);
    expect(chunks.at(-1)!.lineEnd).toBe(49);
    for (const c of chunks) {
      const first = Number(/Satz (\d+)/.exec(c.text)![1]);
      expect(c.lineStart).toBe(9 + first);
    }
  });

  it('never lets a PDF chunk span two pages', () => {
    const chunks = chunkDocument(
      doc([
        { kind: 'heading', level: 3, text: '§ 3 Steuersatz', page: 1 },
        { kind: 'text', text: 'Die Steuer beträgt 90 Euro.', page: 1 },
        { kind: 'text', text: 'Für den zweiten Hund 120 Euro.', page: 2 },
      ]),
    );
    expect(chunks.map((c) => [c.page, c.heading])).toEqual([
      [1, '§ 3 Steuersatz'],
      [2, '§ 3 Steuersatz'],
    ]);
  });

  it('makes no chunk for a heading without text', () => {
    expect(chunkDocument(doc([{ kind: 'heading', level: 2, text: 'Abschnitt 1' }, { kind: 'heading', level: 3, text: '§ 1 (weggefallen)' }]))).toEqual([]);
  });
});
