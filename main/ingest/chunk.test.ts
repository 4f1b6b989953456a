import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument, DEFAULT_CHUNKING } from './chunk';
import { type Chunk } from '../index/chunk-row';
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

describe('chunkDocument on one very long line', () => {
  // 4 MB on line 4: sentences, then words without a full stop, then characters without a blank.
  const sentences = Array.from({ length: 60_000 }, (_, i) => `Satz ${i} sagt, was die Gemeinde ${i % 7 === 0 ? 'nach § 5 der Satzung' : 'hier'} regelt.`).join(' ');
  const words = Array.from({ length: 120_000 }, (_, i) => `wort${i}`).join(' ');
  const noBlanks = 'x'.repeat(200_000) + '😀'.repeat(50_000);
  const line = `${sentences} ${words} ${noBlanks}`;
  const first = `Erster Absatz. ${'Ein Satz des ersten Absatzes. '.repeat(33)}`.trim();
  const before = 'Kurzer Absatz davor.';
  const after = 'Kurzer Absatz danach.';
  const options = DEFAULT_CHUNKING;
  let chunks: Chunk[] = [];
  /** The chunks' texts with the overlap (a whole paragraph repeated from the chunk before) taken off again. */
  let own: string[] = [];
  beforeAll(() => {
    chunks = chunkDocument(
      doc([
        { kind: 'heading', level: 1, text: '§ 1 Lang', lineStart: 1, lineEnd: 1 },
        { kind: 'text', text: first, lineStart: 2, lineEnd: 2 },
        { kind: 'text', text: before, lineStart: 3, lineEnd: 3 },
        { kind: 'text', text: line, lineStart: 4, lineEnd: 4 },
        { kind: 'text', text: after, lineStart: 5, lineEnd: 5 },
      ]),
    );
    own = chunks.map((c, i) => {
      const previous = chunks[i - 1]?.text;
      const lastParagraph = previous?.slice(previous.lastIndexOf('\n\n') + 2);
      return lastParagraph && c.text.startsWith(`${lastParagraph}\n\n`) ? c.text.slice(lastParagraph.length + 2) : c.text;
    });
  }, 60_000);

  it('loses no character and repeats none but the overlap', () => {
    expect(line.length).toBeGreaterThan(4_000_000);
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    expect(squeeze(own.join(''))).toBe(squeeze(first + before + line + after));
  });

  it('keeps every chunk within the limit (plus the one short paragraph of overlap)', () => {
    for (const [i, c] of chunks.entries()) {
      expect(own[i]!.length).toBeLessThanOrEqual(options.maxChars);
      expect(c.text.length).toBeLessThanOrEqual(options.maxChars + options.overlapChars + 2);
      expect(c.text).toBe(c.text.trim());
    }
    // Pieces of the long line are no shorter than half the limit (except its last).
    const pieces = own.slice(1, -1);
    expect(pieces.every((p) => p.length > options.maxChars / 2)).toBe(true);
  });

  it('repeats the short paragraph before the line at the start of the next chunk', () => {
    expect(chunks[0]!.text).toBe(`${first}\n\n${before}`);
    expect(chunks[1]!.text.startsWith(`${before}\n\nSatz 0 sagt`)).toBe(true);
    // The short paragraph after the line joins its last piece.
    expect(chunks.at(-1)!.text.endsWith(`\n\n${after}`)).toBe(true);
  });

  it('cuts at sentence ends, else between words, else hard but never inside a character', () => {
    const inSentences = own.filter((t) => t.startsWith('Satz') && !t.includes('wort'));
    expect(inSentences.length).toBeGreaterThan(1000);
    expect(inSentences.every((t) => /^Satz \d+ sagt\b/.test(t) && t.endsWith('regelt.'))).toBe(true);
    const inWords = own.filter((t) => t.startsWith('wort') && !t.includes('x'));
    expect(inWords.length).toBeGreaterThan(100);
    expect(inWords.every((t) => /^(wort\d+ )+wort\d+$/.test(t))).toBe(true);
    const wordsSeen = inWords.join(' ').split(' ');
    expect(new Set(wordsSeen).size).toBe(wordsSeen.length);
    const hard = own.filter((t) => /^[x😀]+$/u.test(t));
    expect(hard.length).toBeGreaterThan(100);
    for (const t of hard) expect(t).toBe([...t].join(''));
    expect(hard.every((t) => !/[\ud800-\udbff]$/.test(t) && !/^[\udc00-\udfff]/.test(t))).toBe(true);
  });

  it('gives every piece of the line its line, and the heading its own', () => {
    expect(chunks[0]).toMatchObject({ heading: '§ 1 Lang', lineStart: 1, lineEnd: 3 });
    expect(chunks[1]).toMatchObject({ heading: '§ 1 Lang', lineStart: 3, lineEnd: 4 });
    expect(chunks.slice(2, -1).every((c) => c.heading === '§ 1 Lang' && c.lineStart === 4 && c.lineEnd === 4)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ lineStart: 4, lineEnd: 5 });
  });
});

describe('chunkDocument line counts in a long paragraph of many lines', () => {
  it('counts the lines of pieces cut mid-line and at line breaks alike', () => {
    // 3,000 lines of 100 to 900 characters: pieces end at line breaks, sentence ends and blanks.
    const lines = Array.from({ length: 3000 }, (_, i) => `Zeile ${i + 1}: ${'Inhalt der Zeile. '.repeat(5 + (i % 45))}`.trim());
    const text = lines.join('\n');
    const chunks = chunkDocument(doc([{ kind: 'text', text, lineStart: 7, lineEnd: 3006 }]), { maxChars: 1000, overlapChars: 0 });
    const offsets: number[] = [];
    let at = 0;
    for (const c of chunks) {
      at = text.indexOf(c.text, at);
      expect(at).toBeGreaterThanOrEqual(0);
      offsets.push(at);
      at += c.text.length;
    }
    const lineOf = (offset: number) => 7 + text.slice(0, offset).split('\n').length - 1;
    chunks.forEach((c, i) => {
      expect(c.lineStart).toBe(lineOf(offsets[i]!));
      expect(c.lineEnd).toBe(lineOf(offsets[i]! + c.text.length - 1));
    });
    expect(chunks.at(-1)!.lineEnd).toBe(3006);
  });
});
