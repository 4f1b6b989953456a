import { describe, expect, it } from 'vitest';
import { Analyzer } from '../analysis/analyze';
import { checkClaims, MIN_SUPPORTED_SHARE, saysSourcesDoNotAnswer, type ClaimSource } from './claims';

const vocab = (entries: Record<string, number>) => ({ freq: (w: string) => entries[w] ?? 0 });
const analyzer = new Analyzer(vocab({ hund: 5, hunde: 8, steuer: 20, zweit: 3, wohnung: 10, miet: 4, aufwand: 6, satzung: 7, anmeldung: 5 }));

const HUNDESTEUER: ClaimSource = {
  n: 1,
  title: 'Hundesteuersatzung der Stadt Musterstadt',
  headingPath: ['§ 5 Steuersatz'],
  text: '(1) Die Steuer beträgt für jeden Hund 108 Euro im Jahr.\n(2) Für jeden weiteren Hund 216 Euro.',
};
const ZWEITWOHNUNG: ClaimSource = {
  n: 2,
  title: 'Zweitwohnungsteuersatzung',
  headingPath: ['§ 4 Steuermaßstab'],
  text: 'Die Steuer wird nach dem jährlichen Mietaufwand berechnet. Der Steuersatz beträgt 10 vom Hundert des Mietaufwands.',
};
const SOURCES = [HUNDESTEUER, ZWEITWOHNUNG];

const check = (answer: string, sources: ClaimSource[] = SOURCES) => checkClaims(answer, sources, analyzer);
const summary = (answer: string, sources?: ClaimSource[]) => check(answer, sources).map((c) => [c.text, c.supported, c.reason]);

describe('checkClaims: faithful answers', () => {
  it('supports an answer that says what the passage says', () => {
    const answer = 'Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1]. Für jeden weiteren Hund sind 216 Euro zu zahlen [1].';
    const claims = check(answer);
    expect(claims).toHaveLength(2);
    expect(claims.every((c) => c.supported && c.reason === null)).toBe(true);
    expect(claims.map((c) => answer.slice(c.start, c.end))).toEqual(claims.map((c) => c.text));
    expect(claims.map((c) => c.citations)).toEqual([[1], [1]]);
  });

  it('supports a paraphrase with other notation of the amounts', () => {
    const answer =
      'Die Hundesteuer kostet pro Hund jährlich 108,00 €, für jeden zusätzlichen Hund sind es EUR 216 [1]. Das regelt § 5 Abs. 2 der Hundesteuersatzung [Quelle 1].';
    expect(summary(answer)).toEqual([
      ['Die Hundesteuer kostet pro Hund jährlich 108,00 €, für jeden zusätzlichen Hund sind es EUR 216 [1].', true, null],
      ['Das regelt § 5 Abs. 2 der Hundesteuersatzung [Quelle 1].', true, null],
    ]);
  });

  it('supports a sentence whose words are synonyms or compound parts of the passage\'s', () => {
    const source: ClaimSource = { n: 1, title: 'Gebührensatzung', headingPath: ['§ 2 Gebühren'], text: 'Für die Ausstellung eines Personalausweises wird eine Gebühr von 37 Euro erhoben.' };
    expect(check('Die Kosten für den Ausweis liegen bei 37 € [1].', [source])[0]).toMatchObject({ supported: true });
  });

  it('counts a compound whose last part the passage has, and an adjective of its noun', () => {
    const source: ClaimSource = { n: 1, title: 'Satzung', headingPath: ['§ 5'], text: 'Für einen gefährlichen Hund beträgt die Steuer 600 Euro im Jahr.' };
    expect(check('Für gefährliche Kampfhunde sind jährlich 600,- EUR fällig [1].', [source])[0]).toMatchObject({ supported: true });
  });

  it('uses a threshold below 1, because models paraphrase', () => {
    expect(MIN_SUPPORTED_SHARE).toBeGreaterThan(0);
    expect(MIN_SUPPORTED_SHARE).toBeLessThan(1);
  });
});

