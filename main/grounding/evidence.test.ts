import { describe, expect, it } from 'vitest';
import { Analyzer } from '../analysis/analyze';
import { parseQuery } from '../search/query';
import { evidenceOf, LOWER_CASE_WEIGHT, questionWords, RELATED_CREDIT, type TermStatistics } from './evidence';

const analyzer = new Analyzer({ freq: (w: string) => ({ hund: 50, steuer: 80, hundesteuer: 5 })[w] ?? 0 });
/** A small index: "stadt" is everywhere, "hund" in a few chunks, "zwinger" in one, "radolfzell" in none. */
const DF: Record<string, number> = { stadt: 900, hund: 40, steu: 60, zwing: 1, hundesteu: 5, gebuhr: 100 };
const stats: TermStatistics = {
  parse: (q) => parseQuery(q, analyzer),
  documentFrequency: (t) => DF[t] ?? 0,
  chunkCount: 1000,
};

describe('questionWords', () => {
  it('weighs a rare word more than a common one, and a word the index lacks most', () => {
    const words = questionWords('Stadt Hund Zwinger Radolfzell', stats);
    const weight = Object.fromEntries(words.map((w) => [w.written, w.weight]));
    expect(weight.Stadt!).toBeLessThan(weight.Hund!);
    expect(weight.Hund!).toBeLessThan(weight.Zwinger!);
    expect(weight.Zwinger!).toBeLessThan(weight.Radolfzell!);
    expect(words.find((w) => w.written === 'Radolfzell')!.known).toBe(false);
  });

  it('leaves out the frame of a question', () => {
    expect(questionWords('Wie lange muss ich die Hundesteuer zahlen?', stats).map((w) => w.written)).toEqual(['Hundesteuer']);
  });
});

describe('evidenceOf', () => {
  it('is the share of the question\'s weight a passage covers, and lists what it lacks, heaviest first', () => {
    const words = questionWords('Hund Zwinger Radolfzell', stats);
    const evidence = evidenceOf(words, 'Für einen Hund im Zwinger gilt die Zwingersteuer.', analyzer);
    const total = words.reduce((s, w) => s + w.weight, 0);
    const radolfzell = words.find((w) => w.written === 'Radolfzell')!;
    expect(evidence.coverage).toBeCloseTo(1 - radolfzell.weight / total, 5);
    expect(evidence.missing.map((w) => w.written)).toEqual(['Radolfzell']);
    expect(evidenceOf(words, 'Nichts davon.', analyzer)).toMatchObject({ coverage: 0 });
  });

  it('credits a passage with only a part of a compound less than one with the word itself', () => {
    const words = questionWords('Hundesteuer', stats);
    expect(evidenceOf(words, 'Die Hundesteuer wird erhoben.', analyzer).coverage).toBe(1);
    expect(evidenceOf(words, 'Für jeden Hund.', analyzer).coverage).toBeCloseTo(RELATED_CREDIT, 5);
  });
});

describe('what a word weighs', () => {
  it('weighs a lower-case word (a verb, an adjective) less than a noun of the same rarity', () => {
    const [noun] = questionWords('Zwinger', stats);
    const [verb] = questionWords('zwingen', { ...stats, documentFrequency: (t) => (t === 'zwing' ? 1 : 0) });
    expect(verb!.weight).toBeCloseTo(noun!.weight * LOWER_CASE_WEIGHT, 5);
  });

  it('covers a compound fully when the passage has all its parts, whatever the linking letter', () => {
    const split = new Analyzer({ freq: (w: string) => ({ verpackung: 9, steuer: 9 })[w] ?? 0 });
    const words = questionWords('Verpackungssteuer', { ...stats, parse: (q) => parseQuery(q, split) });
    expect(words[0]!.parts.length).toBeGreaterThan(1);
    expect(evidenceOf(words, 'Die Verpackungsteuer wird auf Einwegverpackungen erhoben; die Steuer trägt der Verkäufer.', split).coverage).toBe(1);
  });
});
