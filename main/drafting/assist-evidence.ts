/**
 * What the AI assist may fill as a fact: names, addresses, dates, amounts
 * and references are taken from the model's answer only when the clerk's
 * notes or the citizen's letter contain the value. The comparison is
 * normalised (a date in any German spelling, an amount with or without
 * thousands separators, a reference by its letters and digits, names word by
 * word, ignoring case); the passage that contains the value is kept as the
 * evidence the clerk sees next to the field.
 */
import type { TemplateField } from '../contract';
import { formatAmount, formatDate } from './format';
import type { Normalized } from './field-values';

/** How a fact field's value is found in the notes and the letter. */
export type FactKind = 'date' | 'amount' | 'reference' | 'iban' | 'name' | 'person' | 'address';

/** Where the assist's facts may come from. */
export interface FactSources {
  notes: string;
  citizenLetter: string;
}

export type Support = { evidence: string } | { rejected: string };

export const NOT_IN_SOURCES = 'steht nicht in Ihren Notizen oder im Schreiben';
/** Evidence longer than this is cut around the value. */
const MAX_EVIDENCE = 300;

// A text field is a reference ("Ihr Zeichen", "Aktenzeichen", "Kassenzeichen", "Geschäftszeichen", "Nr.") or a name by its id or label.
const REFERENCE_FIELD = /zeichen|nummer|(^|[^\p{L}])(nr|az)([^\p{L}]|$)/iu;
const NAME_FIELD = /name/iu;

/** The kind of fact a field holds; null for free text, choices and other text the model may word itself. */
export function factKind(field: TemplateField): FactKind | null {
  switch (field.type) {
    case 'date':
    case 'amount':
    case 'reference':
    case 'iban':
    case 'person':
    case 'address':
      return field.type;
    case 'text': {
      if (field.ai) return null;
      const names = `${field.id} ${field.label}`;
      if (REFERENCE_FIELD.test(names.replace(/_/g, ' '))) return 'reference';
      if (NAME_FIELD.test(names)) return 'name';
      return null;
    }
    default:
      return null;
  }
}

// A full stop after these (or after a number, "14. März") ends no sentence.
const ABBREVIATION = /(^|[^\p{L}])(\p{L}{1,2}|prof|dipl|ing|str|bzw|usw|ggf|vgl|evtl|inkl|abs|art|tel|geb|ca)\.$|\d\.$/iu;

/** The sentences and lines of a text; a date's "14. März" or "Dr. Muster" is not cut. */
export function passages(text: string): string[] {
  const sentences = (line: string) =>
    line.split(/(?<=[.!?])\s+(?=[\p{Lu}„"])/u).reduce<string[]>((out, piece) => {
      const last = out.length > 0 ? out[out.length - 1]! : null;
      if (last !== null && ABBREVIATION.test(last)) out[out.length - 1] = `${last} ${piece}`;
      else out.push(piece);
      return out;
    }, []);
  return text
    .split(/\r?\n/)
    .flatMap(sentences)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Where in a passage the value is; -1 when it is not there. */
type Finder = (passage: string) => number;

const MONTHS: [RegExp, number][] = [
  [/^jan/, 1],
  [/^j(ä|ae)n/, 1],
  [/^feb/, 2],
  [/^m(ä|ae)r|^mrz/, 3],
  [/^apr/, 4],
  [/^mai/, 5],
  [/^jun/, 6],
  [/^jul/, 7],
  [/^aug/, 8],
  [/^sep/, 9],
  [/^okt/, 10],
  [/^nov/, 11],
  [/^dez/, 12],
];
const MONTH_NAME = '(Januar|Jänner|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Nov|Dez)';

const iso = (year: number, month: number, day: number): string | null => {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};
const fullYear = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));

/** Every date in a text as "YYYY-MM-DD", with its position: 14.3.2025, 14.03.25, 14. März 2025, 2025-03-14. */
export function datesIn(text: string): { iso: string; index: number }[] {
  const found: { iso: string; index: number }[] = [];
  const add = (value: string | null, index: number) => value && found.push({ iso: value, index });
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d]|\.\d)/g)) add(iso(fullYear(m[3]!), Number(m[2]), Number(m[1])), m.index);
  for (const m of text.matchAll(new RegExp(`(?<![\\d.])(\\d{1,2})\\.?\\s*${MONTH_NAME}\\.?\\s*(\\d{4})(?!\\d)`, 'giu'))) {
    const name = m[2]!.toLowerCase();
    const month = MONTHS.find(([pattern]) => pattern.test(name))?.[1];
    if (month) add(iso(Number(m[3]), month, Number(m[1])), m.index);
  }
  for (const m of text.matchAll(/(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g)) add(iso(Number(m[1]), Number(m[2]), Number(m[3])), m.index);
  return found;
}

/** Every amount in a text in cents, with its position: 1.234,56 / 1234,56 € / 1234.56 / 96,- / 96 Euro. */
export function amountsIn(text: string): { cents: number; index: number }[] {
  const found: { cents: number; index: number }[] = [];
  const number = /(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?: \d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d]|[.,]\d)/g;
  for (const m of text.matchAll(number)) {
    let digits = m[0].replace(/ /g, '');
    let cents: number;
    if (digits.includes(',')) {
      digits = digits.replace(/\./g, '').replace(',', '.');
      cents = Math.round(Number(digits) * 100);
    } else if (/^\d{1,3}(\.\d{3})+$/.test(digits)) cents = Number(digits.replace(/\./g, '')) * 100;
    else cents = Math.round(Number(digits) * 100);
    if (Number.isSafeInteger(cents)) found.push({ cents, index: m.index });
  }
  return found;
}

