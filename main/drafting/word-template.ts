/**
 * The office's own Word templates: a .docx with {{Platzhaltern}} is
 * imported into <data>/templates/ (the file as it is, plus a JSON
 * description); its placeholders become form fields. Exporting fills them
 * in the document's XML and keeps everything else of the office's layout.
 * {{letterhead.…}} placeholders are filled from the Briefkopf settings.
 *
 * A placeholder may name its field's type after a bar, in German:
 * {{Antragsdatum|Datum}}, {{Gebühr|Betrag}}, {{Zustellung|Auswahl: Brief, Fax}}.
 * Without one the type is guessed from the name (…datum → date, Betrag →
 * amount, …); either way it can be changed later (setWordTemplateFieldType),
 * and the field is then validated and formatted like a field of a shipped template.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { LetterBlock, LetterPreview, Letterhead, TemplateField, TemplateFieldType, TemplateInfo } from '../contract';
import { AppError } from '../errors';
import { writeFileAtomically } from '../files';
import { checkZip } from '../zip';
import { FileError } from '../file-error';
import type { Normalized, NormalizedValues } from './field-values';
import { formatAmount, formatDate } from './format';
import { formatIban } from './iban';
import { LETTERHEAD_KEYS } from './template-load';
import { fillPlaceholders, paragraphsOf, placeholdersIn } from './word-xml';

const MAX_WORD_TEMPLATE_BYTES = 20 * 1024 * 1024;
/** The parts of a document that may hold placeholders: body, headers, footers, footnotes. */
const PART = /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/;

export interface WordTemplate {
  kind: 'word';
  info: TemplateInfo;
  docx: string;
  /** Placeholder text as written in the document → field id (letterhead placeholders are not fields). */
  names: Record<string, string>;
  importedAt: string;
  originalName: string;
  /** Where each field's type came from (descriptions imported before types were typed have none). */
  typeOrigins: Record<string, TypeOrigin>;
}

/**
 * placeholder: {{Name|Typ}}; name: guessed from the name; alone: the placeholder
 * stands alone in its paragraph (multi-line text); default: text; set: changed after the import.
 */
export type TypeOrigin = 'placeholder' | 'name' | 'alone' | 'default' | 'set';

/** The German words for the field types, as written after the bar and shown in the CLI. */
export const FIELD_TYPE_WORDS: Record<TemplateFieldType, string> = {
  text: 'Text',
  multiline: 'Mehrzeilig',
  date: 'Datum',
  amount: 'Betrag',
  reference: 'Aktenzeichen',
  iban: 'IBAN',
  address: 'Anschrift',
  person: 'Person',
  choice: 'Auswahl',
};

/** Further spellings accepted after the bar and on the command line. */
const TYPE_ALIASES: Record<string, TemplateFieldType> = {
  mehrzeiliger_text: 'multiline',
  absatz: 'multiline',
  euro: 'amount',
  geldbetrag: 'amount',
  az: 'reference',
  zeichen: 'reference',
  adresse: 'address',
  name: 'person',
};

/** "Datum", "datum", "date" → date; null for a word that names no type. */
export function fieldTypeOfWord(word: string): TemplateFieldType | null {
  const key = word.trim().toLowerCase().replace(/[\s-]+/g, '_');
  for (const [type, german] of Object.entries(FIELD_TYPE_WORDS) as [TemplateFieldType, string][]) {
    if (key === german.toLowerCase() || key === type) return type;
  }
  return TYPE_ALIASES[key] ?? null;
}

export const FIELD_TYPE_LIST = Object.values(FIELD_TYPE_WORDS).join(', ');

/** The type a field's name suggests: Antragsdatum → date, Gebühr → amount, Kassenzeichen → reference, … */
export function guessFieldType(name: string): TemplateFieldType | null {
  const n = name.toLowerCase();
  if (/datum/.test(n)) return 'date';
  if (/\biban\b/.test(n)) return 'iban';
  if (/betrag|gebühr|gebuehr|summe/.test(n)) return 'amount';
  if (/zeichen|^az\.?$|\baz\.?\s/.test(n)) return 'reference';
  if (/anschrift|adresse/.test(n) && !/e-?mail|internet|web/.test(n)) return 'address';
  return null;
}

