/**
 * Reads and checks letter templates: Markdown files with YAML front matter
 * (templates/<id>.md) and the fixed text blocks they insert
 * (templates/blocks/<id>.md). Every problem is reported in German with the
 * file and the field, so that an IT admin can fix a template by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { LEGAL_AREAS, letterheadSchema, REMEDIES, type FieldValues, type LegalArea, type TemplateField, type TemplateInfo } from '../contract';
import { LAW_KEYS } from './land-law';
import { checkValue, validateFieldValues } from './field-values';
import { blockFrontMatterSchema, frontMatterSchema, type FieldSpec } from './template-schema';
import { parseTemplateText, referencesOf, SyntaxProblem, type Node } from './template-syntax';

interface FixedBlock {
  id: string;
  title: string;
  file: string;
  nodes: Node[];
}

const LETTER_PARTS = ['subject', 'salutation', 'closing', 'signature', 'yourReference', 'yourMessageDate', 'ourReference', 'contact', 'date', 'noteZone', 'enclosures'] as const;
type LetterPart = (typeof LETTER_PARTS)[number];

/** A shipped template, parsed and checked. */
export interface LetterTemplate {
  kind: 'letter';
  info: TemplateInfo;
  file: string;
  recipient: string;
  parts: Record<LetterPart, Node[]>;
  body: Node[];
  blocks: Map<string, FixedBlock>;
  sample: FieldValues;
  /** The legal area, or the choice field that holds it. */
  legalArea: { area: LegalArea } | { fieldId: string };
  /** The choice field that may override the Land's Rechtsbehelf; null: the Land decides. */
  remedyField: string | null;
}

/** A template file that could not be loaded, with every reason. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Vorlage ${file}: ${problems.join(' ')}`);
    this.name = 'TemplateError';
  }
}

/** The properties a placeholder may ask of a field: {{feld.eigenschaft}}. */
const FIELD_PROPERTIES: Record<TemplateField['type'], string[]> = {
  text: [],
  multiline: ['list'],
  date: ['long', 'full'],
  amount: ['number'],
  choice: ['value'],
  address: ['name', 'salutation', 'oneline'],
  reference: [],
  person: ['name', 'salutation'],
  iban: [],
};
export const LETTERHEAD_KEYS = [...Object.keys(letterheadSchema.shape), 'address'];
/** Values of the choice field named by letter.remedy: "land" leaves the rule to the Land. */
export const REMEDY_CHOICES = ['land', ...REMEDIES];
const PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/;

/** letter.legalArea / letter.remedy: a fixed value or {{choiceField}} whose options are all allowed values. */
function choiceOrValue(source: string, key: string, allowed: readonly string[], byId: Map<string, TemplateField>, problems: string[]): { value: string } | { fieldId: string } | null {
  const trimmed = source.trim();
  const match = PLACEHOLDER.exec(trimmed);
  if (!match) {
    if (allowed.includes(trimmed)) return { value: trimmed };
    problems.push(`Feld „letter.${key}“: „${trimmed}“ ist nicht erlaubt (${allowed.join(', ')} oder {{auswahlfeld}}).`);
    return null;
  }
  const field = byId.get(match[1]!);
  const wrong = field?.options.filter((o) => !allowed.includes(o.value)).map((o) => o.value) ?? [];
  if (!field || field.type !== 'choice') problems.push(`Feld „letter.${key}“: „${match[1]}“ ist kein Auswahlfeld dieser Vorlage.`);
  else if (wrong.length > 0) problems.push(`Feld „letter.${key}“: Die Möglichkeiten ${wrong.join(', ')} von „${field.id}“ sind nicht erlaubt (${allowed.join(', ')}).`);
  else return { fieldId: field.id };
  return null;
}

