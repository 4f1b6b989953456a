/**
 * The Prüflisten: declarative checklists of what an application needs
 * (data, documents, rules, each with the provision that requires it),
 * shipped in checklists/ and extendable by the office in
 * <data>/checklists/. A broken file is reported in German with the file
 * and the field; the others still load. An office checklist with the id of
 * a shipped one replaces it (the office adapts it to its Satzung).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Checklist, ChecklistDataItem, ChecklistItem, ChecklistList } from '../contract';
import { parseYaml, TemplateError, zodProblems } from '../drafting/template-load';
import { AppError } from '../errors';
import { checklistFileSchema, type ChecklistFile } from './checklist-schema';

/** The shipped checklists/ folder, found like templates/ (source tree, packaged app, working directory). */
export function defaultChecklistsDir(): string {
  const candidates = [
    typeof __dirname === 'string' ? resolve(__dirname, '..', '..', 'checklists') : null,
    process.argv[1] ? resolve(dirname(process.argv[1]), '..', 'checklists') : null,
    resolve(process.cwd(), 'checklists'),
  ].filter((c): c is string => c !== null);
  return candidates.find((c) => existsSync(c)) ?? candidates.at(-1)!;
}

export const officeChecklistsDir = (dataDir: string) => join(dataDir, 'checklists');

/** Which data item types a rule needs for each of its fields. */
const RULE_FIELD_TYPES: Record<string, ChecklistDataItem['type'][]> = {
  withinDays: ['date'],
  age: ['date'],
  iban: ['iban'],
  postalCode: ['address'],
  datesInOrder: ['date'],
  amountBetween: ['amount'],
};

/** The cross-checks the schema cannot make: unique ids, conditions on choices, rules on items of the right type. */
function crossCheck(file: ChecklistFile): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const data = new Map(file.data.map((item) => [item.id, item]));
  const all = [...file.data.map((i) => ['data', i.id] as const), ...file.documents.map((i) => ['documents', i.id] as const), ...file.rules.map((i) => ['rules', i.id] as const)];
  for (const [list, id] of all) {
    if (seen.has(id)) problems.push(`Feld „${list}“: Die ID „${id}“ kommt doppelt vor.`);
    seen.add(id);
  }
  file.data.forEach((item, i) => {
    const where = `Feld „data[${i}] (${item.id})“`;
    if (item.type === 'choice' && (item.options ?? []).length < 2) problems.push(`${where}: Eine Auswahl braucht mindestens zwei Möglichkeiten (options).`);
    if (item.type !== 'choice' && item.options) problems.push(`${where}: options gibt es nur beim Typ choice.`);
  });
  const conditions = [...file.data.map((item, i) => [`data[${i}] (${item.id})`, item] as const), ...file.documents.map((item, i) => [`documents[${i}] (${item.id})`, item] as const)];
  for (const [where, item] of conditions) {
    if (!item.requiredWhen) continue;
    const other = data.get(item.requiredWhen.field);
    if (!other || other.type !== 'choice') problems.push(`Feld „${where}.requiredWhen“: „${item.requiredWhen.field}“ ist keine Auswahl-Angabe dieser Prüfliste.`);
    else {
      const unknown = item.requiredWhen.in.filter((value) => !(other.options ?? []).includes(value));
      if (unknown.length > 0) problems.push(`Feld „${where}.requiredWhen“: ${unknown.join(', ')} ist keine Möglichkeit von „${other.id}“.`);
    }
    if (item.required) problems.push(`Feld „${where}“: required und requiredWhen schließen einander aus.`);
  }
  file.rules.forEach((rule, i) => {
    const check = rule.check;
    const fields = check.kind === 'datesInOrder' ? check.fields : check.kind === 'withinDays' ? [check.field, check.after] : [check.field];
    const types = RULE_FIELD_TYPES[check.kind]!;
    for (const id of fields) {
      const item = data.get(id);
      if (!item) problems.push(`Feld „rules[${i}] (${rule.id}).check“: „${id}“ ist keine Angabe (data) dieser Prüfliste.`);
      else if (!types.includes(item.type)) problems.push(`Feld „rules[${i}] (${rule.id}).check“: „${id}“ hat den Typ ${item.type}; ${check.kind} braucht ${types.join(' oder ')}.`);
    }
  });
  return problems;
}

