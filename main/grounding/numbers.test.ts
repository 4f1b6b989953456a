import { describe, expect, it } from 'vitest';
import { backs, canonical, extractQuantities, parseGermanNumber, parseNumberWord, parseOrdinalWord, passageKeys } from './numbers';

/** The quantities of a text as [kind, text]. */
const found = (text: string) => extractQuantities(text).map((q) => [q.kind, q.text]);

/** Whether every checked quantity of `claim` is backed by `passage`. */
const backed = (claim: string, passage: string) => {
  const keys = passageKeys(passage);
  const quantities = extractQuantities(claim).filter((q) => q.needs.length > 0);
  expect(quantities.length).toBeGreaterThan(0);
  return quantities.every((q) => backs(keys, q));
};

describe('parseGermanNumber', () => {
  it.each([
    ['7', 7],
    ['1.234', 1234],
    ['1.234,56', 1234.56],
    ['12.000.000', 12_000_000],
    ['60,00', 60],
    ['0,5', 0.5],
    ['1\u00a0234,5', 1234.5],
  ])('%s → %d', (written, value) => {
    expect(parseGermanNumber(written)).toBe(value);
  });

  it('writes values canonically', () => {
    expect(canonical(60)).toBe('60');
    expect(canonical(60.5)).toBe('60.5');
    expect(canonical(1234.56)).toBe('1234.56');
    expect(canonical(0.1 + 0.2)).toBe('0.3');
  });
});

describe('number words', () => {
  it.each([
    ['eins', 1],
    ['zwei', 2],
    ['funf', 5],
    ['zwolf', 12],
    ['vierzehn', 14],
    ['zwanzig', 20],
    ['dreissig', 30],
    ['einundzwanzig', 21],
    ['hundert', 100],
    ['einhundert', 100],
    ['zweihundertfunfzig', 250],
    ['tausend', 1000],
    ['dreitausendfunfhundert', 3500],
  ])('%s → %d', (word, value) => {
    expect(parseNumberWord(word)).toBe(value);
  });

  it('is not fooled by the article or other words', () => {
    for (const word of ['ein', 'eine', 'und', 'hunde', 'zweit', 'achtung', 'elfenbein', 'zehntel']) expect(parseNumberWord(word)).toBeNull();
  });

  it('reads ordinals from 2 on', () => {
    expect(parseOrdinalWord('zweiten')).toBe(2);
    expect(parseOrdinalWord('dritte')).toBe(3);
    expect(parseOrdinalWord('siebten')).toBe(7);
    expect(parseOrdinalWord('zwanzigsten')).toBe(20);
    expect(parseOrdinalWord('ersten')).toBeNull();
    expect(parseOrdinalWord('zweitens')).toBeNull();
  });
});

