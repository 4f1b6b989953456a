/**
 * Checks and normalises the values of a template's fields: one German
 * message per field, keyed by the field's id. The form (live) and the CLI
 * both use it; a letter is only rendered from values that passed.
 */
import type { AddressValue, FieldErrors, FieldValue, FieldValues, TemplateField } from '../contract';
import { MAX_ADDRESS_LINES, textWidthMm, WINDOW_TEXT_WIDTH } from './din5008';
import { isoToday, parseAmount, parseDate } from './format';
import { compactIban, ibanProblem } from './iban';

export type FullAddress = Required<AddressValue>;

export type Normalized =
  | { type: 'text' | 'multiline' | 'reference' | 'choice'; text: string }
  | { type: 'date'; iso: string }
  | { type: 'amount'; cents: number }
  | { type: 'iban'; iban: string }
  | { type: 'person' | 'address'; value: FullAddress };

/** Valid, normalised values by field id; a field left empty has no entry. */
export type NormalizedValues = Map<string, Normalized>;

const MAX_LINE = 500;
const MAX_MULTILINE = 20_000;
const MAX_AMOUNT_CENTS = 100_000_000_000;
const REFERENCE = /^[\p{L}\p{N} .,\-/:()_§]+$/u;

/** The value a field starts with: its default, with "heute" as today's date. */
function defaultValue(field: TemplateField, now = new Date()): FieldValue {
  if (field.default === null) return null;
  if (field.type === 'date' && typeof field.default === 'string' && field.default.trim().toLowerCase() === 'heute') return isoToday(now);
  return field.default;
}

/** The values a new draft starts with (defaults resolved). */
export function initialValues(fields: TemplateField[], now = new Date()): FieldValues {
  const values: FieldValues = {};
  for (const field of fields) values[field.id] = defaultValue(field, now);
  return values;
}

/**
 * Validates every field (a value not given at all takes the field's default)
 * and reports keys that are no field of the template.
 */
export function validateFieldValues(fields: TemplateField[], values: FieldValues, now = new Date()): { values: NormalizedValues; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const normalized: NormalizedValues = new Map();
  const byId = new Map(fields.map((f) => [f.id, f]));
  const raw = (field: TemplateField) => (values[field.id] === undefined ? defaultValue(field, now) : values[field.id]!);
  for (const field of fields) {
    const result = checkValue(field, raw(field));
    if (typeof result === 'string') errors[field.id] = result;
    else if (result) normalized.set(field.id, result);
  }
  for (const field of fields) {
    if (errors[field.id] || normalized.has(field.id)) continue;
    const when = field.requiredWhen;
    const condition = when ? normalized.get(when.field) : undefined;
    const requiredNow = field.required || (when !== null && condition !== undefined && 'text' in condition && condition.text === when.equals);
    if (requiredNow) errors[field.id] = field.type === 'choice' ? 'Bitte eine Möglichkeit wählen.' : 'Bitte ausfüllen.';
  }
  // In the form's order, then keys that are no field of the template.
  const ordered: FieldErrors = {};
  for (const field of fields) if (errors[field.id]) ordered[field.id] = errors[field.id]!;
  for (const key of Object.keys(values)) if (!byId.has(key)) ordered[key] = `Diese Vorlage hat kein Feld „${key}“.`;
  return { values: normalized, errors: ordered };
}