/** Splits "---\nyaml\n---\nbody"; the body's first line number is returned for messages. */
export function splitFrontMatter(text: string, file: string): { yaml: string; body: string; bodyLine: number } {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
  if (!match) throw new TemplateError(file, ['Die Datei beginnt nicht mit einem Kopf zwischen zwei Zeilen „---“ (YAML-Front-Matter).']);
  return { yaml: match[1]!, body: source.slice(match[0].length), bodyLine: match[0].split('\n').length - 1 };
}

export function parseYaml(yaml: string, file: string): unknown {
  const doc = parseDocument(yaml, { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new TemplateError(
      file,
      doc.errors.map((e) => `YAML-Fehler in Zeile ${(e.linePos?.[0]?.line ?? 0) + 1}: ${e.message.split('\n')[0]}`),
    );
  }
  return doc.toJS();
}

export function zodProblems(error: z.ZodError, data: unknown): string[] {
  return error.issues.map((issue) => `Feld „${describePath(issue.path, data)}“: ${issue.message}`);
}

/** "fields.2.type" → "fields[2] (betrag).type": names the field by its id where there is one. */
function describePath(path: PropertyKey[], data: unknown): string {
  let current: unknown = data;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      current = Array.isArray(current) ? current[key] : undefined;
      const id = current && typeof current === 'object' && 'id' in current ? String((current as { id: unknown }).id) : '';
      out += `[${key}]${id ? ` (${id})` : ''}`;
    } else {
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[String(key)] : undefined;
      out += (out ? '.' : '') + String(key);
    }
  }
  return out || '(Kopf)';
}

function loadBlock(file: string): FixedBlock {
  const name = basename(file);
  const { yaml, body, bodyLine } = splitFrontMatter(readFileSync(file, 'utf8'), name);
  const data = parseYaml(yaml, name);
  const parsed = blockFrontMatterSchema.safeParse(data);
  if (!parsed.success) throw new TemplateError(`blocks/${name}`, zodProblems(parsed.error, data));
  if (`${parsed.data.id}.md` !== name) throw new TemplateError(`blocks/${name}`, [`Feld „id“: Die ID „${parsed.data.id}“ muss dem Dateinamen entsprechen (${parsed.data.id}.md).`]);
  try {
    return { id: parsed.data.id, title: parsed.data.title, file, nodes: parseTemplateText(body.trim(), bodyLine) };
  } catch (error) {
    if (error instanceof SyntaxProblem) throw new TemplateError(`blocks/${name}`, [error.message]);
    throw error;
  }
}

/** Every fixed block in <dir>/blocks; a broken block is a problem of the templates that use it. */
export function loadBlocks(dir: string): { blocks: Map<string, FixedBlock>; problems: TemplateError[] } {
  const blocks = new Map<string, FixedBlock>();
  const problems: TemplateError[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(join(dir, 'blocks')).filter((f) => f.endsWith('.md'));
  } catch {
    // No blocks folder: templates that insert a block report it.
  }
  for (const file of files.sort()) {
    try {
      const block = loadBlock(join(dir, 'blocks', file));
      blocks.set(block.id, block);
    } catch (error) {
      if (error instanceof TemplateError) problems.push(error);
      else throw error;
    }
  }
  return { blocks, problems };
}

function toField(spec: FieldSpec): TemplateField {
  return {
    id: spec.id,
    label: spec.label,
    type: spec.type,
    required: spec.required,
    requiredWhen: spec.requiredWhen ?? null,
    default: spec.default ?? null,
    help: spec.help,
    options: (spec.options ?? []).map((o) => (typeof o === 'string' ? { value: o, label: o } : o)),
    ai: spec.ai,
  };
}

