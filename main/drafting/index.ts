/**
 * Drafting: letters from templates, rendered to DIN 5008 .docx.
 *
 * The API other parts build on (the Entwürfe page through core calls, the
 * AI assist, the review gate, the CLI). Types shared with the renderer live
 * in main/contract.ts (section "drafting").
 *
 *   const library = new TemplateLibrary(templatesDir ?? defaultTemplatesDir(), dataDir);
 *   library.list(): TemplateInfo[]            shipped + imported, by category and title
 *   library.problems(): string[]              templates that failed to load (German, file + field)
 *   library.get(id): Template                 throws AppError not_found
 *   library.sample(id): FieldValues           example values of a shipped template
 *   library.importWord(bytes, { fileName, title?, description? }): TemplateInfo
 *   library.removeImported(id): void
 *   library.setFieldType(id, fieldId, type): TemplateInfo   type of a field of an imported Word template
 *   library.reload(): void                    re-read templates/ after an admin changed it
 *
 *   initialValues(template.info.fields, now?): FieldValues         defaults ("heute" → today)
 *   validateDraft(template, values, now?): FieldErrors              {} when valid; one German message per field id
 *   previewDraft(template, values, letterhead, options?): LetterPreview
 *        the composed letter for the live preview; invalid fields are left empty; blocks carry
 *        their origin (template wording / fixed block = locked / field, AI-draftable if field.ai)
 *   draftPreview(template, values, letterhead, options?): DraftPreview
 *        letter, field errors, missing settings and the Rechtsbehelf it names, from one composition
 *   checkDraft(template, values, letterhead): { errors, missing }   field errors and missing settings
 *        (missing: declared in letter.requires, or printed by the letter's text)
 *   renderDraft(template, values, letterhead, logo, options?): Promise<Buffer>
 *        the .docx (DIN 5008 Form B, or the filled Word template); throws
 *        AppError('invalid_argument', …, { fields: FieldErrors }) when a value is invalid
 *        or a required setting is missing (German message naming each).
 *        options.aiNotice: footer line stating AI assistance (set by the review gate; see AI_NOTICE).
 *
 *   setLogo(dataDir, bytes): LogoInfo / clearLogo(dataDir) / readLogo(dataDir): Logo | null
 *        the letterhead logo (PNG or JPEG by its bytes, at most 1 MB), German AppErrors.
 *   validateLetterhead(letterhead): FieldErrors   IBAN check digits etc., keyed "letterhead.<key>"
 *
 * Which parts the AI may draft: `template.info.fields.filter(f => f.ai)` (free text only);
 * fixed blocks (Rechtsbehelfsbelehrung, Datenschutzhinweis) come word for word from
 * templates/blocks/ and are never fields, so no model output can change them.
 */
import type { DraftPreview, FieldErrors, FieldValues, LetterPreview, Letterhead, MissingSetting, Remedy, RenderOptions, RequirableKey } from '../contract';
import { AppError } from '../errors';
import { composeLetter, lawContext } from './compose';
import { lawValue } from './land-law';
import { renderLetterDocx } from './docx-letter';
import { validateFieldValues, type NormalizedValues } from './field-values';
import { ibanProblem } from './iban';
import type { Template } from './library';
import type { LetterTemplate } from './template-load';
import type { Logo } from './logo';
import { assertComplete, missingSettings } from './requirements';
import { previewWordTemplate, renderWordTemplate } from './word-template';

export { defaultTemplatesDir, TemplateLibrary, type Template } from './library';
export { initialValues } from './field-values';
export { clearLogo, inspectLogo, readLogo, setLogo, MAX_LOGO_BYTES, type Logo } from './logo';
export { analyseWordTemplate } from './word-template';

/** The footer line the review gate may set (EU AI Act, Art. 50: transparency). */
export const AI_NOTICE = 'Dieses Schreiben wurde mit Unterstützung eines KI-Systems entworfen und von der zuständigen Sachbearbeitung geprüft.';

export function validateDraft(template: Template, values: FieldValues, now = new Date()): FieldErrors {
  return validateFieldValues(template.info.fields, values, now).errors;
}

