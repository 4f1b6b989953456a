import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fieldValuesSchema, letterheadSchema, type FieldValues, type Letterhead, type TemplateField } from '../contract';
import type { Core } from '../core';
import { defaultTemplatesDir, readLogo, renderDraft, TemplateLibrary, validateDraft, validateLetterhead } from '../drafting/index';
import { AppError } from '../errors';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import { fieldMessages } from '../validate';
import type { CliIo } from './io';

interface DraftOptions {
  template?: string;
  data?: string;
  out?: string;
  letterhead?: string;
  templatesDir?: string;
}

/**
 * `stadtschreiber draft --template <id> --data <fields.json> --out <file.docx> [--letterhead <file.json>]`.
 * Invalid values: exit 1 with one German line per field on stderr, no file written.
 */
export async function draftCommand(core: Core, options: DraftOptions, io: CliIo): Promise<number> {
  const missing = (['template', 'data', 'out'] as const).filter((key) => !options[key]);
  if (missing.length > 0) {
    io.stderr(`Fehler: Es fehlt ${missing.map((k) => `--${k}`).join(', ')}.\nAufruf: stadtschreiber draft --template <id> --data <felder.json> --out <brief.docx> [--letterhead <briefkopf.json>]\n`);
    return 2;
  }
  const library = new TemplateLibrary(options.templatesDir ?? defaultTemplatesDir(), core.dataDir);
  const template = library.get(options.template!);
  const values = readJson(options.data!, 'Die Felddatei') as FieldValues;
  const parsedValues = fieldValuesSchema.safeParse(values);
  if (!parsedValues.success) return fieldErrors(fieldMessages(parsedValues.error), template.info.fields, io);
  const letterhead = options.letterhead ? readLetterhead(options.letterhead) : (await core.getSettings()).settings.letterhead;
  const letterheadErrors = validateLetterhead(letterhead);
  if (Object.keys(letterheadErrors).length > 0) return fieldErrors(letterheadErrors, template.info.fields, io);
  const errors = validateDraft(template, parsedValues.data);
  if (Object.keys(errors).length > 0) return fieldErrors(errors, template.info.fields, io);
  const docx = await renderDraft(template, parsedValues.data, letterhead, readLogo(core.dataDir));
  const out = resolve(options.out!);
  try {
    writeFileSync(out, docx);
  } catch (cause) {
    throw new AppError('unavailable', `Die Datei ${out} kann nicht geschrieben werden (${(cause as NodeJS.ErrnoException).code ?? 'Fehler'}).`, { cause });
  }
  io.stdout(`Brief „${template.info.title}“ gespeichert: ${out}\n`);
  return 0;
}

function fieldErrors(errors: Record<string, string>, fields: TemplateField[], io: CliIo): number {
  const labels = new Map(fields.map((f) => [f.id, f.label]));
  io.stderr(`Fehler: ${Object.keys(errors).length === 1 ? 'Ein Feld ist' : `${Object.keys(errors).length} Felder sind`} nicht richtig ausgefüllt:\n`);
  for (const [id, message] of Object.entries(errors)) {
    const key = id.split('.')[0]!;
    io.stderr(`  ${id}${labels.has(key) ? ` (${labels.get(key)})` : ''}: ${message}\n`);
  }
  return 1;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AppError('not_found', `${what} ${path} kann nicht gelesen werden (${(cause as NodeJS.ErrnoException).code ?? 'Fehler'}).`, { cause });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new AppError('invalid_argument', `${what} ${path} enthält kein gültiges JSON (${(cause as Error).message}).`, { cause });
  }
}

/** A letterhead file may leave out keys (they stay empty); the values are checked like the settings. */
function readLetterhead(path: string): Letterhead {
  const data = readJson(path, 'Die Briefkopf-Datei');
  const parsed = letterheadSchema.partial().strict().safeParse(data);
  if (!parsed.success) {
    const list = Object.entries(fieldMessages(parsed.error))
      .map(([key, message]) => `${key}: ${message}`)
      .join('; ');
    throw new AppError('invalid_argument', `Die Briefkopf-Datei ${path} ist ungültig – ${list}`);
  }
  return { ...DEFAULT_SETTINGS.letterhead, ...parsed.data };
}