interface Placeholder {
  /** The field's name (before the bar). */
  name: string;
  type: TemplateFieldType | null;
  options: string[];
}

/** "Antragsdatum|Datum" → name and type; "Zustellung|Auswahl: Brief, Fax" → a choice with its options. */
export function parsePlaceholder(text: string): Placeholder {
  const bar = text.indexOf('|');
  if (bar < 0) return { name: text.trim(), type: null, options: [] };
  const name = text.slice(0, bar).trim();
  const spec = text.slice(bar + 1).trim();
  const colon = spec.indexOf(':');
  const word = colon < 0 ? spec : spec.slice(0, colon);
  const type = fieldTypeOfWord(word);
  if (!name) throw new AppError('invalid_argument', `Dem Platzhalter {{${text}}} fehlt vor dem „|“ der Name des Feldes.`);
  if (!type) throw new AppError('invalid_argument', `Unbekannter Feldtyp „${word.trim()}“ in {{${text}}}. Möglich sind: ${FIELD_TYPE_LIST}.`);
  const listed = colon < 0 ? [] : spec.slice(colon + 1).split(/[,;]/);
  const options = [...new Set(listed.map((o) => o.trim()).filter(Boolean))];
  if (type === 'choice' && options.length < 2) {
    throw new AppError('invalid_argument', `Eine Auswahl braucht mindestens zwei Möglichkeiten, z. B. {{${name}|Auswahl: Brief, E-Mail}}.`);
  }
  if (type !== 'choice' && options.length > 0) throw new AppError('invalid_argument', `Möglichkeiten nach „:“ gibt es nur für eine Auswahl: {{${text}}}.`);
  return { name, type, options };
}

interface StoredDescription {
  id: string;
  title: string;
  description: string;
  category: string;
  fields: TemplateField[];
  names: Record<string, string>;
  importedAt: string;
  originalName: string;
  typeOrigins?: Record<string, TypeOrigin>;
}

const wordTemplateDir = (dataDir: string) => join(dataDir, 'templates');

/** "Name des Antragstellers" → "name_des_antragstellers". */
function fieldIdOf(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return /^[a-z_]/.test(id) ? id : `feld_${id}`;
}

const slug = (title: string) => fieldIdOf(title).replace(/_/g, '-').replace(/^feld-/, '').slice(0, 60) || 'vorlage';

function letterheadKey(name: string): string | null {
  const bar = name.indexOf('|');
  const match = /^(letterhead|briefkopf)\.(\w+)$/i.exec((bar < 0 ? name : name.slice(0, bar)).trim());
  return match && LETTERHEAD_KEYS.includes(match[2]!) ? match[2]! : null;
}

function readParts(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    checkZip(bytes, 'Word');
  } catch (error) {
    if (error instanceof FileError) throw new AppError('invalid_argument', error.reason, { cause: error });
    throw error;
  }
  const files = unzipSync(bytes);
  if (!files['word/document.xml']) throw new AppError('invalid_argument', 'Die Datei ist kein Word-Dokument (.docx): word/document.xml fehlt.');
  return files;
}

/** Reads the placeholders of a .docx: its fields, in order of first appearance, with their types. */
export function analyseWordTemplate(bytes: Uint8Array): { fields: TemplateField[]; names: Record<string, string>; typeOrigins: Record<string, TypeOrigin> } {
  if (bytes.byteLength > MAX_WORD_TEMPLATE_BYTES) throw new AppError('invalid_argument', 'Die Word-Vorlage ist zu groß (höchstens 20 MB).');
  const files = readParts(bytes);
  const fields = new Map<string, TemplateField>();
  const typeOrigins: Record<string, TypeOrigin> = {};
  const names: Record<string, string> = {};
  const explicit = new Map<string, string>();
  for (const [path, data] of Object.entries(files)) {
    if (!PART.test(path)) continue;
    for (const { name: text, alone } of placeholdersIn(strFromU8(data))) {
      if (letterheadKey(text) || text in names) continue;
      const { name, type, options } = parsePlaceholder(text);
      const id = fieldIdOf(name);
      names[text] = id;
      let field = fields.get(id);
      if (!field) {
        field = { id, label: name, type: 'text', required: true, requiredWhen: null, default: null, help: '', options: [], ai: false };
        fields.set(id, field);
        typeOrigins[id] = 'default';
      }
      if (type) {
        const before = explicit.get(id);
        if (before !== undefined && (field.type !== type || field.options.map((o) => o.value).join('\n') !== options.join('\n'))) {
          throw new AppError('invalid_argument', `Das Feld „${name}“ hat in der Word-Vorlage zwei verschiedene Typen: {{${before}}} und {{${text}}}.`);
        }
        explicit.set(id, text);
        field.type = type;
        field.options = options.map((o) => ({ value: o, label: o }));
        typeOrigins[id] = 'placeholder';
        continue;
      }
      if (typeOrigins[id] === 'placeholder') continue;
      const guess = guessFieldType(name);
      if (guess) {
        field.type = guess;
        typeOrigins[id] = 'name';
      } else if (alone) {
        field.type = 'multiline';
        typeOrigins[id] = 'alone';
      }
    }
  }
  if (fields.size === 0) {
    throw new AppError('invalid_argument', 'In der Word-Vorlage steht kein Platzhalter. Platzhalter werden in doppelte geschweifte Klammern gesetzt, z. B. {{Name}}.');
  }
  return { fields: [...fields.values()], names, typeOrigins };
}