function toChecklist(file: ChecklistFile, source: Checklist['source']): Checklist {
  const items: ChecklistItem[] = [
    ...file.data.map((d) => ({
      kind: 'data' as const,
      id: d.id,
      label: d.label,
      type: d.type,
      required: d.required,
      requiredWhen: d.requiredWhen ?? null,
      basis: d.basis,
      find: d.find,
      options: d.options ?? [],
    })),
    ...file.documents.map((d) => ({ kind: 'document' as const, id: d.id, label: d.label, required: d.required, requiredWhen: d.requiredWhen ?? null, basis: d.basis, recognise: d.recognise })),
    ...file.rules.map((r) => ({ kind: 'rule' as const, id: r.id, label: r.label, basis: r.basis, check: r.check })),
  ];
  return { id: file.id, title: file.title, legalBasis: file.legalBasis, description: file.description, source, items };
}

/** Parses and checks one checklist text; `name` is the file name in messages. */
export function parseChecklist(text: string, name: string, source: Checklist['source'] = 'builtin'): Checklist {
  let data: unknown;
  try {
    data = parseYaml(text.replace(/^\uFEFF/, ''), name);
  } catch (error) {
    if (error instanceof TemplateError) throw new ChecklistError(name, error.problems);
    throw error;
  }
  const parsed = checklistFileSchema.safeParse(data);
  if (!parsed.success) throw new ChecklistError(name, zodProblems(parsed.error, data));
  const problems = crossCheck(parsed.data);
  if (`${parsed.data.id}.yaml` !== name) problems.unshift(`Feld „id“: Die ID „${parsed.data.id}“ muss dem Dateinamen entsprechen (${parsed.data.id}.yaml).`);
  if (problems.length > 0) throw new ChecklistError(name, problems);
  return toChecklist(parsed.data, source);
}

export class ChecklistError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Prüfliste ${file}: ${problems.join(' ')}`);
    this.name = 'ChecklistError';
  }
}

function loadFolder(dir: string, source: Checklist['source'], problems: string[]): Checklist[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    return [];
  }
  const out: Checklist[] = [];
  for (const file of files) {
    try {
      out.push(parseChecklist(readFileSync(join(dir, file), 'utf8'), file, source));
    } catch (error) {
      if (error instanceof ChecklistError) problems.push(`${source === 'office' ? 'Eigene ' : ''}${error.message}`);
      else problems.push(`Prüfliste ${file}: Die Datei ist nicht lesbar (${(error as Error).message}).`);
    }
  }
  return out;
}

/** Shipped and office checklists by title; an office one replaces a shipped one of the same id. */
export function loadChecklists(shippedDir: string, dataDir: string): ChecklistList {
  const problems: string[] = [];
  const byId = new Map<string, Checklist>();
  for (const checklist of loadFolder(shippedDir, 'builtin', problems)) byId.set(checklist.id, checklist);
  for (const checklist of loadFolder(officeChecklistsDir(dataDir), 'office', problems)) byId.set(checklist.id, checklist);
  return { checklists: [...byId.values()].sort((a, b) => a.title.localeCompare(b.title, 'de')), problems };
}

/** One checklist by id; a German not_found naming the ones there are. */
export function checklistById(list: ChecklistList, id: string): Checklist {
  const found = list.checklists.find((c) => c.id === id);
  if (!found) throw new AppError('not_found', `Die Prüfliste „${id}“ gibt es nicht. Vorhanden: ${list.checklists.map((c) => c.id).join(', ') || 'keine'}.`);
  return found;
}