describe('extractQuantities', () => {
  it('finds amounts in every usual notation, as one value', () => {
    const text = '60 € · 60,00 € · 60 Euro · 60,- EUR · 60,– € · EUR 60 · € 60 · 60€';
    const quantities = extractQuantities(text);
    expect(quantities.map((q) => q.kind)).toEqual(Array(8).fill('amount'));
    expect(new Set(quantities.map((q) => q.provides[0]))).toEqual(new Set(['amount:60']));
  });

  it('reads thousands, decimals, cents, millions and amounts in words', () => {
    expect(extractQuantities('1.234,56 €')[0]!.provides).toContain('amount:1234.56');
    expect(extractQuantities('EUR 1.234,56')[0]!.provides).toContain('amount:1234.56');
    expect(extractQuantities('50 Cent')[0]!.provides).toContain('amount:0.5');
    expect(extractQuantities('1,5 Mio. Euro')[0]!.provides).toContain('amount:1500000');
    expect(extractQuantities('zwanzig Euro')[0]!.provides).toContain('amount:20');
  });

  it('finds percentages', () => {
    for (const text of ['10 %', '10%', '10 Prozent', '10 v. H.', 'zehn vom Hundert']) expect(extractQuantities(text)[0]!.provides).toContain('percent:10');
  });

  it('finds dates written out or in digits, with or without the year', () => {
    for (const text of ['1. Januar 2022', '01.01.2022', '1.1.2022', '1.1.22', '1. Jan. 2022', '2022-01-01']) {
      const [q] = extractQuantities(text);
      expect(q!.kind).toBe('date');
      expect(q!.provides).toContain('date:2022-01-01');
    }
    expect(extractQuantities('zum 31.03.')[0]!.provides).toEqual(['day:03-31']);
    expect(extractQuantities('im März 2024')[0]!.provides).toContain('month:2024-03');
  });

  it('finds periods with digits, number words, the article and as adjectives', () => {
    const key = (text: string) => extractQuantities(text)[0]!.provides[0];
    expect(key('drei Monate')).toBe('period:3:monat');
    expect(key('3 Monaten')).toBe('period:3:monat');
    expect(key('vierzehn Tagen')).toBe('period:14:tag');
    expect(key('zwei Wochen')).toBe('period:2:woche');
    expect(key('innerhalb eines Monats')).toBe('period:1:monat');
    expect(key('ein halbes Jahr')).toBe('period:6:monat');
    expect(key('eine dreimonatige Frist')).toBe('period:3:monat');
    expect(key('14-tägig')).toBe('period:14:tag');
    expect(key('fünf Werktage')).toBe('period:5:werktag');
  });

  it('finds times in the forms German writes them', () => {
    for (const text of ['22 Uhr', '22:00 Uhr', '22.00 Uhr', '22:00', 'zweiundzwanzig Uhr']) expect(extractQuantities(text)[0]!.provides).toContain('time:22:00');
    expect(extractQuantities('8.30 Uhr')[0]!.provides).toEqual(['time:08:30']);
  });

  it('reads § references with Absatz, Satz, Nummer and lists of paragraphs', () => {
    const [ref] = extractQuantities('nach § 5 Abs. 2 Satz 1 Nr. 3 HStG');
    expect(ref!.text).toBe('§ 5 Abs. 2 Satz 1 Nr. 3');
    expect(ref!.needs).toEqual([['para:5'], ['abs:2'], ['number:3']]);
    expect(extractQuantities('§§ 3 und 4')[0]!.needs).toEqual([['para:3'], ['para:4']]);
    expect(extractQuantities('§ 5a')[0]!.needs).toEqual([['para:5a']]);
    expect(extractQuantities('Art. 12 GG')[0]!.needs).toEqual([['art:12']]);
    expect(extractQuantities('Absatz 3')[0]!.needs).toEqual([['abs:3']]);
    // "(2)" opens an Absatz in a statute: offered, not checked.
    expect(extractQuantities('(2) Für jeden weiteren Hund')[0]).toMatchObject({ needs: [], provides: ['abs:2', 'number:2'] });
  });

  it('reads ordinals when a noun follows, not "achten Sie"', () => {
    expect(found('der zweite Hund')).toEqual([['number', 'zweite']]);
    expect(found('der 2. Hund')).toEqual([['number', '2.']]);
    expect(found('Bitte achten Sie darauf')).toEqual([]);
    expect(found('Zweitwohnung, zweitens')).toEqual([]);
  });

  it('does not check a number word on its own, but a passage offers it', () => {
    expect(extractQuantities('Es gibt drei Möglichkeiten')[0]).toMatchObject({ needs: [], provides: ['number:3'] });
  });

  it('leaves ambiguous notation alone instead of guessing', () => {
    expect(found('1.5')).toEqual([]);
    expect(found('5a')).toEqual([]);
  });

  it('takes each span once: a date is not also a number, an amount not also a time', () => {
    expect(found('Ab dem 1. Januar 2022 kostet es 108 €, zwischen 6 und 22 Uhr.')).toEqual([
      ['date', '1. Januar 2022'],
      ['amount', '108 €'],
      ['number', '6'],
      ['time', '22 Uhr'],
    ]);
  });

  it('does not let a quantity run over a line break', () => {
    expect(found('Hund 1: 108 €\n2. Hund: 216 €').map(([, text]) => text)).toEqual(['1', '108 €', '2.', '216 €']);
  });
});