/** Parses and checks one template text; `file` names it in messages. */
export function parseTemplate(text: string, file: string, blocks: Map<string, FixedBlock>): LetterTemplate {
  const { yaml, body, bodyLine } = splitFrontMatter(text, file);
  const data = parseYaml(yaml, file);
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) throw new TemplateError(file, zodProblems(parsed.error, data));
  const front = parsed.data;
  const problems: string[] = [];
  const fields = front.fields.map(toField);
  const byId = new Map<string, TemplateField>();
  fields.forEach((field, i) => {
    const where = `Feld „fields[${i}] (${field.id})“`;
    if (byId.has(field.id)) problems.push(`${where}: Die ID „${field.id}“ kommt doppelt vor.`);
    byId.set(field.id, field);
    if (field.id === 'letterhead') problems.push(`${where}: „letterhead“ ist für den Briefkopf reserviert.`);
    if (field.type === 'choice' && field.options.length < 2) problems.push(`${where}: Ein Auswahlfeld braucht mindestens zwei Möglichkeiten (options).`);
    if (field.type !== 'choice' && field.options.length > 0) problems.push(`${where}: options gibt es nur beim Typ choice.`);
    if (field.ai && field.type !== 'text' && field.type !== 'multiline') problems.push(`${where}: ai: true ist nur bei den Typen text und multiline erlaubt (Freitext).`);
    if (field.default !== null && !(field.type === 'date' && String(field.default).toLowerCase() === 'heute')) {
      const checked = checkValue(field, field.default);
      if (typeof checked === 'string') problems.push(`${where}: Der Vorgabewert (default) ist ungültig – ${checked}`);
    }
  });
  fields.forEach((field, i) => {
    const when = field.requiredWhen;
    if (!when) return;
    const other = byId.get(when.field);
    const where = `Feld „fields[${i}] (${field.id}).requiredWhen“`;
    if (!other || other.type !== 'choice') problems.push(`${where}: „${when.field}“ ist kein Auswahlfeld dieser Vorlage.`);
    else if (!other.options.some((o) => o.value === when.equals)) problems.push(`${where}: „${when.equals}“ ist keine Möglichkeit von „${when.field}“.`);
  });
  const recipient = byId.get(front.letter.recipient);
  if (!recipient || recipient.type !== 'address') problems.push(`Feld „letter.recipient“: „${front.letter.recipient}“ ist kein Feld vom Typ address.`);

  const parts = {} as Record<(typeof LETTER_PARTS)[number], Node[]>;
  const parse = (source: string, where: string, offset = 0): Node[] => {
    try {
      return parseTemplateText(source, offset);
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      problems.push(`${where}: ${error.message}`);
      return [];
    }
  };
  const salutation = front.letter.salutation ?? `{{${front.letter.recipient}.salutation}},`;
  for (const key of LETTER_PARTS) {
    const source = key === 'salutation' ? salutation : front.letter[key];
    parts[key] = parse(source, `Feld „letter.${key}“`);
    const refs = referencesOf(parts[key]);
    if (refs.blocks.length > 0) problems.push(`Feld „letter.${key}“: Textbausteine ({{> …}}) sind nur im Brieftext erlaubt.`);
    for (const ref of refs.paths) checkPath(ref.path, byId, `Feld „letter.${key}“`, problems);
  }
  const bodyNodes = parse(body.trim(), 'Brieftext', bodyLine);
  if (body.trim() === '') problems.push('Brieftext: Unter dem Kopf steht kein Brieftext.');
  const used = new Map<string, FixedBlock>();
  const refs = referencesOf(bodyNodes);
  for (const ref of refs.blocks) {
    const block = blocks.get(ref.id);
    if (!block) {
      problems.push(`Brieftext, Zeile ${ref.line}: Den Textbaustein „${ref.id}“ gibt es nicht (templates/blocks/${ref.id}.md).`);
      continue;
    }
    used.set(block.id, block);
    const inner = referencesOf(block.nodes);
    for (const path of inner.paths) checkPath(path.path, byId, `Textbaustein „${block.id}“, Zeile ${path.line}`, problems);
    if (inner.blocks.length > 0) problems.push(`Textbaustein „${block.id}“: Bausteine dürfen keine weiteren Bausteine einfügen.`);
  }
  for (const ref of refs.paths) checkPath(ref.path, byId, `Brieftext, Zeile ${ref.line}`, problems);
  const area = choiceOrValue(front.letter.legalArea, 'legalArea', LEGAL_AREAS, byId, problems);
  const remedy = front.letter.remedy.trim() ? choiceOrValue(front.letter.remedy, 'remedy', REMEDY_CHOICES, byId, problems) : null;
  if (remedy && 'value' in remedy) problems.push('Feld „letter.remedy“: Hier gehört ein Auswahlfeld hin ({{feld}}) mit den Möglichkeiten land, widerspruch, klage, wahl; einen festen Rechtsbehelf legt das Bundesland fest.');

  const sample: FieldValues = front.sample ?? {};
  if (problems.length === 0 && front.sample) {
    const { errors } = validateFieldValues(fields, sample);
    for (const [id, message] of Object.entries(errors)) problems.push(`Feld „sample.${id}“: ${message}`);
  }
  if (problems.length > 0) throw new TemplateError(file, problems);
  return {
    kind: 'letter',
    info: {
      id: front.id,
      title: front.title,
      category: front.category,
      description: front.description,
      source: 'builtin',
      fields,
      fixedBlocks: [...used.values()].map((b) => ({ id: b.id, title: b.title })),
      requires: [...new Set(front.letter.requires)],
    },
    file,
    legalArea: area && 'fieldId' in area ? { fieldId: area.fieldId } : { area: (area?.value ?? 'allgemein') as LegalArea },
    remedyField: remedy && 'fieldId' in remedy ? remedy.fieldId : null,
    recipient: front.letter.recipient,
    parts,
    body: bodyNodes,
    blocks: used,
    sample,
  };
}

