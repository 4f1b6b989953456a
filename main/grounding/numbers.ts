/**
 * Numbers as German administrative text writes them, reduced to canonical
 * keys so that an answer's "60,- EUR" meets a passage's "60,00 €", its
 * "drei Monate" a "3 Monate", its "1. Januar 2022" a "01.01.2022".
 *
 * A quantity found in an answer says what a passage must contain to back it
 * (`needs`); the same quantity found in a passage says what it offers
 * (`provides`). Keys look like "amount:60", "period:3:monat",
 * "day:01-01", "para:5a", "number:108".
 */
import { fold } from '../analysis/normalise';

export type QuantityKind = 'amount' | 'percent' | 'date' | 'period' | 'time' | 'reference' | 'number';

export interface Quantity {
  kind: QuantityKind;
  /** As written. */
  text: string;
  /** [start, end) in the text it was found in. */
  start: number;
  end: number;
  /**
   * What a passage must contain for the quantity to be backed: every group,
   * each by at least one of its keys. Empty: not checked (a number word
   * standing alone, "(2)", "Satz 1"), but it still provides its keys.
   */
  needs: string[][];
  /** The keys it offers when it stands in a passage. */
  provides: string[];
}

/* ------------------------------------------------------------ number words */

const UNITS: Record<string, number> = {
  eins: 1, zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10, elf: 11, zwolf: 12,
  dreizehn: 13, vierzehn: 14, funfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19,
};
const TENS: Record<string, number> = { zwanzig: 20, dreissig: 30, vierzig: 40, funfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90 };
/** The first part of "einundzwanzig", "zweihundert", "dreitausend". */
const LEADING: Record<string, number> = { ein: 1, zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9 };

function below100(word: string): number | null {
  if (word in UNITS) return UNITS[word]!;
  if (word in TENS) return TENS[word]!;
  const und = word.indexOf('und');
  if (und > 0) {
    const unit = LEADING[word.slice(0, und)];
    const tens = TENS[word.slice(und + 3)];
    if (unit !== undefined && tens !== undefined) return tens + unit;
  }
  return null;
}

function below1000(word: string): number | null {
  const at = word.indexOf('hundert');
  if (at < 0) return below100(word);
  const head = word.slice(0, at);
  const tail = word.slice(at + 7);
  const hundreds = head === '' ? 1 : LEADING[head];
  if (hundreds === undefined) return null;
  if (tail === '') return hundreds * 100;
  const rest = below100(tail === 'eins' ? 'eins' : tail);
  return rest === null ? null : hundreds * 100 + rest;
}

/**
 * The value of a German number word, folded ("fünf" → "funf"): eins …
 * neunzehn, the tens, "einundzwanzig", "zweihundertfünfzig", "tausend",
 * "dreitausend". Null for anything else, also for the article "ein".
 */
export function parseNumberWord(folded: string): number | null {
  if (folded.length < 3) return null;
  const at = folded.indexOf('tausend');
  if (at < 0) return below1000(folded);
  const head = folded.slice(0, at);
  const tail = folded.slice(at + 7);
  const thousands = head === '' || head === 'ein' ? 1 : below1000(head);
  if (thousands === null) return null;
  if (tail === '') return thousands * 1000;
  const rest = below1000(tail);
  return rest === null ? null : thousands * 1000 + rest;
}

/** Ordinal stems from 2 on ("erste" is left out: "zuerst", "die erste Frage" are rarely a fact). */
const ORDINALS: Record<string, number> = {
  zweit: 2, dritt: 3, viert: 4, funft: 5, sechst: 6, siebt: 7, siebent: 7, acht: 8, neunt: 9, zehnt: 10, elft: 11, zwolft: 12,
  dreizehnt: 13, vierzehnt: 14, funfzehnt: 15, sechzehnt: 16, siebzehnt: 17, achtzehnt: 18, neunzehnt: 19,
  zwanzigst: 20, dreissigst: 30, vierzigst: 40, funfzigst: 50, hundertst: 100,
};

/** The ordinal stems as written, for the pattern (case-insensitive). */
const ORDINAL_STEMS = 'zweit|dritt|viert|fünft|sechst|siebent|siebt|achtzehnt|acht|neunzehnt|neunt|zehnt|elft|zwölft|dreizehnt|vierzehnt|fünfzehnt|sechzehnt|siebzehnt|zwanzigst|dreißigst|vierzigst|fünfzigst|hundertst';