describe('checkClaims: what is not backed', () => {
  it('finds a planted wrong amount and names it', () => {
    const [first, second] = check('Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1]. Für jeden weiteren Hund sind 250 € zu zahlen [1].');
    expect(first!.supported).toBe(true);
    expect(second).toMatchObject({ supported: false, reason: 'Der Betrag „250 €“ steht nicht in Quelle [1].' });
  });

  it('finds a true sentence that cites the wrong passage, by its number', () => {
    const [claim] = check('Für jeden weiteren Hund sind 216 Euro zu zahlen [2].');
    expect(claim).toMatchObject({ supported: false, citations: [2], reason: 'Der Betrag „216 Euro“ steht nicht in Quelle [2].' });
  });

  it('finds a true sentence that cites the wrong passage, by its words', () => {
    const [claim] = check('Für jeden weiteren Hund erhöht sich die Hundesteuer deutlich [2].');
    expect(claim!.supported).toBe(false);
    expect(claim!.reason).toBe('Die Aussage wird von Quelle [2] nicht gestützt (nicht gefunden: Hund, erhöht, deutlich).');
  });

  it('names the missing words as written and the cited sources', () => {
    const [claim] = check('Für eine Zweitwohnung gibt es eine Ermäßigung bei geringem Einkommen [1, 2].');
    expect(claim!.supported).toBe(false);
    expect(claim!.reason).toBe('Die Aussage wird von den Quellen [1], [2] nicht gestützt (nicht gefunden: Ermäßigung, geringem, Einkommen).');
  });

  it('names a period in words that no cited passage has', () => {
    const source: ClaimSource = { n: 3, title: 'Satzung', headingPath: ['§ 8 Anzeigepflicht'], text: 'Wer einen Hund hält, hat ihn innerhalb von einem Monat anzumelden.' };
    const [claim] = check('Der Hund ist innerhalb von zwei Wochen anzumelden [3][1].', [HUNDESTEUER, source]);
    expect(claim).toMatchObject({ supported: false, reason: 'Die Frist „zwei Wochen“ steht nicht in den zitierten Quellen [3], [1].' });
  });

  it('flags a sentence with content but no citation', () => {
    const claims = check('Die Steuer beträgt 108 Euro [1].\n\nHunde müssen angeleint werden.');
    expect(claims[1]).toMatchObject({ supported: false, citations: [], reason: 'Ohne Quellenangabe.' });
  });

  it('flags a citation of a source that was not given', () => {
    const [claim] = check('Die Steuer beträgt 108 Euro im Jahr [7].');
    expect(claim).toMatchObject({ supported: false, citations: [7], reason: 'Quelle [7] gibt es nicht.' });
  });

  it('flags a wrong § reference and a wrong Absatz', () => {
    expect(check('Das regelt § 6 der Satzung [1].')[0]).toMatchObject({ supported: false, reason: 'Die Vorschrift „§ 6“ steht nicht in Quelle [1].' });
    expect(check('Das regelt § 5 Abs. 3 der Satzung [1].')[0]).toMatchObject({ supported: false, reason: 'Die Vorschrift „§ 5 Abs. 3“ steht nicht in Quelle [1].' });
    expect(check('Das regelt § 5 Abs. 1 der Satzung [1].')[0]!.supported).toBe(true);
  });

  it('lists several missing numbers in one reason', () => {
    const [claim] = check('Die Steuer beträgt 120 € für den ersten und 240 € für jeden weiteren Hund [1].');
    expect(claim!.reason).toBe('Die Angaben „120 €“, „240 €“ stehen nicht in Quelle [1].');
  });
});

