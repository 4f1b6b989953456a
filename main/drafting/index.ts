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
 *   remedyForDraft(template, values, letterhead): { remedy, source } | null   the Rechtsbehelf the letter names
 *   missingForDraft(template, values, letterhead): MissingSetting[]
 *        settings the letter needs that are empty (declared in letter.requires, or printed by its text)
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
import type { FieldErrors, FieldValues, LetterPreview, Letterhead, MissingSetting, Remedy, RenderOptions, RequirableKey } from '../contract';
import { AppError } from '../errors';
import { composeLetter, lawContext } from './compose';
import { lawValue } from './land-law';
import { renderLetterDocx } from './docx-letter';
import { validateFieldValues } from './field-values';
import { ibanProblem } from './iban';
import type { Template } from './library';
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
  return composed(template, values, letterhead, options, now).letter;
}

/** The Rechtsbehelf a letter with a Rechtsbehelfsbelehrung names, and its source; null for other letters or without a Land. */
export function remedyForDraft(template: Template, values: FieldValues, letterhead: Letterhead, now = new Date()): { remedy: Remedy; source: string } | null {
  if (template.kind !== 'letter' || !template.blocks.has('rechtsbehelfsbelehrung')) return null;
  const { area, override } = lawContext(template, validateFieldValues(template.info.fields, values, now).values);
  const remedy = lawValue(letterhead.land, area, override, 'remedy') as Remedy | '';
  return remedy ? { remedy, source: lawValue(letterhead.land, area, override, 'remedySource') } : null;
}

/** The settings this letter needs that are empty: the form names them, the export refuses them. */
export function missingForDraft(template: Template, values: FieldValues, letterhead: Letterhead, now = new Date()): MissingSetting[] {
  return composed(template, values, letterhead, {}, now).missing;
}

function composed(template: Template, values: FieldValues, letterhead: Letterhead, options: RenderOptions, now: Date): { letter: LetterPreview; missing: MissingSetting[] } {
  const { values: valid } = validateFieldValues(template.info.fields, values, now);
  if (template.kind === 'word') return { letter: previewWordTemplate(template, valid, letterhead), missing: missingSettings(template.info.requires, new Set(), letterhead) };
  const usedEmpty = new Set<RequirableKey>();
  const letter = composeLetter(template, valid, letterhead, options.aiNotice, usedEmpty);
  return { letter, missing: missingSettings(template.info.requires, usedEmpty, letterhead) };
}

export async function renderDraft(template: Template, values: FieldValues, letterhead: Letterhead, logo: Logo | null, options: RenderOptions = {}, now = new Date()): Promise<Buffer> {
  const { values: valid, errors } = validateFieldValues(template.info.fields, values, now);
  if (Object.keys(errors).length > 0) {
    const count = Object.keys(errors).length;
    throw new AppError('invalid_argument', count === 1 ? 'Ein Feld ist nicht richtig ausgefüllt.' : `${count} Felder sind nicht richtig ausgefüllt.`, { fields: errors });
  }
  if (template.kind === 'word') {
    assertComplete(missingSettings(template.info.requires, new Set(), letterhead));
    return renderWordTemplate(template, valid, letterhead);
  }
  const usedEmpty = new Set<RequirableKey>();
  const letter = composeLetter(template, valid, letterhead, options.aiNotice, usedEmpty);
  assertComplete(missingSettings(template.info.requires, usedEmpty, letterhead));
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
