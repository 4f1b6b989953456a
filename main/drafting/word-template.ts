/**
 * The office's own Word templates: a .docx with {{Platzhaltern}} is
 * imported into <data>/templates/ (the file as it is, plus a JSON
 * description); its placeholders become form fields. Exporting fills them
 * in the document's XML and keeps everything else of the office's layout.
 * {{letterhead.…}} placeholders are filled from the Briefkopf settings.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { LetterBlock, LetterPreview, Letterhead, TemplateField, TemplateInfo } from '../contract';
import { AppError } from '../errors';
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
  const match = /^(letterhead|briefkopf)\.(\w+)$/i.exec(name.trim());
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

/** Reads the placeholders of a .docx: its fields, in order of first appearance. */
export function analyseWordTemplate(bytes: Uint8Array): { fields: TemplateField[]; names: Record<string, string> } {
  if (bytes.byteLength > MAX_WORD_TEMPLATE_BYTES) throw new AppError('invalid_argument', 'Die Word-Vorlage ist zu groß (höchstens 20 MB).');
  const files = readParts(bytes);
  const fields = new Map<string, TemplateField>();
  const names: Record<string, string> = {};
  for (const [path, data] of Object.entries(files)) {
    if (!PART.test(path)) continue;
    for (const { name, alone } of placeholdersIn(strFromU8(data))) {
      if (letterheadKey(name) || name in names) continue;
      const id = fieldIdOf(name);
      names[name] = id;
      const existing = fields.get(id);
      if (existing) {
        if (alone) existing.type = 'multiline';
        continue;
      }
      fields.set(id, { id, label: name.trim(), type: alone ? 'multiline' : 'text', required: true, requiredWhen: null, default: null, help: '', options: [], ai: false });
    }
  }
  if (fields.size === 0) {
    throw new AppError('invalid_argument', 'In der Word-Vorlage steht kein Platzhalter. Platzhalter werden in doppelte geschweifte Klammern gesetzt, z. B. {{Name}}.');
  }
  return { fields: [...fields.values()], names };
}

/** Imports a .docx into the data folder; the title defaults to the file name. */
export function importWordTemplate(dataDir: string, bytes: Uint8Array, options: { fileName: string; title?: string; description?: string; now?: Date }): WordTemplate {
  const { fields, names } = analyseWordTemplate(bytes);
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
  };
  writeFileSync(join(dir, `${id}.docx`), bytes);
  writeFileSync(join(dir, `${id}.json`), JSON.stringify(description, null, 2));
  return toTemplate(dir, description);
}

function toTemplate(dir: string, d: StoredDescription): WordTemplate {
  return {
    kind: 'word',
    info: { id: d.id, title: d.title, category: d.category, description: d.description, source: 'imported', fields: d.fields, fixedBlocks: [] },
    docx: join(dir, `${d.id}.docx`),
    names: d.names,
    importedAt: d.importedAt,
    originalName: d.originalName,
  };
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
    const id = template.names[name] ?? fieldIdOf(name);
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
  return { templateId: template.info.id, layout: 'word', returnAddress: '', recipient: [], info: [], subject: '', salutation: '', body, closing: '', signature: [], aiNotice: null };
}