function checkPath(path: string[], fields: Map<string, TemplateField>, where: string, problems: string[]) {
  const [head, prop] = path as [string, string | undefined];
  if (head === 'letterhead') {
    if (!prop || !LETTERHEAD_KEYS.includes(prop)) problems.push(`${where}: {{letterhead.${prop ?? ''}}} gibt es nicht (erlaubt: ${LETTERHEAD_KEYS.join(', ')}).`);
    return;
  }
  if (head === 'law') {
    if (!prop || !(LAW_KEYS as readonly string[]).includes(prop)) problems.push(`${where}: {{law.${prop ?? ''}}} gibt es nicht (erlaubt: ${LAW_KEYS.join(', ')}).`);
    return;
  }
  const field = fields.get(head);
  if (!field) {
    problems.push(`${where}: Der Platzhalter {{${path.join('.')}}} nennt kein Feld dieser Vorlage.`);
    return;
  }
  if (prop !== undefined && !FIELD_PROPERTIES[field.type].includes(prop)) {
    const allowed = FIELD_PROPERTIES[field.type];
    problems.push(`${where}: {{${head}.${prop}}}: Felder vom Typ ${field.type} haben ${allowed.length ? `nur die Eigenschaften ${allowed.join(', ')}` : 'keine Eigenschaften'}.`);
  }
}

/** Loads every templates/*.md; a broken file is reported, the others still load. */
export function loadTemplates(dir: string): { templates: LetterTemplate[]; problems: TemplateError[] } {
  const { blocks, problems } = loadBlocks(dir);
  const templates: LetterTemplate[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md');
  } catch (cause) {
    problems.push(new TemplateError(dir, [`Der Vorlagenordner ist nicht lesbar (${(cause as Error).message}).`]));
  }
  const seen = new Set<string>();
  for (const file of files.sort()) {
    try {
      const template = parseTemplate(readFileSync(join(dir, file), 'utf8'), file, blocks);
      if (`${template.info.id}.md` !== file) throw new TemplateError(file, [`Feld „id“: Die ID „${template.info.id}“ muss dem Dateinamen entsprechen (${template.info.id}.md).`]);
      if (seen.has(template.info.id)) throw new TemplateError(file, [`Feld „id“: Die ID „${template.info.id}“ gibt es schon.`]);
      seen.add(template.info.id);
      templates.push(template);
    } catch (error) {
      if (error instanceof TemplateError) problems.push(error);
      else throw error;
    }
  }
  return { templates, problems };
}