const escape = (char: string) => char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** A reference by its letters and digits: "AB-12/3" is found as "AB 12 / 3" or "ab123". */
function referenceFinder(value: string): Finder | null {
  const chars = value.match(/[\p{L}\p{N}]/gu);
  if (!chars) return null;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${chars.map(escape).join('[^\\p{L}\\p{N}\\n]{0,3}')}(?![\\p{L}\\p{N}])`, 'iu');
  return (passage) => passage.search(pattern);
}

/** Words compared without case, umlauts spelled out, and "Str." as "Straße". */
export function words(text: string): { word: string; index: number }[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ word: normaliseWord(m[0]), index: m.index }));
}
function normaliseWord(word: string): string {
  const plain = word.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
  return plain.endsWith('str') ? `${plain}asse` : plain;
}

/** One part of a fact that must be found in the notes or the letter, and how it is named when it is not. */
interface Part {
  shown: string;
  find: Finder;
}

/** A name or a part of an address: every one of its words is somewhere in the passage. */
function wordsPart(value: string): Part | null {
  const wanted = [...new Set(words(value).map((w) => w.word))];
  if (wanted.length === 0) return null;
  return {
    shown: `„${value}“`,
    find: (passage) => {
      const present = words(passage);
      const first = wanted.map((w) => present.find((p) => p.word === w)?.index ?? -1);
      return first.some((i) => i < 0) ? -1 : Math.min(...first);
    },
  };
}

/** What has to be found for a value of the field. */
function partsOf(kind: FactKind, value: Normalized): Part[] {
  switch (value.type) {
    case 'date':
      return [{ shown: `Das Datum ${formatDate(value.iso)}`, find: (p) => datesIn(p).find((d) => d.iso === value.iso)?.index ?? -1 }];
    case 'amount':
      return [{ shown: `Der Betrag ${formatAmount(value.cents)} €`, find: (p) => amountsIn(p).find((a) => a.cents === value.cents)?.index ?? -1 }];
    case 'iban': {
      const find = referenceFinder(value.iban);
      return find ? [{ shown: 'Die IBAN', find }] : [];
    }
    case 'person':
    case 'address': {
      const v = value.value;
      const texts = [v.title, v.firstName, v.lastName, v.organisation, v.extra, v.street, v.postalCode, v.city, v.country];
      return texts.map((text) => (text ? wordsPart(text) : null)).filter((p): p is Part => p !== null);
    }
    default: {
      if (kind === 'name') {
        const part = wordsPart(value.text);
        return part ? [part] : [];
      }
      const find = referenceFinder(value.text);
      return find ? [{ shown: `„${value.text}“`, find }] : [{ shown: `„${value.text}“`, find: () => -1 }];
    }
  }
}

/** The passage, cut around the value when it is long. */
function clip(passage: string, index: number): string {
  if (passage.length <= MAX_EVIDENCE) return passage;
  const start = Math.max(0, Math.min(index - MAX_EVIDENCE / 3, passage.length - MAX_EVIDENCE));
  const cut = passage.slice(start, start + MAX_EVIDENCE).trim();
  return `${start > 0 ? '… ' : ''}${cut}${start + MAX_EVIDENCE < passage.length ? ' …' : ''}`;
}

/**
 * Whether the notes or the letter support a fact the model gave: the
 * evidence (the passage, or the passages, containing it), or the German
 * reason it is rejected. Null for fields that are not facts.
 */
export function supportOf(field: TemplateField, value: Normalized, sources: FactSources): Support | null {
  const kind = factKind(field);
  if (!kind) return null;
  const all = [...passages(sources.notes), ...passages(sources.citizenLetter)];
  const parts = partsOf(kind, value);
  if (parts.length === 0) return { rejected: `Der Vorschlag ${NOT_IN_SOURCES}.` };
  const hits = parts.map((part) => all.map((passage) => part.find(passage)));
  const missing = parts.find((_, i) => hits[i]!.every((index) => index < 0));
  if (missing) return { rejected: `${missing.shown} ${NOT_IN_SOURCES}.` };
  // The fewest passages that hold every part: one when one does, else the one with most parts first.
  const chosen: number[] = [];
  let open = parts.map((_, i) => i);
  while (open.length > 0) {
    let best = -1;
    let bestCount = 0;
    all.forEach((_, p) => {
      const count = open.filter((i) => hits[i]![p]! >= 0).length;
      if (count > bestCount) [best, bestCount] = [p, count];
    });
    chosen.push(best);
    open = open.filter((i) => hits[i]![best]! < 0);
  }
  const evidence = chosen
    .sort((a, b) => a - b)
    .map((p) => clip(all[p]!, Math.max(0, Math.min(...parts.map((_, i) => hits[i]![p]!).filter((x) => x >= 0)))))
    .join(' … ');
  return { evidence };
}