/** Imports a .docx into the data folder; the title defaults to the file name. */
export function importWordTemplate(dataDir: string, bytes: Uint8Array, options: { fileName: string; title?: string; description?: string; now?: Date }): WordTemplate {
  const { fields, names, typeOrigins } = analyseWordTemplate(bytes);
  const title = (options.title ?? basename(options.fileName, extname(options.fileName))).trim() || 'Word-Vorlage';
  const dir = wordTemplateDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const taken = new Set(readdirSync(dir).map((f) => f.replace(/\.(json|docx)$/, '')));
  let id = `word-${slug(title)}`;
  for (let n = 2; taken.has(id); n++) id = `word-${slug(title)}-${n}`;
  const description: StoredDescription = {
    id,
    title,
    description: options.description?.trim() || `Eigene Word-Vorlage (${basename(options.fileName)})`,
    category: 'Eigene Vorlagen',
    fields,
    names,
    importedAt: (options.now ?? new Date()).toISOString(),
    originalName: basename(options.fileName),
    typeOrigins,
  };
  writeFileSync(join(dir, `${id}.docx`), bytes);
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(description, null, 2));
  return toTemplate(dir, description);
}

function toTemplate(dir: string, d: StoredDescription): WordTemplate {
  return {
    kind: 'word',
    info: { id: d.id, title: d.title, category: d.category, description: d.description, source: 'imported', fields: d.fields, fixedBlocks: [], requires: [] },
    docx: join(dir, `${d.id}.docx`),
    names: d.names,
    importedAt: d.importedAt,
    originalName: d.originalName,
    typeOrigins: d.typeOrigins ?? {},
  };
}

/**
 * Changes the type of one field of an imported template (persisted in its
 * JSON description); the field is validated and formatted by its new type
 * from then on. A choice keeps the options written in the document.
 */
export function setWordTemplateFieldType(dataDir: string, id: string, fieldId: string, type: TemplateFieldType): WordTemplate {
  if (!/^word-[a-z0-9-]+$/.test(id)) throw new AppError('not_found', `Die Vorlage „${id}“ gibt es nicht.`);
  const dir = wordTemplateDir(dataDir);
  const file = join(dir, `${id}.json`);
  let d: StoredDescription;
  try {
    d = JSON.parse(readFileSync(file, 'utf8')) as StoredDescription;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `Die Vorlage „${id}“ gibt es nicht.`, { cause });
    throw new AppError('invalid_argument', `Die eigene Vorlage ${id}.json ist unvollständig oder beschädigt.`, { cause });
  }
  const field = Array.isArray(d.fields) ? d.fields.find((f) => f.id === fieldId) : undefined;
  if (!field) throw new AppError('not_found', `Die Vorlage „${d.title ?? id}“ hat kein Feld „${fieldId}“.`);
  if (type === 'choice' && field.options.length < 2) {
    throw new AppError(
      'invalid_argument',
      `Eine Auswahl braucht ihre Möglichkeiten. Sie stehen im Platzhalter der Word-Vorlage, z. B. {{${field.label}|Auswahl: Brief, E-Mail}}; danach die Vorlage neu importieren.`,
    );
  }
  field.type = type;
  d.typeOrigins = { ...(d.typeOrigins ?? {}), [fieldId]: 'set' };
  writeFileAtomically(file, Buffer.from(JSON.stringify(d, null, 2)));
  return toTemplate(dir, d);
}