const ORDINAL_HINT = new RegExp(ORDINAL_STEMS, 'i');

/** How number words begin, for the pattern that finds them (validated by parseNumberWord). */
const NUMBER_WORD_START = 'ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend';
const NUMBER_WORD_HINT = new RegExp(NUMBER_WORD_START, 'i');

/** "zweiten" → 2, "dritte" → 3; null for other words. */
export function parseOrdinalWord(folded: string): number | null {
  const m = /^(\p{L}+?)(?:e|en|er|es|em)$/u.exec(folded);
  return m ? (ORDINALS[m[1]!] ?? null) : null;
}

/* ------------------------------------------------------------ digits */

/** German notation: "1.234,56", "1 234" (with a non-breaking or thin space), "60,00", "7". */
const NUM = String.raw`\d{1,3}(?:[.\u00a0\u202f\u2009]\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;

/** The value of a number in German notation (thousands with ".", decimals with ","). */
export function parseGermanNumber(written: string): number | null {
  const plain = written.replace(/[.\u00a0\u202f\u2009 ]/g, '').replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(plain)) return null;
  return Number(plain);
}

/** A value as keys write it: at most two decimals, no trailing zeros ("60", "0.5", "1234.56"). */
export function canonical(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Lower case, umlauts and ß folded, for a whole text (fold() caches what it folds: meant for words). */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}+/gu, '');
}

const pad = (n: number) => String(n).padStart(2, '0');

/* ------------------------------------------------------------ patterns */

/** Not inside a word or a number (JavaScript's \b knows no umlauts). */
const B = String.raw`(?<![\p{L}\p{N}])`;
/** Not inside a number such as "1.5" or "3,25". */
const BN = String.raw`(?<![\p{L}\p{N}]|\d[.,])`;
const E = String.raw`(?![\p{L}\p{N}])`;
/** Space within a line (a quantity does not run over a line break). */
const S = String.raw`[ \t\u00a0\u202f\u2009]`;
const EN = String.raw`(?![.,]?\d)(?![\p{L}])`;

const MONTHS: [RegExp, number][] = [
  [/^(?:januar|janner|jan)/, 1], [/^(?:februar|feber|feb)/, 2], [/^(?:marz|mar)/, 3], [/^apr/, 4], [/^mai/, 5], [/^jun/, 6],
  [/^jul/, 7], [/^aug/, 8], [/^sep/, 9], [/^okt/, 10], [/^nov/, 11], [/^dez/, 12],
];
const MONTH = String.raw`(?:Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|(?:Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.)`;

function monthOf(name: string): number {
  const folded = fold(name);
  return MONTHS.find(([re]) => re.test(folded))?.[1] ?? 0;
}

/** Period units, folded, as keys name them. */
const PERIOD_UNITS: [RegExp, string][] = [
  [/^kalendertag/, 'tag'], [/^werktag/, 'werktag'], [/^arbeitstag/, 'arbeitstag'], [/^tag/, 'tag'], [/^woche/, 'woche'], [/^monat/, 'monat'],
  [/^quartal/, 'quartal'], [/^halbjahr/, 'halbjahr'], [/^jahr/, 'jahr'], [/^stunde/, 'stunde'], [/^minute/, 'minute'],
];
const PERIOD_UNIT = String.raw`(?:Kalendertag|Werktag|Arbeitstag|Tag|Woche|Monat|Quartal|Halbjahr|Jahr|Stunde|Minute)(?:en|es|e|n|s)?`;

const PERIOD_HINT = /Tag|Woche|Monat|Quartal|Jahr|Stunde|Minute/;
const MONTH_HINT = /Jan|Jän|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez/;

function unitOf(written: string): string {
  const folded = fold(written);
  return PERIOD_UNITS.find(([re]) => re.test(folded))?.[1] ?? folded;
}

/** The same period in other units: 14 Tage = 2 Wochen, 1 Jahr = 12 Monate, 1 Quartal = 3 Monate. */
function periodKeys(value: number, unit: string): string[] {
  const keys = [`period:${canonical(value)}:${unit}`];
  const add = (v: number, u: string) => keys.push(`period:${canonical(v)}:${u}`);
  if (unit === 'woche') add(value * 7, 'tag');
  if (unit === 'tag' && value % 7 === 0) add(value / 7, 'woche');
  if (unit === 'jahr') add(value * 12, 'monat');
  if (unit === 'halbjahr') add(value * 6, 'monat');
  if (unit === 'quartal') add(value * 3, 'monat');
  if (unit === 'monat') {
    if (value % 12 === 0) add(value / 12, 'jahr');
    if (value % 6 === 0) add(value / 6, 'halbjahr');
    if (value % 3 === 0) add(value / 3, 'quartal');
  }
  if (unit === 'stunde') add(value * 60, 'minute');
  if (unit === 'minute' && value % 60 === 0) add(value / 60, 'stunde');
  return keys;
}

/** The unit words a passage mentions at all ("Monatsfrist", "jährlich"): enough for "innerhalb eines Monats". */
const UNIT_MENTIONS: [string, string[]][] = [
  ['tag', ['tag']], ['werktag', ['werktag']], ['arbeitstag', ['arbeitstag']], ['woche', ['woche', 'wochig']], ['monat', ['monat']],
  ['quartal', ['quartal', 'vierteljahr']], ['halbjahr', ['halbjahr']], ['jahr', ['jahr']], ['stunde', ['stunde', 'stundig']], ['minute', ['minute']],
];

const ARTICLE_ONE = new Set(['ein', 'eine', 'einen', 'eines', 'einem', 'einer']);
const PRONOUNS = new Set(['sie', 'ihr', 'ihre', 'ihrer', 'ihren', 'ihrem', 'ihres', 'ihnen']);

/** A quantity before it is placed in the text. */
type Found = Omit<Quantity, 'text' | 'start' | 'end'>;
type Made = Found & { length?: number };

interface Matcher {
  /** Global: every match is offered to `make`. */
  re: RegExp;
  /** A cheap test of the whole text: without a hit the pattern cannot match, and is not run. */
  when?: RegExp;
  /** The quantity of a match, or null when it is none; `length` replaces the match's own. */
  make(m: RegExpExecArray, text: string): Made | null;
}

const re = (source: string, flags = 'gu') => new RegExp(source, flags);

const MULTIPLIER: [RegExp, number][] = [[/^(?:tsd|tausend)/, 1e3], [/^(?:mio|million)/, 1e6], [/^(?:mrd|milliard)/, 1e9]];

function simple(kind: QuantityKind, key: string, value: number): Found {
  const v = canonical(value);
  return { kind, needs: [[`${key}:${v}`, `bare:${v}`]], provides: [`${key}:${v}`, `number:${v}`] };
}

function reference(m: RegExpExecArray): Found {
  const kindKey = /^(?:Art|Artikel)/.test(m[1]!) ? 'art' : 'para';
  const [, , first, more = '', abs = '', nr] = m;
  const list = [first!, ...more.split(/\s*(?:,|und|bis|oder|sowie|[-–])\s*/).filter(Boolean)];
  const needs: string[][] = [];
  const provides: string[] = [];
  for (const item of list) {
    const key = `${kindKey}:${item.replace(/\s+/g, '').toLowerCase()}`;
    needs.push([key]);
    provides.push(key);
  }
  for (const n of abs.match(/\d+/g) ?? []) {
    needs.push([`abs:${Number(n)}`]);
    provides.push(`abs:${Number(n)}`);
  }
  if (nr) {
    needs.push([`number:${Number(nr)}`]);
    provides.push(`number:${Number(nr)}`);
  }
  return { kind: 'reference', needs, provides };
}

function date(day: number, month: number, year: number | null): Found | null {
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const dayKey = `day:${pad(month)}-${pad(day)}`;
  if (year === null) return { kind: 'date', needs: [[dayKey]], provides: [dayKey] };
  return {
    kind: 'date',
    // Day and year both in the passage: "1. Januar" and "2022" may stand apart ("ab dem Jahr 2022 jeweils zum 1. Januar").
    needs: [[dayKey], [`number:${year}`]],
    provides: [dayKey, `date:${year}-${pad(month)}-${pad(day)}`, `month:${year}-${pad(month)}`, `number:${year}`],
  };
}

const fullYear = (written: string) => (written.length === 2 ? (Number(written) < 70 ? 2000 : 1900) + Number(written) : Number(written));

function period(value: number | null, unitWord: string, loose: boolean): Found | null {
  if (value === null) return null;
  const unit = unitOf(unitWord);
  const keys = periodKeys(value, unit);
  const needs = [keys[0]!, `bare:${canonical(value)}`];
  // "eines Monats" may be the passage's "Monatsfrist": the article is a weak number.
  if (loose) needs.push(`unit:${unit}`);
  return { kind: 'period', needs: [needs], provides: [...keys, `number:${canonical(value)}`] };
}

/** What may follow a number word: a currency, "Prozent", "Uhr" or a period unit (sticky, from the end of the word). */
const AFTER_WORD = new RegExp(
  String.raw`${S}+(?:(?:(Tsd\.|Tausend|Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde)${S}*)?(€|EUR${E}|Euro${E}|Cent${E})|(Prozent(?:punkte?n?)?${E}|vom${S}+Hundert${E})|(Uhr${E})|(${PERIOD_UNIT})${E})`,
  'uy',
);

/** A number word and what follows it: "drei Monate", "zwanzig Euro", "zehn Prozent", "acht Uhr", "eines Monats", "zwei" alone. */
function numberWord(m: RegExpExecArray, text: string): Made | null {
  const word = fold(m[0]);
  const article = ARTICLE_ONE.has(word);
  const value = article ? 1 : parseNumberWord(word);
  if (value === null) return null;
  AFTER_WORD.lastIndex = m.index + m[0].length;
  const after = AFTER_WORD.exec(text);
  const length = after ? m[0].length + after[0].length : undefined;
  if (after?.[2]) return { ...amount(value, after[1], after[2])!, length };
  if (after?.[3]) return { ...simple('percent', 'percent', value), length };
  if (after?.[4]) {
    const at = time(value, 0);
    return at && { ...at, length };
  }
  if (after?.[5]) return { ...period(value, after[5], article)!, length };
  // The article alone is no number; a number word alone backs a "2" but is not itself checked: "Es gibt drei Möglichkeiten" is the answer's own structure.
  return article ? null : { kind: 'number', needs: [], provides: [`number:${canonical(value)}`] };
}

/** In this order: a span taken by one matcher is not matched again by a later one. */
const MATCHERS: Matcher[] = [
  {
    // § 5, § 5a, §§ 3 und 4, § 5 Abs. 2 Satz 1 Nr. 3, Art. 3
    when: /§|Art|Paragra/,
    re: re(String.raw`(§§?|Art\.|Artikel|Paragraph(?:en)?|Paragraf(?:en)?)${S}*(\d+(?:${S}?[a-z](?!\p{L}))?)((?:${S}*(?:,|und|bis|oder|sowie|[-–])${S}*\d+(?:${S}?[a-z](?!\p{L}))?)*)(?:${S}*(?:Abs\.|Absatz|Absätze|Abs(?!\p{L}))${S}*(\d+(?:${S}*(?:,|und|bis|[-–])${S}*\d+)*))?(?:${S}*(?:S\.|Satz)${S}*\d+)?(?:${S}*(?:Nr\.|Nummer|Ziff\.|Ziffer)${S}*(\d+))?(?:${S}*(?:lit\.|Buchst\.|Buchstabe)${S}*[a-z]\)?)?`),
    make: reference,
  },
  {
    when: /Abs/,
    re: re(String.raw`${B}(?:Abs\.|Absatz)${S}*(\d+)${E}`),
    make: (m) => ({ kind: 'reference', needs: [[`abs:${Number(m[1])}`]], provides: [`abs:${Number(m[1])}`] }),
  },
  { when: /Satz|S\./, re: re(String.raw`${B}(?:Satz|S\.)${S}*\d+${E}`), make: () => ({ kind: 'reference', needs: [], provides: [] }) },
  // "(2)" opens an Absatz in statutes.
  { when: /\(\d/, re: re(String.raw`\((\d{1,2})[a-z]?\)`), make: (m) => ({ kind: 'reference', needs: [], provides: [`abs:${Number(m[1])}`, `number:${Number(m[1])}`] }) },
  {
    // 1. Januar 2022, 31. Dez. 2023, 1. Mai
    when: MONTH_HINT,
    re: re(String.raw`${BN}(\d{1,2})\.${S}*(${MONTH})(?:(?<=\.)|${E})(?:${S}+(\d{4})${E})?`),
    make: (m) => date(Number(m[1]), monthOf(m[2]!), m[3] ? Number(m[3]) : null),
  },
  {
    // 01.01.2022, 1.1.22, 31.03.
    when: /\d\.\s?\d/,
    re: re(String.raw`${BN}(\d{1,2})\.${S}?(\d{1,2})\.(?:(\d{4}|\d{2})(?!\p{N})|${S}(\d{4})(?!\p{N}))?`),
    make: (m) => date(Number(m[1]), Number(m[2]), m[3] ? fullYear(m[3]) : m[4] ? Number(m[4]) : null),
  },
  { when: /\d-\d/, re: re(String.raw`${B}(\d{4})-(\d{2})-(\d{2})${E}`), make: (m) => date(Number(m[3]), Number(m[2]), Number(m[1])) },
  {
    // Januar 2022
    when: MONTH_HINT,
    re: re(String.raw`${B}(${MONTH})(?:(?<=\.)|${E})${S}*(\d{4})${E}`),
    make: (m) => {
      const key = `month:${m[2]}-${pad(monthOf(m[1]!))}`;
      return { kind: 'date', needs: [[key]], provides: [key, `number:${m[2]}`] };
    },
  },
  {
    // 22 Uhr, 22:00 Uhr, 22.00 Uhr
    when: /Uhr/,
    re: re(String.raw`${BN}(\d{1,2})(?:[:.](\d{2}))?${S}*Uhr${E}`),
    make: (m) => time(Number(m[1]), m[2] ? Number(m[2]) : 0),
  },
  { when: /\d:\d/, re: re(String.raw`${BN}(\d{1,2}):(\d{2})${E}`), make: (m) => time(Number(m[1]), Number(m[2])) },
  {
    // € 60, EUR 1.234,56
    when: /€|EUR/,
    re: re(String.raw`(?:€|${B}EUR)${S}*(${NUM})(?:,[-–]{1,2})?(?![.,]?\d)`),
    make: (m) => amount(parseGermanNumber(m[1]!), undefined, 'eur'),
  },
  {
    // 60 €, 60,00 Euro, 60,- EUR, 1,5 Mio. €, 50 Cent
    when: /€|EUR|Euro|Cent|ct/,
    re: re(String.raw`${BN}(${NUM})(?:,[-–]{1,2})?${S}*(?:(Tsd\.|Tausend|Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde)${S}*)?(€|EUR${E}|Euro${E}|Cent${E}|ct${E})`),
    make: (m) => amount(parseGermanNumber(m[1]!), m[2], m[3]!),
  },
  {
    // 10 %, 10 Prozent, 10 v. H., 10 vom Hundert
    when: /%|Prozent|v\.\s?H|Hundert/,
    re: re(String.raw`${BN}(${NUM})${S}*(?:%|Prozent(?:punkte?n?)?${E}|v\.${S}?H\.|vom${S}+Hundert${E})`),
    make: (m) => simple('percent', 'percent', parseGermanNumber(m[1]!)!),
  },
  {
    // ein halbes Jahr, eines halben Jahres
    when: /halbe/i,
    re: re(String.raw`${B}(?:ein(?:es|em|en)?${S}+)?halbe[snm]?${S}+Jahr(?:es|e|s)?${E}`, 'giu'),
    make: () => period(6, 'Monat', false),
  },
  {
    // 3 Monate, 14 Tage
    when: PERIOD_HINT,
    re: re(String.raw`${BN}(${NUM})${S}*(${PERIOD_UNIT})${E}`),
    make: (m) => period(parseGermanNumber(m[1]!), m[2]!, false),
  },
  {
    // drei Monate, zwanzig Euro, zehn Prozent, acht Uhr, eines Monats; "zwei" alone
    when: NUMBER_WORD_HINT,
    re: re(String.raw`${B}(?:${NUMBER_WORD_START})\p{L}*`, 'giu'),
    make: numberWord,
  },
  {
    // dreimonatige, 14-tägig, zweiwöchig
    when: /tägig|wöchig|monatig|jährig|stündig/i,
    re: re(String.raw`${B}(\d+-?|\p{L}+?)(tägig|wöchig|monatig|jährig|stündig)(?:e|en|er|es|em)?${E}`, 'giu'),
    make: (m) => {
      const prefix = m[1]!.replace(/-$/, '');
      const value = /^\d+$/.test(prefix) ? Number(prefix) : fold(prefix) === 'ein' ? 1 : parseNumberWord(fold(prefix));
      const unit = { tägig: 'Tag', wöchig: 'Woche', monatig: 'Monat', jährig: 'Jahr', stündig: 'Stunde' }[m[2]!.toLowerCase()] ?? m[2]!;
      return period(value, unit, false);
    },
  },
  {
    // der zweite Hund, zum dritten Mal (followed by a noun, so that "achten Sie" is not 8)
    when: ORDINAL_HINT,
    re: re(String.raw`${B}((?:${ORDINAL_STEMS})(?:e|en|er|es|em))(?=${S}+(\p{L}+))`, 'giu'),
    make: (m) => {
      const value = parseOrdinalWord(fold(m[1]!));
      const next = m[2]!;
      if (value === null || next[0] === next[0]!.toLowerCase() || PRONOUNS.has(fold(next))) return null;
      return ordinal(value, next);
    },
  },
  {
    // der 2. Hund, das 18. Lebensjahr
    when: /\d\./,
    re: re(String.raw`${BN}(\d{1,3})\.(?=${S}+(\p{L}+))`),
    make: (m) => ordinal(Number(m[1]), m[2]!),
  },
  {
    when: /\d/,
    re: re(String.raw`${BN}(${NUM})${EN}`),
    make: (m) => {
      const value = parseGermanNumber(m[1]!);
      if (value === null) return null;
      const v = canonical(value);
      return { kind: 'number', needs: [[`number:${v}`]], provides: [`number:${v}`, `bare:${v}`] };
    },
  },
];

function time(hours: number | null, minutes: number): Found | null {
  if (hours === null || hours > 24 || minutes > 59) return null;
  const key = `time:${pad(hours)}:${pad(minutes)}`;
  return { kind: 'time', needs: [[key]], provides: minutes === 0 ? [key, `number:${hours}`] : [key] };
}

function amount(value: number | null, multiplier: string | undefined, currency: string): Found | null {
  if (value === null) return null;
  let v = value;
  if (multiplier) v *= MULTIPLIER.find(([r]) => r.test(fold(multiplier)))?.[1] ?? 1;
  if (/^(?:cent|ct)$/i.test(currency)) v /= 100;
  return simple('amount', 'amount', v);
}

function ordinal(value: number, next: string): Found {
  const v = canonical(value);
  const provides = [`number:${v}`];
  // "Vollendung des 18. Lebensjahres" is the answer's "18 Jahre".
  if (/^lebensjahr/.test(fold(next))) provides.push(...periodKeys(value, 'jahr'));
  return { kind: 'number', needs: [[`number:${v}`]], provides };
}

/** The quantities of a text, in the order they stand. */
export function extractQuantities(text: string): Quantity[] {
  let taken: Uint8Array | null = null;
  const out: Quantity[] = [];
  for (const { re: pattern, when, make } of MATCHERS) {
    if (when && !when.test(text)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const start = m.index;
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (taken && isTaken(taken, start, start + m[0].length)) continue;
      const made = make(m, text);
      if (!made) continue;
      const end = start + (made.length ?? m[0].length);
      if (made.length !== undefined) {
        if (taken && isTaken(taken, start, end)) continue;
        pattern.lastIndex = end;
      }
      (taken ??= new Uint8Array(text.length)).fill(1, start, end);
      out.push({ kind: made.kind, text: text.slice(start, end), start, end, needs: made.needs, provides: made.provides });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function isTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i]) return true;
  return false;
}

/**
 * Every key a passage offers: its quantities' and the period units it
 * mentions (`folded`: the text or its words folded, when the caller has them).
 */
export function passageKeys(text: string, folded: string = foldText(text)): Set<string> {
  const keys = new Set<string>();
  for (const q of extractQuantities(text)) for (const k of q.provides) keys.add(k);
  for (const [unit, stems] of UNIT_MENTIONS) if (stems.some((s) => folded.includes(s))) keys.add(`unit:${unit}`);
  return keys;
}

/** Whether a passage offering `keys` backs the quantity. */
export function backs(keys: ReadonlySet<string>, quantity: Quantity): boolean {
  return quantity.needs.every((group) => group.some((k) => keys.has(k)));
}
