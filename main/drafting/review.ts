/**
 * The review gate. A draft is AI-assisted while a field holds text the AI
 * wrote (also after the clerk edited it: the wording still started with the
 * model). Such a draft is exported only after the clerk's explicit
 * "geprüft" (name and time). Any change to the letter afterwards — a field
 * value or the AI footer line — clears the review: what was signed off is
 * exactly what is exported. Notes and the citizen's letter are not part of
 * the letter and leave the review alone.
 */
import type { AiFieldMark, DraftReview, FieldValue, FieldValues } from '../contract';
import { AppError } from '../errors';
import type { DraftUpdate, StoredDraft } from './drafts-store';

export const REVIEW_REQUIRED =
  'Dieser Entwurf enthält Text, den die KI geschrieben hat. Bitte prüfen Sie ihn und bestätigen Sie „geprüft“ mit Ihrem Namen, bevor Sie ihn exportieren.';

const isEmpty = (value: FieldValue | undefined) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (typeof value === 'object' && Object.values(value).every((v) => !v || !String(v).trim()));

/** JSON with sorted keys: two addresses with the same parts are the same value. */
function canonical(value: FieldValue | undefined): string {
  if (isEmpty(value)) return '';
  if (typeof value === 'object' && value !== null) {
    return JSON.stringify(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '').sort(([a], [b]) => a.localeCompare(b))));
  }
  return JSON.stringify(value);
}

const sameValue = (a: FieldValue | undefined, b: FieldValue | undefined) => canonical(a) === canonical(b);

/** Field ids whose value differs between the two. */
function changedFields(before: FieldValues, after: FieldValues): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameValue(before[key], after[key]));
}

/** AI marks of fields that still hold a value. */
export function aiAssisted(values: FieldValues, aiFields: Record<string, AiFieldMark>): boolean {
  return Object.keys(aiFields).some((id) => !isEmpty(values[id]));
}

/**
 * What a change by the clerk does to the draft: AI fields that changed are
 * marked as edited, and the review is cleared when the letter changed.
 */
export function clerkEdit(draft: StoredDraft, change: { values?: FieldValues; aiNotice?: boolean; notes?: string; citizenLetter?: string }, now = new Date()): DraftUpdate {
  const update: DraftUpdate = {};
  if (change.notes !== undefined) update.notes = change.notes;
  if (change.citizenLetter !== undefined) update.citizenLetter = change.citizenLetter;
  let letterChanged = false;
  if (change.values !== undefined) {
    const changed = changedFields(draft.values, change.values);
    update.values = change.values;
    if (changed.length > 0) {
      letterChanged = true;
      const marks = { ...draft.aiFields };
      for (const id of changed) {
        const mark = marks[id];
        if (mark) marks[id] = { ...mark, editedAt: now.toISOString() };
      }
      update.aiFields = marks;
    }
  }
  if (change.aiNotice !== undefined && change.aiNotice !== draft.aiNotice) {
    update.aiNotice = change.aiNotice;
    letterChanged = true;
  }
  if (letterChanged && draft.review) update.review = null;
  return update;
}

/** Throws the German refusal when the draft needs "geprüft" and does not have it. */
export function assertExportable(draft: StoredDraft): void {
  if (aiAssisted(draft.values, draft.aiFields) && !draft.review) throw new AppError('invalid_argument', REVIEW_REQUIRED);
}

export function reviewOf(reviewer: string | null, now = new Date()): DraftReview | null {
  return reviewer === null ? null : { reviewer: reviewer.trim(), at: now.toISOString() };
}
