import { describe, expect, it } from 'vitest';
import { Analyzer, countWords } from './analyze';
import { splitCompound } from './decompound';
import { fold, tokenize } from './normalise';

const vocab = (entries: Record<string, number>) => ({ freq: (w: string) => entries[w] ?? 0 });

describe('normalisation', () => {
  it('folds case, ß and umlauts, and applies NFKC', () => {
    expect(fold('Straße')).toBe('strasse');
    expect(fold('ÄNDERUNGSBESCHEID')).toBe('anderungsbescheid');
    expect(fold('Ｍüller')).toBe('muller'); // full-width M (NFKC)
    expect(fold('e\u0301')).toBe('e');
  });

  it('splits on hyphens, slashes and punctuation and keeps offsets into the text', () => {
    const tokens = tokenize('Melde-Register, § 27/Abs. 1');
    expect(tokens.map((t) => t.word)).toEqual(['melde', 'register', '27', 'abs', '1']);
    expect('Melde-Register, § 27/Abs. 1'.slice(tokens[1]!.start, tokens[1]!.end)).toBe('Register');
  });
});

describe('splitCompound', () => {
  const v = vocab({ bau: 40, genehmigung: 30, verfahren: 50, hund: 5, hunde: 8, steuer: 20, personal: 6, ausweis: 90, staat: 10, angehorigkeit: 12, ordnung: 9, widrigkeit: 3 });

  it.each([
    ['baugenehmigungsverfahren', ['bau', 'genehmigung', 'verfahren']],
    ['hundesteuer', ['hunde', 'steuer']],
    ['personalausweis', ['personal', 'ausweis']],
    ['staatsangehorigkeit', ['staat', 'angehorigkeit']],
    ['ordnungswidrigkeit', ['ordnung', 'widrigkeit']],
  ])('%s → %j', (word, parts) => {
    expect(splitCompound(word, v)).toEqual(parts);
  });

  it('leaves words alone that are not made of known words', () => {
    expect(splitCompound('beteiligter', v)).toEqual([]);
    expect(splitCompound('unverzuglich', v)).toEqual([]);
    expect(splitCompound('steuer', v)).toEqual([]); // too short to be a compound
  });

  it('ignores parts that are rare or stopwords', () => {
    expect(splitCompound('hundesteuer', vocab({ hunde: 1, steuer: 20 }))).toEqual([]);
    expect(splitCompound('ausnahmen', vocab({ aus: 100, nahmen: 5 }))).toEqual([]);
  });
});

describe('Analyzer', () => {
  const analyzer = new Analyzer(vocab({ hund: 5, hunde: 8, steuer: 20, bau: 40, genehmigung: 30, verfahren: 50 }));
  const terms = (text: string) => new Set(analyzer.analyze(text).flatMap((t) => t.terms));

  it('lets "Hundesteuer" and "Steuer für Hunde" meet', () => {
    const compound = terms('Hundesteuer');
    const phrase = terms('Steuer für Hunde');
    expect([...phrase].every((t) => compound.has(t))).toBe(true);
  });

  it('lets "Genehmigung" find "Baugenehmigungsverfahren"', () => {
    const doc = terms('Das Baugenehmigungsverfahren dauert.');
    for (const t of terms('Genehmigungen')) expect(doc.has(t)).toBe(true);
  });

  it('drops stopwords and stems inflections', () => {
    expect(analyzer.analyze('Muss ich den Verlust meines Ausweises melden?').map((t) => t.terms[0])).toEqual(['verlust', 'ausweis', 'meld']);
  });
});

describe('countWords', () => {
  it('counts folded content words and numbers, not stopwords', () => {
    expect(Object.fromEntries(countWords("Die Steuer, die Steuer und 2021 Hunde"))).toEqual({ steuer: 2, 2021: 1, hunde: 1 });
  });
});

describe('Analyzer.refresher', () => {
  it('tells which words split differently after the vocabulary grew', () => {
    const counts: Record<string, number> = { steuer: 20 };
    const analyzer = new Analyzer({ freq: (w) => counts[w] ?? 0 });
    expect(analyzer.termsOf('hundesteuer')).toEqual(['hundesteu']);
    analyzer.termsOf('steuer');
    counts.hunde = 8; // a later document taught the index "Hunde"
    const changed = analyzer.refresher();
    expect(changed('hundesteuer')).toBe(true);
    expect(changed('steuer')).toBe(false);
    expect(analyzer.termsOf('hundesteuer')).toEqual(['hundesteu', 'hund', 'steu']);
  });
});