/** A normalised value, null when the field is empty, or a German message. */
export function checkValue(field: TemplateField, value: FieldValue): Normalized | null | string {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  switch (field.type) {
    case 'person':
    case 'address':
      return checkPersonOrAddress(field.type, value);
    case 'amount': {
      if (typeof value !== 'string' && typeof value !== 'number') return 'Bitte einen Betrag in Euro angeben, z. B. 1.234,56.';
      const cents = parseAmount(value);
      if (cents === null) return 'Bitte einen Betrag in Euro angeben, z. B. 1.234,56 (höchstens zwei Nachkommastellen).';
      if (cents < 0) return 'Der Betrag darf nicht negativ sein.';
      if (cents > MAX_AMOUNT_CENTS) return 'Der Betrag ist zu hoch.';
      return { type: 'amount', cents };
    }
    default:
      break;
  }
  if (typeof value !== 'string') return 'Bitte einen Text angeben.';
  // Control characters (pasted from other programs) have no place in a letter and would break the .docx.
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  switch (field.type) {
    case 'multiline':
      return text.length > MAX_MULTILINE ? `Höchstens ${MAX_MULTILINE} Zeichen.` : { type: 'multiline', text };
    case 'date': {
      const iso = parseDate(text);
      return iso ? { type: 'date', iso } : 'Bitte ein gültiges Datum angeben, z. B. 14.03.2025.';
    }
    case 'iban':
      return ibanProblem(text) ?? { type: 'iban', iban: compactIban(text) };
    case 'choice': {
      const option = field.options.find((o) => o.value === text);
      return option ? { type: 'choice', text } : `Bitte eine der Möglichkeiten wählen: ${field.options.map((o) => o.label).join(', ')}.`;
    }
    default:
      break;
  }
  if (text.includes('\n')) return 'Bitte nur eine Zeile eingeben.';
  if (text.length > MAX_LINE) return `Höchstens ${MAX_LINE} Zeichen.`;
  if (field.type === 'reference') {
    if (text.length > 80) return 'Ein Aktenzeichen hat höchstens 80 Zeichen.';
    if (!REFERENCE.test(text)) return 'Ein Aktenzeichen besteht aus Buchstaben, Ziffern, Leerzeichen und . , - / : ( ) _ §.';
    return { type: 'reference', text };
  }
  return { type: 'text', text };
}

function checkPersonOrAddress(type: 'person' | 'address', value: FieldValue): Normalized | null | string {
  if (typeof value !== 'object' || value === null) {
    return type === 'person' ? 'Bitte Anrede, Vorname und Nachname angeben.' : 'Bitte die Anschrift mit Name, Straße, Postleitzahl und Ort angeben.';
  }
  const v: FullAddress = {
    salutation: value.salutation ?? '',
    title: (value.title ?? '').trim(),
    firstName: (value.firstName ?? '').trim(),
    lastName: (value.lastName ?? '').trim(),
    organisation: (value.organisation ?? '').trim(),
    extra: (value.extra ?? '').trim(),
    street: (value.street ?? '').trim(),
    postalCode: (value.postalCode ?? '').trim(),
    city: (value.city ?? '').trim(),
    country: (value.country ?? '').trim(),
  };
  if (Object.values(v).every((part) => part === '')) return null;
  if (type === 'person') {
    if (!v.lastName) return 'Bitte den Nachnamen angeben.';
    return { type, value: v };
  }
  const missing = [
    !v.lastName && !v.organisation ? 'Name oder Organisation' : '',
    !v.street ? 'Straße und Hausnummer (oder Postfach)' : '',
    !v.postalCode ? 'Postleitzahl' : '',
    !v.city ? 'Ort' : '',
  ].filter(Boolean);
  if (missing.length > 0) return `Die Anschrift ist unvollständig: ${missing.join(', ')} ${missing.length === 1 ? 'fehlt' : 'fehlen'}.`;
  const domestic = v.country === '' || /^(deutschland|germany|de)$/i.test(v.country);
  if (domestic && !/^\d{5}$/.test(v.postalCode)) return 'Die Postleitzahl hat fünf Ziffern.';
  return windowProblem(v, domestic) ?? { type, value: v };
}

/** The address must fit the Anschriftzone of the window: at most 6 lines, none wider than the window. */
function windowProblem(v: FullAddress, domestic: boolean): string | null {
  const person = [v.salutation === 'Herr' ? 'Herrn' : v.salutation, v.title, v.firstName, v.lastName].filter(Boolean).join(' ');
  const lines = [v.organisation, person, v.extra, v.street, [v.postalCode, v.city].filter(Boolean).join(' '), domestic ? '' : v.country.toUpperCase()]
    .flatMap((part) => part.split('\n'))
    .map((line) => line.trim())
    .filter(Boolean);
  if (lines.length > MAX_ADDRESS_LINES) {
    return `Die Anschrift hat ${lines.length} Zeilen; ins Sichtfenster passen höchstens ${MAX_ADDRESS_LINES}. Bitte kürzen, z. B. den Zusatz weglassen oder mit der Organisation zusammenfassen.`;
  }
  const long = lines.find((line) => textWidthMm(line, 11) > WINDOW_TEXT_WIDTH - 1);
  if (long) return `Die Zeile „${long}“ ist zu lang für das Sichtfenster (etwa ${Math.floor((long.length * (WINDOW_TEXT_WIDTH - 1)) / textWidthMm(long, 11))} Zeichen passen). Bitte kürzen.`;
  return null;
}