describe('checkClaims: dates, periods, times, § references', () => {
  const frist: ClaimSource = {
    n: 1,
    title: 'Hundesteuersatzung',
    headingPath: ['§ 9 Fälligkeit'],
    text: 'Die Steuer wird am 1. Januar 2022 und danach jeweils zum 1. Juli fällig. Die Anmeldung hat binnen 14 Tagen zu erfolgen. Hunde sind von 22 Uhr bis 6 Uhr ruhig zu halten.',
  };
  const verdicts = (answer: string) => check(answer, [frist]).map((c) => c.supported);

  it('accepts a date in other notation and rejects another date', () => {
    expect(verdicts('Die Steuer wird am 01.01.2022 fällig [1].')).toEqual([true]);
    expect(verdicts('Die Steuer wird am 1.1.2022 fällig [1].')).toEqual([true]);
    expect(verdicts('Die Steuer wird am 01.02.2022 fällig [1].')).toEqual([false]);
    expect(verdicts('Danach wird sie jeweils zum 1. Juli fällig [1].')).toEqual([true]);
    // A date at the start of a line is not taken for a list marker.
    expect(verdicts('1. Juli 2022: Die Steuer wird erneut fällig [1].')).toEqual([true]);
    expect(verdicts('1. Juli 2023: Die Steuer wird erneut fällig [1].')).toEqual([false]);
  });

  it('accepts a period in words or other units and rejects another period', () => {
    expect(verdicts('Die Anmeldung muss innerhalb von vierzehn Tagen erfolgen [1].')).toEqual([true]);
    expect(verdicts('Die Anmeldung muss innerhalb von zwei Wochen erfolgen [1].')).toEqual([true]);
    expect(verdicts('Die Anmeldung muss innerhalb von drei Monaten erfolgen [1].')).toEqual([false]);
  });

  it('accepts times in other notation', () => {
    expect(verdicts('Zwischen 22:00 Uhr und 6.00 Uhr sind Hunde ruhig zu halten [1].')).toEqual([true]);
    expect(verdicts('Ab 20 Uhr sind Hunde ruhig zu halten [1].')).toEqual([false]);
  });

  it('finds the § number in the heading', () => {
    expect(verdicts('Die Fälligkeit regelt § 9 der Hundesteuersatzung [1].')).toEqual([true]);
  });
});

describe('checkClaims: which citations a sentence has', () => {
  it('gives a sentence without its own citation those of the next sentence in its paragraph', () => {
    const answer = 'Die Steuer beträgt für jeden Hund 108 Euro im Jahr. Für jeden weiteren Hund sind 216 Euro zu zahlen [1].';
    expect(check(answer).map((c) => [c.citations, c.supported])).toEqual([
      [[1], true],
      [[1], true],
    ]);
  });

  it('else those of the sentence before it, and never across a paragraph', () => {
    const answer =
      'Die Zweitwohnungsteuer beträgt 10 Prozent des Mietaufwands [2]. Sie wird nach dem jährlichen Mietaufwand berechnet.\n\nDer Steuersatz für Hunde beträgt 108 Euro.';
    expect(check(answer).map((c) => [c.citations, c.supported, c.reason])).toEqual([
      [[2], true, null],
      [[2], true, null],
      [[], false, 'Ohne Quellenangabe.'],
    ]);
  });

  it('gives list items the citation at the end of the list, and checks each item against its own citation first', () => {
    const answer = 'Die Steuer beträgt:\n- 108 Euro für den ersten Hund\n- 216 Euro für jeden weiteren Hund [1]';
    expect(check(answer).map((c) => [c.text, c.citations, c.supported])).toEqual([
      ['Die Steuer beträgt:', [1], true],
      ['- 108 Euro für den ersten Hund', [1], true],
      ['- 216 Euro für jeden weiteren Hund [1]', [1], true],
    ]);
    const mixed = check('Die Steuern betragen:\n- 108 Euro für den ersten Hund [1]\n- 216 Euro für jeden weiteren Hund [2]');
    expect(mixed.map((c) => [c.citations, c.supported])).toEqual([
      [[1], true],
      [[1], true],
      [[2], false],
    ]);
  });

  it('gives a citation after the full stop to the sentence before it', () => {
    const answer = 'Die Steuer beträgt 108 Euro im Jahr. [1] Die Zweitwohnungsteuer beträgt 10 Prozent des Mietaufwands. [2]';
    const claims = check(answer);
    expect(claims.map((c) => [c.text, c.citations, c.supported])).toEqual([
      ['Die Steuer beträgt 108 Euro im Jahr. [1]', [1], true],
      ['Die Zweitwohnungsteuer beträgt 10 Prozent des Mietaufwands. [2]', [2], true],
    ]);
  });

  it('reads ranges and lists of citations as research/citations.ts does', () => {
    expect(check('Hund und Zweitwohnung werden besteuert [1–2].')[0]!.citations).toEqual([1, 2]);
    expect(check('Hund und Zweitwohnung werden besteuert [1; 2].')[0]!.citations).toEqual([1, 2]);
    expect(check('Hund und Zweitwohnung werden besteuert [1][2].')[0]!.citations).toEqual([1, 2]);
  });

  it('splits after a year that ends a sentence', () => {
    const claims = check('Die Satzung gilt seit 2022. Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1].');
    expect(claims.map((c) => c.text)).toEqual(['Die Satzung gilt seit 2022.', 'Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1].']);
  });
});