describe('backs', () => {
  it('matches amounts across notations', () => {
    expect(backed('Die Steuer beträgt 60,- EUR.', 'Steuersatz: 60,00 €')).toBe(true);
    expect(backed('Die Steuer beträgt € 60.', 'sechzig Euro')).toBe(true);
    expect(backed('1.234,56 €', 'EUR 1.234,56')).toBe(true);
    expect(backed('Die Steuer beträgt 60 €.', 'Steuersatz: 66 €')).toBe(false);
    // A plain number in a table backs an amount.
    expect(backed('60 €', 'Hund | 60')).toBe(true);
  });

  it('matches dates across notations, and a date without a year', () => {
    expect(backed('am 01.01.2022', 'ab dem 1. Januar 2022')).toBe(true);
    expect(backed('am 1.1.2022', 'zum 01.01.2022')).toBe(true);
    expect(backed('zum 1. Januar', 'am 01.01.2022')).toBe(true);
    expect(backed('am 1. Januar 2023', 'am 01.01.2022')).toBe(false);
    expect(backed('am 2. Januar 2022', 'am 01.01.2022')).toBe(false);
    expect(backed('im Januar 2022', 'am 15.01.2022')).toBe(true);
  });

  it('matches periods with number words and in other units', () => {
    expect(backed('drei Monate', 'binnen 3 Monaten')).toBe(true);
    expect(backed('zwei Wochen', 'innerhalb von 14 Tagen')).toBe(true);
    expect(backed('14 Tage', 'zwei Wochen')).toBe(true);
    expect(backed('zwölf Monate', 'ein Jahr')).toBe(true);
    expect(backed('sechs Monate', 'ein halbes Jahr')).toBe(true);
    expect(backed('eines Monats', 'binnen Monatsfrist')).toBe(true);
    expect(backed('drei Monate', 'binnen 3 Wochen')).toBe(false);
    expect(backed('zwei Wochen', 'binnen drei Wochen')).toBe(false);
    expect(backed('ab 18 Jahren', 'nach Vollendung des 18. Lebensjahres')).toBe(true);
  });

  it('matches ordinals in words and digits', () => {
    expect(backed('für den zweiten Hund', 'für den 2. Hund')).toBe(true);
    expect(backed('für den 3. Hund', 'für den dritten Hund')).toBe(true);
    expect(backed('für den dritten Hund', 'für den zweiten Hund')).toBe(false);
  });

  it('matches times', () => {
    expect(backed('ab 22 Uhr', 'von 22:00 Uhr bis 6:00 Uhr')).toBe(true);
    expect(backed('bis 22.00 Uhr', 'bis 22 Uhr')).toBe(true);
    expect(backed('ab 23 Uhr', 'ab 22 Uhr')).toBe(false);
  });

  it('matches § references in the heading or the text, Absätze as "(2)" or "Abs. 2"', () => {
    const passage = '§ 5 Steuersatz\n(1) Die Steuer beträgt 108 Euro.\n(2) Für jeden weiteren Hund 216 Euro.';
    expect(backed('nach § 5', passage)).toBe(true);
    expect(backed('nach § 5 Abs. 2', passage)).toBe(true);
    expect(backed('nach § 5 Absatz 1', passage)).toBe(true);
    expect(backed('nach § 5 Abs. 3', passage)).toBe(false);
    expect(backed('nach § 6', passage)).toBe(false);
    expect(backed('nach §§ 3 und 4', 'wie in § 3 und § 4 bestimmt')).toBe(true);
    expect(backed('nach §§ 3 und 4', 'wie in § 3 bestimmt')).toBe(false);
    expect(backed('nach § 3 Abs. 2', 'Nach Abs. 2 gilt in § 3 …')).toBe(true);
  });

  it('matches percentages and plain numbers', () => {
    expect(backed('10 Prozent', 'beträgt 10 v. H.')).toBe(true);
    expect(backed('12 %', 'beträgt 10 %')).toBe(false);
    expect(backed('seit 2022', 'ab dem 1. Januar 2022')).toBe(true);
    expect(backed('2 Hunde', 'zwei Hunde')).toBe(true);
  });
});
