import type { DocumentMeta } from '../contract';
import { isParagraphHeading, isTocBlock } from './structure';
import type { Block, ParsedDocument } from './types';

/*
 * What a document says about itself: who issued it, what kind of document
 * it is, since when and until when it applies. Parsers gather hints (front
 * matter, document properties); deriveMeta combines them with the title
 * and the first lines into the one DocumentMeta that is stored.
 */

/** Hints a parser found; `validity: 'superseded'` marks a document that says it no longer applies. */
export type MetaHints = Partial<DocumentMeta>;

const MONTHS: Record<string, number> = {
  januar: 1, jänner: 1, jan: 1, februar: 2, feb: 2, märz: 3, maerz: 3, mär: 3, mrz: 3, april: 4, apr: 4, mai: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, oktober: 10, okt: 10, november: 11, nov: 11, dezember: 12, dez: 12,
};

/** A German or ISO date anywhere in a text: "1. Januar 2022", "01.01.2022", "2022-01-01". */
const DATE_PATTERN = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b|\d{1,2}\.\s?(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.?\s+\d{4})`;

const iso = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** A date as ISO (YYYY-MM-DD), from a Date or the first German or ISO date in a text; null if there is none. */
export function parseGermanDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value);
  let m = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b/.exec(text);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return iso(year, Number(m[2]), Number(m[1]));
  }
  m = /(\d{1,2})\.\s?([A-Za-zÄÖÜäöü]+)\.?\s+(\d{4})/.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month) return iso(Number(m[3]), month, Number(m[1]));
  }
  return null;
}

const SUPERSEDED_STATUS = /^(?:superseded|archiviert|archived|aufgehoben|außer[ _]?kraft|ausser[ _]?kraft|veraltet|historisch|altfassung|ungültig|repealed|expired)$/i;
const CURRENT_STATUS = /^(?:current|aktuell|gültig|gueltig|in[ _]?kraft|geltend)$/i;

/** Keys of YAML front matter, lower-cased, as the bylaws and other collections spell them. */
const KEYS = {
  title: ['titel', 'title'],
  authority: ['gemeinde', 'kreis', 'land', 'behoerde', 'behörde', 'authority', 'herausgeber'],
  docType: ['rechtsnatur', 'typ', 'type', 'dokumenttyp', 'doctype'],
  validFrom: ['gueltig_ab', 'gültig_ab', 'in_kraft', 'inkrafttreten', 'valid_from'],
  validUntil: ['gueltig_bis', 'gültig_bis', 'ausser_kraft', 'außer_kraft', 'valid_until'],
} as const;

const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
};

/** Title and hints from a parsed YAML front matter object. */
export function metaFromFrontMatter(data: unknown): { title: string | null; meta: MetaHints } {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { title: null, meta: {} };
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) fields.set(key.toLowerCase(), value);
  const first = (keys: readonly string[]) => {
    for (const key of keys) {
      const value = fields.get(key);
      if (value instanceof Date || text(value) !== null) return { key, value };
    }
    return null;
  };
  const meta: MetaHints = {};
  const authority = first(KEYS.authority);
  const name = authority ? text(authority.value) : null;
  // A district is named as such ("Konstanz" in kreis: is the Landkreis Konstanz).
  if (name) meta.authority = authority!.key === 'kreis' && !/kreis/i.test(name) ? `Landkreis ${name}` : name;
  const docType = first(KEYS.docType);
  if (docType && text(docType.value)) meta.docType = text(docType.value)!;
  const from = first(KEYS.validFrom);
  const validFrom = from ? parseGermanDate(from.value) : null;
  if (validFrom) meta.validFrom = validFrom;
  const until = first(KEYS.validUntil);
  const validUntil = until ? parseGermanDate(until.value) : null;
  if (validUntil) meta.validUntil = validUntil;
  const status = text(fields.get('status'));
  if ((status && SUPERSEDED_STATUS.test(status)) || text(fields.get('url_nachfolger')) || text(fields.get('nachfolger'))) meta.validity = 'superseded';
  else if (status && CURRENT_STATUS.test(status)) meta.validity = 'current';
  const title = text(first(KEYS.title)?.value);
  return { title, meta };
}

/** Suffixes of the words that name a kind of document, most specific first, with the type they give. */
const TYPE_SUFFIXES: [string, string | null][] = [
  ['polizeiverordnung', 'Polizeiverordnung'],
  ['verordnung', 'Verordnung'],
  ['satzung', 'Satzung'],
  ['richtlinien', 'Richtlinien'],
  ['richtlinie', 'Richtlinie'],
  ['geschäftsordnung', 'Geschäftsordnung'],
  ['gesellschaftsvertrag', 'Gesellschaftsvertrag'],
  ['dienstanweisung', 'Dienstanweisung'],
  ['dienstvereinbarung', 'Dienstvereinbarung'],
  ['allgemeinverfügung', 'Allgemeinverfügung'],
  ['verwaltungsvorschrift', 'Verwaltungsvorschrift'],
  ['gesetzbuch', 'Gesetz'],
  ['gesetz', 'Gesetz'],
  ['merkblatt', 'Merkblatt'],
  // "Friedhofsordnung", "Wahlordnung": the word itself names the kind (null: keep the word).
  ['ordnung', null],
];
/** Words ending in -ordnung that name no kind of document. */
const NOT_ORDNUNG = /(?:zuordnung|anordnung|einordnung|unterordnung|neuordnung|beiordnung|rangordnung|größenordnung)$/;

/** The kind of document a title names: the first word that is one ("II 01 Satzung über …" → "Satzung"). */
export function docTypeOf(line: string): string | null {
  for (const [word] of line.matchAll(/[\p{L}][\p{L}-]*/gu)) {
    const lower = word.toLowerCase();
    if (lower.length < 6) continue;
    for (const [suffix, type] of TYPE_SUFFIXES) {
      if (!lower.endsWith(suffix)) continue;
      if (type) return type;
      if (!NOT_ORDNUNG.test(lower)) return word.charAt(0).toUpperCase() + word.slice(1);
    }
  }
  return null;
}

const NAME = String.raw`([A-ZÄÖÜ][\p{L}.'-]*(?:\s(?:am|an\sder|im|in\sder|ob\sder|bei|vor\sder|a\.\s?d\.|i\.)\s[A-ZÄÖÜ][\p{L}.-]*)?)`;
const CITY = new RegExp(String.raw`\b(?:der|die)\s+(?:Großen\s+Kreisstadt|Großen\s+Kreis-\s?und\s+Hochschulstadt|Landeshauptstadt|Universitätsstadt|Hansestadt|Kreisstadt|Stadtgemeinde|Stadt|Gemeinde|Marktgemeinde|Ortsgemeinde|Verbandsgemeinde)\s+${NAME}`, 'u');
const DISTRICT = new RegExp(String.raw`\b(?:des\s+(?:Land)?[Kk]reises|(?:der|die)\s+(?:Landkreis|Kreis)verwaltung|Landkreis(?:es)?)\s+${NAME}`, 'u');
const AUTHORITY_NAME = /^(?:Stadt|Gemeinde|Landkreis|Kreis|Landratsamt|Bezirksamt|Regierungspräsidium|Ministerium|Bürgermeisteramt|Verwaltungsgemeinschaft|Zweckverband)\b|amt\b|behörde\b/;

/** Who issued a document, from a title or first line ("… der Stadt Konstanz" → "Konstanz"). */
export function authorityOf(line: string): string | null {
  const city = CITY.exec(line);
  if (city) return city[1]!.replace(/[.,]$/, '');
  const district = DISTRICT.exec(line);
  if (district) return `Landkreis ${district[1]!.replace(/[.,]$/, '')}`;
  return null;
}

/** An author or company property that names an authority ("Stadt Konstanz", "Landratsamt Konstanz"), not a person. */
export function authorityFromProperty(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v || v.length > 100) return null;
  const m = /^(?:Stadt|Gemeinde|Große Kreisstadt|Stadtverwaltung|Gemeindeverwaltung)\s+(.+)$/.exec(v);
  if (m) return m[1]!;
  return AUTHORITY_NAME.test(v) ? v : null;
}

// Letters as word bounds (not \b): a file name's "Hundesteuer_Altfassung" counts too.
const SUPERSEDED_TEXT = /(?<!\p{L})(?:(?:außer|ausser)\s+Kraft|Altfassung|aufgehoben\s+(?:durch|am|mit|zum)|nicht\s+mehr\s+(?:gültig|in\s+Kraft))(?!\p{L})/iu;
const FROM_TEXT = [
  new RegExp(String.raw`(?:in\s+Kraft\s+(?:ab|am|seit|mit\s+Wirkung\s+vom|zum)|gültig\s+(?:ab|seit)|gilt\s+(?:ab|seit))\s+(?:dem\s+)?(${DATE_PATTERN})`, 'i'),
  new RegExp(String.raw`tritt\s+(?:am|zum|mit\s+Wirkung\s+vom)\s+(${DATE_PATTERN})\s+in\s+Kraft`, 'i'),
];
const UNTIL_TEXT = [
  new RegExp(String.raw`(?:(?:außer|ausser)\s+Kraft\s+(?:ab|am|seit|zum|mit\s+Ablauf\s+(?:des|vom))|gültig\s+bis(?:\s+zum)?)\s+(?:dem\s+)?(${DATE_PATTERN})`, 'i'),
  new RegExp(String.raw`tritt\s+(?:am|zum|mit\s+Ablauf\s+des)\s+(${DATE_PATTERN})\s+(?:außer|ausser)\s+Kraft`, 'i'),
];
const firstDate = (patterns: RegExp[], line: string) => {
  for (const p of patterns) {
    const m = p.exec(line);
    const date = m ? parseGermanDate(m[1]) : null;
    if (date) return date;
  }
  return undefined;
};

/** Hints from title and first lines: kind, authority, dates, and whether they say the document no longer applies. */
export function metaFromText(lines: string[]): MetaHints {
  const meta: MetaHints = {};
  for (const line of lines) {
    if (!line) continue;
    meta.docType ??= docTypeOf(line) ?? undefined;
    meta.authority ??= authorityOf(line) ?? undefined;
    meta.validUntil ??= firstDate(UNTIL_TEXT, line);
    meta.validFrom ??= firstDate(FROM_TEXT, line);
    if (SUPERSEDED_TEXT.test(line)) meta.validity = 'superseded';
  }
  for (const key of Object.keys(meta) as (keyof MetaHints)[]) if (meta[key] === undefined) delete meta[key];
  return meta;
}

/**
 * The first lines a document says about itself: text before the first §
 * section (not a table of contents), at most three blocks and their first
 * three lines each.
 */
function leadingLines(blocks: Block[]): string[] {
  const lines: string[] = [];
  let taken = 0;
  for (const block of blocks) {
    if (taken >= 3) break;
    if (block.kind === 'heading' && isParagraphHeading(block.text)) break;
    if (block.kind === 'text' && isTocBlock(block.text, () => new Set())) continue;
    lines.push(...block.text.split('\n', 3).map((l) => l.trim()));
    taken++;
  }
  return lines;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The stored metadata of a document: the parser's hints (front matter,
 * document properties) first, then what its title and first lines say.
 * Superseded if anything says so or its end date has passed; current if
 * it states since when it applies; otherwise unknown.
 */
export function deriveMeta(doc: Pick<ParsedDocument, 'blocks' | 'meta'>, title: string | null, now: string = today()): DocumentMeta {
  const hints = doc.meta ?? {};
  const fromText = metaFromText([title ?? '', ...leadingLines(doc.blocks)]);
  const validFrom = hints.validFrom ?? fromText.validFrom ?? null;
  const validUntil = hints.validUntil ?? fromText.validUntil ?? null;
  const superseded = hints.validity === 'superseded' || fromText.validity === 'superseded' || (validUntil !== null && validUntil < now);
  return {
    authority: hints.authority ?? fromText.authority ?? null,
    docType: hints.docType ?? fromText.docType ?? null,
    validFrom,
    validUntil,
    validity: superseded ? 'superseded' : validFrom !== null || hints.validity === 'current' ? 'current' : 'unknown',
  };
}