describe('checkClaims: sentences that are not claims', () => {
  it('leaves out sentences without content, headings, questions and statements that the sources do not answer', () => {
    const answer = [
      'Gern.',
      'Die Quellen sagen dazu Folgendes:',
      '## Hundesteuer',
      'Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1].',
      'Zu Ermäßigungen für Blindenhunde enthalten die Quellen keine Angaben.',
      'Die Quellen beantworten diese Frage nicht.',
      'Möchten Sie mehr zur Zweitwohnungsteuer wissen?',
    ].join('\n\n');
    expect(check(answer).map((c) => c.text)).toEqual(['Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1].']);
  });

  it('leaves out a referral without a citation, but checks one with a citation', () => {
    const answer = 'Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1]. Bitte wenden Sie sich bei Fragen an die Steuerabteilung.';
    expect(check(answer).map((c) => c.text)).toEqual(['Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1].']);
    expect(check('Bitte wenden Sie sich an die Steuerabteilung im Rathaus [1].')).toHaveLength(1);
  });

  it('keeps a short sentence when it holds a number', () => {
    expect(check('Es sind 108 Euro [1].')).toHaveLength(1);
  });

  it('gives no claims for an empty answer', () => {
    expect(check('')).toEqual([]);
  });
});

describe('saysSourcesDoNotAnswer', () => {
  it.each([
    'Die Quellen enthalten keine Angaben zur Hundesteuer für Blindenhunde.',
    'Die Quellen enthalten keine Informationen zu dieser Frage.',
    'Ob Blindenhunde befreit sind, geht aus den Quellen nicht hervor.',
    'Dazu finde ich in den Quellen nichts.',
    'Die Quellen beantworten die Frage nicht.',
    'Die Quellen treffen dazu keine Aussage.',
    'Den vorliegenden Unterlagen ist dazu nichts zu entnehmen.',
    'Die Frage lässt sich anhand der Quellen [1] und [2] nicht beantworten.',
    'In den bereitgestellten Dokumenten wird dieses Thema nicht behandelt.',
    'Leider liegen mir dazu keine Informationen vor.',
    'Hierzu schweigen die Quellen.',
    'Ich konnte in den Quellen keine Regelung zu Blindenhunden finden.',
    'Zu Hunden über 20 kg enthalten die Quellen keine Angaben.',
    'Eine Regelung zu Blindenhunden ist in den Quellen nicht enthalten. Möchten Sie etwas anderes wissen?',
    'Gern. Die Quellen enthalten leider keine Angaben zur Zweitwohnungsteuer. Bitte wenden Sie sich an die Steuerabteilung.',
    'Die Quellen behandeln nur die Hundesteuer [1]; zur Zweitwohnungsteuer enthalten sie keine Angaben.',
  ])('refusal: %s', (text) => {
    expect(saysSourcesDoNotAnswer(text)).toBe(true);
  });

  it.each([
    'Die Steuer beträgt für jeden Hund 108 Euro im Jahr [1].',
    'Die Steuer beträgt 108 Euro [1]. Zu Ermäßigungen enthalten die Quellen keine Angaben.',
    'Liegen keine Angaben zum Einkommen vor, wird die Gebühr in voller Höhe festgesetzt [1].',
    'Hunde, die nicht angemeldet sind, werden nachträglich besteuert [1].',
    'Die Unterlagen sind nicht vor Ablauf der Frist einzureichen [1].',
    'Die Quellen enthalten keine Angaben zu Ermäßigungen. Die Steuer beträgt aber 108 Euro [1].',
    'Gern.',
    '',
  ])('no refusal: %s', (text) => {
    expect(saysSourcesDoNotAnswer(text)).toBe(false);
  });
});