/** The imported templates; a description that cannot be read is skipped (and reported). */
export function listWordTemplates(dataDir: string): { templates: WordTemplate[]; problems: string[] } {
  const dir = wordTemplateDir(dataDir);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return { templates: [], problems: [] };
  }
  const templates: WordTemplate[] = [];
  const problems: string[] = [];
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    try {
      const d = JSON.parse(readFileSync(join(dir, file), 'utf8')) as StoredDescription;
      if (!/^word-[a-z0-9-]+$/.test(d.id) || `${d.id}.json` !== file || !Array.isArray(d.fields) || !files.includes(`${d.id}.docx`)) throw new Error('incomplete');
      templates.push(toTemplate(dir, d));
    } catch {
      problems.push(`Die eigene Vorlage ${file} ist unvollständig oder beschädigt und wird nicht angezeigt.`);
    }
  }
  return { templates, problems };
}

export function removeWordTemplate(dataDir: string, id: string): void {
  if (!/^word-[a-z0-9-]+$/.test(id)) throw new AppError('not_found', 'Diese Vorlage gibt es nicht.');
  const dir = wordTemplateDir(dataDir);
  rmSync(join(dir, `${id}.json`), { force: true });
  rmSync(join(dir, `${id}.docx`), { force: true });
}

/** How a value reads in a Word template (the same forms as in the app's letters). */
function plainValue(value: Normalized | undefined): string {
  if (!value) return '';
  switch (value.type) {
    case 'date':
      return formatDate(value.iso);
    case 'amount':
      return `${formatAmount(value.cents)} €`;
    case 'iban':
      return formatIban(value.iban);
    case 'person':
    case 'address': {
      const v = value.value;
      const name = [v.salutation, v.title, v.firstName, v.lastName].filter(Boolean).join(' ');
      return value.type === 'person' ? name : [v.organisation, name, v.extra, v.street, `${v.postalCode} ${v.city}`.trim(), v.country].filter(Boolean).join('\n');
    }
    default:
      return value.text;
  }
}

function valueOfName(template: WordTemplate, values: NormalizedValues, letterhead: Letterhead) {
  return (name: string): string => {
    const key = letterheadKey(name);
    if (key) {
      if (key === 'address') return [letterhead.street, `${letterhead.postalCode} ${letterhead.city}`.trim()].filter(Boolean).join(', ');
      return String(letterhead[key as keyof Letterhead] ?? '');
    }
    const id = template.names[name] ?? fieldIdOf(name.split('|')[0]!.trim());
    return plainValue(values.get(id));
  };
}

/** Fills the template's placeholders; every other byte of the parts stays as the office made it. */
export function renderWordTemplate(template: WordTemplate, values: NormalizedValues, letterhead: Letterhead): Buffer {
  const files = readParts(readFileSync(template.docx));
  const valueOf = valueOfName(template, values, letterhead);
  const out: Zippable = {};
  for (const [path, data] of Object.entries(files)) {
    out[path] = PART.test(path) ? strToU8(fillPlaceholders(strFromU8(data), valueOf)) : data;
  }
  return Buffer.from(zipSync(out, { level: 6 }));
}

/** The filled document's paragraphs as text, for the live preview. */
export function previewWordTemplate(template: WordTemplate, values: NormalizedValues, letterhead: Letterhead): LetterPreview {
  const files = readParts(readFileSync(template.docx));
  const xml = fillPlaceholders(strFromU8(files['word/document.xml']!), valueOfName(template, values, letterhead));
  const body: LetterBlock[] = paragraphsOf(xml).map((p) => ({
    kind: 'paragraph',
    runs: [{ text: p.map((t) => t.text).join(''), bold: false, fieldId: null }],
    origin: { kind: 'template' },
  }));
  return { templateId: template.info.id, layout: 'word', returnAddress: '', returnAddressLines: [], noteZone: [], recipient: [], info: [], subject: '', salutation: '', body, closing: '', signature: [], signatureMode: 'signed', signatureNote: null, enclosures: [], aiNotice: null };
}
