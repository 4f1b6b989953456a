import { readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { defaultTemplatesDir, TemplateLibrary } from '../drafting/index';
import { FIELD_TYPE_LIST, FIELD_TYPE_WORDS, fieldTypeOfWord, type TypeOrigin, type WordTemplate } from '../drafting/word-template';
import { AppError } from '../errors';
import type { CliIo } from './io';

/**
 * `stadtschreiber templates [--json]`: the letter templates (shipped and
 * imported). Templates that fail to load are named on stderr with their
 * reasons, and the exit code is 1, so that an admin sees a broken file.
 */
export function templatesCommand(dataDir: string, json: boolean, io: CliIo, templatesDir = defaultTemplatesDir()): number {
  const library = new TemplateLibrary(templatesDir, dataDir);
  const templates = library.list();
  const problems = library.problems();
  if (json) {
    io.stdout(JSON.stringify(templates, null, 2) + '\n');
  } else if (templates.length === 0) {
    io.stdout('Keine Vorlagen gefunden.\n');
  } else {
    let category = '';
    for (const t of templates) {
      if (t.category !== category) {
        category = t.category;
        io.stdout(`${category}\n`);
      }
      const ai = t.fields.filter((f) => f.ai).length;
      io.stdout(`  ${t.id.padEnd(28)} ${t.title}${t.source === 'imported' ? ' (eigene Word-Vorlage)' : ''}\n`);
      io.stdout(`  ${''.padEnd(28)} ${t.fields.length} Felder${ai ? `, ${ai} davon KI-fähig` : ''}${t.fixedBlocks.length ? `; Textbausteine: ${t.fixedBlocks.map((b) => b.title).join(', ')}` : ''}\n`);
    }
  }
  for (const problem of problems) io.stderr(`Fehler: ${problem}\n`);
  return problems.length > 0 ? 1 : 0;
}

const IMPORT_USAGE = 'Aufruf: stadtschreiber templates import <datei.docx> [--title T] [--json]';
const TYPE_USAGE = 'Aufruf: stadtschreiber templates type <Vorlagen-ID> <Feld-ID> <Typ>';

const ORIGIN_NOTE: Record<TypeOrigin, string> = {
  placeholder: 'im Platzhalter angegeben',
  name: 'aus dem Namen erkannt',
  alone: 'Platzhalter steht allein im Absatz',
  default: '',
  set: 'geändert',
};

/** The fields of an imported template, one line each: id, label, type (and where the type came from). */
function printFields(template: WordTemplate, io: CliIo): void {
  const width = Math.max(...template.info.fields.map((f) => f.id.length), 8);
  for (const field of template.info.fields) {
    const note = ORIGIN_NOTE[template.typeOrigins[field.id] ?? 'default'];
    const options = field.type === 'choice' ? `: ${field.options.map((o) => o.label).join(', ')}` : '';
    io.stdout(`  ${field.id.padEnd(width)}  ${FIELD_TYPE_WORDS[field.type].padEnd(12)}  ${field.label}${options}${note ? ` (${note})` : ''}\n`);
  }
}

const wordTemplate = (library: TemplateLibrary, id: string): WordTemplate => {
  const template = library.get(id);
  if (template.kind !== 'word') {
    throw new AppError('invalid_argument', `„${id}“ ist eine mitgelieferte Vorlage; ihre Feldtypen stehen in ihrer Vorlagendatei.`);
  }
  return template;
};

/**
 * `stadtschreiber templates import <file.docx> [--title T] [--json]`: imports
 * an office's Word template into the data folder, as the app's import does,
 * and prints its id and its fields with their types.
 */
export function templatesImportCommand(dataDir: string, args: string[], options: { title?: string; json: boolean }, io: CliIo, templatesDir = defaultTemplatesDir()): number {
  if (args.length !== 1) {
    io.stderr(`Fehler: ${args.length === 0 ? 'Welche Word-Datei soll importiert werden?' : 'Bitte genau eine Word-Datei angeben.'}\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const path = resolve(args[0]!);
  const extension = extname(path).toLowerCase();
  if (extension === '.doc' || extension === '.dot' || extension === '.dotx' || extension === '.docm') {
    throw new AppError('invalid_argument', `${path} ist im Format ${extension}. Bitte in Word als „Word-Dokument (*.docx)“ speichern und diese Datei importieren.`);
  }
  if (extension !== '.docx') throw new AppError('invalid_argument', `${path} ist keine Word-Datei (.docx).`);
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new AppError('invalid_argument', `${path} ist ein Ordner, keine Word-Datei.`);
    bytes = readFileSync(path);
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', `Die Datei ${path} gibt es nicht.`, { cause });
    throw new AppError('unavailable', `Die Datei ${path} kann nicht gelesen werden (${code ?? 'Fehler'}).`, { cause });
  }
  const library = new TemplateLibrary(templatesDir, dataDir);
  const { id } = library.importWord(bytes, { fileName: basename(path), title: options.title });
  const template = wordTemplate(library, id);
  if (options.json) {
    io.stdout(JSON.stringify({ ...template.info, typeOrigins: template.typeOrigins }, null, 2) + '\n');
    return 0;
  }
  const n = template.info.fields.length;
  io.stdout(`Vorlage „${template.info.title}“ importiert: ${id}\n${n} ${n === 1 ? 'Feld' : 'Felder'}:\n`);
  printFields(template, io);
  io.stdout(`Typ eines Feldes ändern: stadtschreiber templates type ${id} <Feld-ID> <Typ>\n(Typen: ${FIELD_TYPE_LIST})\n`);
  return 0;
}

/**
 * `stadtschreiber templates type <template-id> <field-id> <type>`: changes the
 * type of a field of an imported template (German type word or its English id;
 * the field by id or label).
 */
export function templatesTypeCommand(dataDir: string, args: string[], options: { json: boolean }, io: CliIo, templatesDir = defaultTemplatesDir()): number {
  if (args.length !== 3) {
    io.stderr(`Fehler: Es ${args.length < 3 ? 'fehlt' : 'steht zu viel'}: Vorlage, Feld und Typ angeben.\n${TYPE_USAGE}\n(Typen: ${FIELD_TYPE_LIST})\n`);
    return 2;
  }
  const [templateId, fieldName, typeWord] = args as [string, string, string];
  const type = fieldTypeOfWord(typeWord);
  if (!type) throw new AppError('invalid_argument', `Unbekannter Feldtyp „${typeWord}“. Möglich sind: ${FIELD_TYPE_LIST}.`);
  const library = new TemplateLibrary(templatesDir, dataDir);
  const before = wordTemplate(library, templateId.trim());
  const wanted = fieldName.trim().toLocaleLowerCase('de');
  const field = before.info.fields.find((f) => f.id === fieldName.trim()) ?? before.info.fields.find((f) => f.label.toLocaleLowerCase('de') === wanted);
  if (!field) {
    throw new AppError('not_found', `Die Vorlage „${before.info.title}“ hat kein Feld „${fieldName}“. Ihre Felder: ${before.info.fields.map((f) => f.id).join(', ')}.`);
  }
  const info = library.setFieldType(before.info.id, field.id, type);
  if (options.json) {
    io.stdout(JSON.stringify(info, null, 2) + '\n');
    return 0;
  }
  io.stdout(`Feld „${field.label}“ (${field.id}) der Vorlage „${info.title}“: ${FIELD_TYPE_WORDS[field.type]} → ${FIELD_TYPE_WORDS[type]}\n`);
  return 0;
}