export function previewDraft(template: Template, values: FieldValues, letterhead: Letterhead, options: RenderOptions = {}, now = new Date()): LetterPreview {
  const { values: valid } = validateFieldValues(template.info.fields, values, now);
  return template.kind === 'word' ? previewWordTemplate(template, valid, letterhead) : composeChecked(template, valid, letterhead, options).letter;
}

/** What the form shows beside a draft — the letter, the field errors, the missing settings, the Rechtsbehelf — from one validation and one composition. */
export function draftPreview(template: Template, values: FieldValues, letterhead: Letterhead, options: RenderOptions = {}, now = new Date()): DraftPreview {
  const { values: valid, errors } = validateFieldValues(template.info.fields, values, now);
  if (template.kind === 'word') return { letter: previewWordTemplate(template, valid, letterhead), errors, missing: declaredMissing(template, letterhead), remedy: null };
  return { ...composeChecked(template, valid, letterhead, options), errors, remedy: remedyOf(template, valid, letterhead) };
}

/** The field errors and the settings the letter needs that are empty (the form names them, the export refuses them); a Word template is not previewed for it (no file read). */
export function checkDraft(template: Template, values: FieldValues, letterhead: Letterhead, now = new Date()): Pick<DraftPreview, 'errors' | 'missing'> {
  const { values: valid, errors } = validateFieldValues(template.info.fields, values, now);
  const missing = template.kind === 'word' ? declaredMissing(template, letterhead) : composeChecked(template, valid, letterhead, {}).missing;
  return { errors, missing };
}

/** A Word template needs what it declares (its text is the office's own). */
const declaredMissing = (template: Template, letterhead: Letterhead) => missingSettings(template.info.requires, new Set(), letterhead);

/** The composed letter and the settings it needs that are empty: declared by the template or printed by its text. */
function composeChecked(template: LetterTemplate, valid: NormalizedValues, letterhead: Letterhead, options: RenderOptions): { letter: LetterPreview; missing: MissingSetting[] } {
  const usedEmpty = new Set<RequirableKey>();
  const letter = composeLetter(template, valid, letterhead, options.aiNotice, usedEmpty);
  return { letter, missing: missingSettings(template.info.requires, usedEmpty, letterhead) };
}

/** The Rechtsbehelf a letter with a Rechtsbehelfsbelehrung names, and its source; null for other letters or without a Land. */
function remedyOf(template: LetterTemplate, valid: NormalizedValues, letterhead: Letterhead): DraftPreview['remedy'] {
  if (!template.blocks.has('rechtsbehelfsbelehrung')) return null;
  const { area, override } = lawContext(template, valid);
  const remedy = lawValue(letterhead.land, area, override, 'remedy') as Remedy | '';
  return remedy ? { remedy, source: lawValue(letterhead.land, area, override, 'remedySource') } : null;
}

export async function renderDraft(template: Template, values: FieldValues, letterhead: Letterhead, logo: Logo | null, options: RenderOptions = {}, now = new Date()): Promise<Buffer> {
  const { values: valid, errors } = validateFieldValues(template.info.fields, values, now);
  if (Object.keys(errors).length > 0) {
    const count = Object.keys(errors).length;
    throw new AppError('invalid_argument', count === 1 ? 'Ein Feld ist nicht richtig ausgefüllt.' : `${count} Felder sind nicht richtig ausgefüllt.`, { fields: errors });
  }
  if (template.kind === 'word') {
    assertComplete(declaredMissing(template, letterhead));
    return renderWordTemplate(template, valid, letterhead);
  }
  const { letter, missing } = composeChecked(template, valid, letterhead, options);
  assertComplete(missing);
  return renderLetterDocx(letter, letterhead, logo);
}

/** Checks what the settings schema cannot: the IBAN's check digits. */
export function validateLetterhead(letterhead: Letterhead): FieldErrors {
  const errors: FieldErrors = {};
  if (letterhead.iban.trim()) {
    const problem = ibanProblem(letterhead.iban);
    if (problem) errors['letterhead.iban'] = problem;
  }
  return errors;
}
