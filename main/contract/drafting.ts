/* Letters from templates, drafts, the AI assist. */
import { MAX_TEXT, z } from './common';
import type { Remedy } from './law';
import type { SearchHit } from './search';

/** Field types of a letter template (templates/*.md, see README "Briefe und Vorlagen"). */
export const TEMPLATE_FIELD_TYPES = ['text', 'multiline', 'date', 'amount', 'choice', 'address', 'reference', 'person', 'iban'] as const;
export type TemplateFieldType = (typeof TEMPLATE_FIELD_TYPES)[number];

export interface ChoiceOption {
  value: string;
  label: string;
}

export interface TemplateField {
  /** Key in the field values and in placeholders ({{id}}). */
  id: string;
  label: string;
  type: TemplateFieldType;
  required: boolean;
  /** Required only while another (choice) field has this value. */
  requiredWhen: { field: string; equals: string } | null;
  /** Pre-filled value ("heute" for a date is resolved to today's date by the core). */
  default: FieldValue | null;
  help: string;
  /** For type choice. */
  options: ChoiceOption[];
  /** Free text the AI may draft (text and multiline only); everything else the clerk fills. */
  ai: boolean;
}

/** Letterhead keys a template may require; address stands for street, postal code and town. */
export const REQUIRABLE_KEYS = [
  'authority',
  'department',
  'address',
  'contactPerson',
  'phone',
  'email',
  'website',
  'openingHours',
  'bankName',
  'iban',
  'bic',
  'land',
  'administrativeCourt',
  'dpoContact',
  'retention',
] as const;
export type RequirableKey = (typeof REQUIRABLE_KEYS)[number];

/** Something the letter needs from the settings that is not there yet, in German for the form and the export. */
export interface MissingSetting {
  key: RequirableKey;
  label: string;
}

export interface TemplateInfo {
  id: string;
  title: string;
  category: string;
  description: string;
  /** builtin: shipped in templates/; imported: the office's own Word template (its layout is kept). */
  source: 'builtin' | 'imported';
  fields: TemplateField[];
  /** Fixed text blocks the body may insert word for word (never drafted by the AI). */
  fixedBlocks: { id: string; title: string }[];
  /** What the letter needs from the Briefkopf settings before it can be exported. */
  requires: RequirableKey[];
}

export const PERSON_SALUTATIONS = ['Frau', 'Herr', ''] as const;

const part = (max = MAX_TEXT) => z.string().max(max, { message: `Höchstens ${max} Zeichen.` }).optional();

/** A person: "Frau Dr. Erika Mustermann". Missing parts are empty. */
export const personValueSchema = z
  .object({ salutation: z.enum(PERSON_SALUTATIONS).optional(), title: part(), firstName: part(), lastName: part() })
  .strict();
/** A postal address; the person parts are empty when it goes to an organisation. */
export const addressValueSchema = personValueSchema
  .extend({ organisation: part(), extra: part(), street: part(), postalCode: part(20), city: part(), country: part() })
  .strict();
export type PersonValue = z.infer<typeof personValueSchema>;
export type AddressValue = z.infer<typeof addressValueSchema>;

/**
 * What a field holds: text for text, multiline, date ("2025-03-14" or
 * "14.03.2025"), amount ("1.234,56" or a number), choice (the option's value),
 * reference and iban; an object for person and address.
 */
export const fieldValueSchema = z.union([z.string().max(50_000, { message: 'Der Text ist zu lang.' }), z.number(), addressValueSchema, z.null()]);
export type FieldValue = z.infer<typeof fieldValueSchema>;
export const fieldValuesSchema = z.record(z.string().max(100), fieldValueSchema);
export type FieldValues = z.infer<typeof fieldValuesSchema>;

/** One German message per field, keyed by the field's id. Empty: the values are valid. */
export type FieldErrors = Record<string, string>;

export const templateIdSchema = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: 'Unbekannte Vorlage.' });

/** The type of one field of an imported Word template, changed by the clerk (date, amount, …). */
export const setTemplateFieldTypeSchema = z
  .object({
    templateId: templateIdSchema,
    fieldId: z.string().trim().min(1, { message: 'Unbekanntes Feld.' }).max(100, { message: 'Unbekanntes Feld.' }),
    type: z.enum(TEMPLATE_FIELD_TYPES, { message: 'Unbekannter Feldtyp.' }),
  })
  .strict();

/** How a letter is rendered; the review gate sets aiNotice for AI-assisted letters. */
export const renderOptionsSchema = z
  .object({
    /** A footer line stating AI assistance (EU AI Act transparency); empty or absent: none. */
    aiNotice: z.string().trim().max(300, { message: 'Höchstens 300 Zeichen.' }).optional(),
  })
  .strict();
export type RenderOptions = z.infer<typeof renderOptionsSchema>;

/** A piece of a paragraph; fieldId when the text is a field's value (for highlighting in the preview). */
export interface LetterRun {
  text: string;
  bold: boolean;
  fieldId: string | null;
}

/**
 * A paragraph of the letter body. origin says where it came from: the
 * template's own wording, a fixed block (word for word, locked) or a field
 * (AI-draftable when that field has ai: true).
 */
export interface LetterBlock {
  kind: 'paragraph' | 'heading' | 'listItem';
  runs: LetterRun[];
  origin: { kind: 'template' } | { kind: 'fixed'; blockId: string } | { kind: 'field'; fieldId: string };
}

/** The composed letter: what the .docx shows, for the live preview. */
export interface LetterPreview {
  templateId: string;
  /** din5008: a shipped template in the app's layout; word: an imported Word template (body = its paragraphs). */
  layout: 'din5008' | 'word';
  returnAddress: string;
  /** The return address as printed: wrapped to fit the window (one or two lines, 7 or 6 pt). */
  returnAddressLines: string[];
  /** Zusatz- und Vermerkzone above the return address, e.g. ["Einschreiben"]; at most 3 lines. */
  noteZone: string[];
  recipient: string[];
  info: { label: string; value: string }[];
  subject: string;
  salutation: string;
  body: LetterBlock[];
  closing: string;
  /** The signature lines; an empty line marks the space for the handwritten signature (signed only). */
  signature: string[];
  /** From the letterhead: signed (space for the signature) or machine (no signature, see signatureNote). */
  signatureMode: 'signed' | 'machine';
  /** machine: "Dieses Schreiben wurde maschinell erstellt …", printed after the signature; signed: null. */
  signatureNote: string | null;
  /** Anlagenvermerk: one item per line, printed under "Anlage"/"Anlagen"; empty: none. */
  enclosures: string[];
  aiNotice: string | null;
}

/** The letterhead logo stored in the data folder. */
export interface LogoInfo {
  mimeType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  sizeBytes: number;
}

/** The templates the clerk can choose, and those that failed to load (German, file and field named). */
export interface TemplateList {
  templates: TemplateInfo[];
  problems: string[];
}

/** The composed letter for the live preview, and the German message of every field that is not valid yet. */
export interface DraftPreview {
  letter: LetterPreview;
  errors: FieldErrors;
  /** Settings the template requires that are empty: the export is refused until they are set. */
  missing: MissingSetting[];
  /** For a letter with a Rechtsbehelfsbelehrung: which Rechtsbehelf it names and why (the Land's rule or the clerk's choice). */
  remedy: { remedy: Remedy; source: string } | null;
}

/** A field the AI wrote: with which model and when; editedAt once the clerk changed it afterwards. */
export interface AiFieldMark {
  model: string;
  at: string;
  editedAt: string | null;
  /**
   * For a fact (name, address, date, amount, reference): the sentence or line
   * of the clerk's notes or the citizen's letter it was taken from. Absent for
   * free text and in drafts stored before evidence was kept.
   */
  evidence?: string;
}

/** The clerk's sign-off of an AI-assisted draft ("geprüft"). Any change to the draft clears it. */
export interface DraftReview {
  reviewer: string;
  at: string;
}

export interface DraftSummary {
  id: number;
  templateId: string;
  templateTitle: string;
  /** The recipient's name, to tell drafts of one template apart (never text the AI wrote); empty when not filled yet. */
  label: string;
  /** True when a field holds text the AI wrote (also when the clerk edited it afterwards). */
  aiAssisted: boolean;
  review: DraftReview | null;
  exportedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A letter being written: autosaved in the database while the clerk types and before every AI call. */
export interface Draft extends DraftSummary {
  values: FieldValues;
  /** Fields the AI wrote, by field id; fields not listed were filled by the clerk (or are defaults). */
  aiFields: Record<string, AiFieldMark>;
  /** The search hits the last AI suggestion was grounded in. */
  aiSources: SearchHit[];
  /** What the clerk gave the AI: notes, and the citizen's letter. */
  notes: string;
  citizenLetter: string;
  /** Print the footer line stating AI assistance (only for AI-assisted drafts; default on). */
  aiNotice: boolean;
  /** Whether an AI-assisted draft needs "geprüft" before it can be exported. */
  needsReview: boolean;
  errors: FieldErrors;
  /** Settings the template requires that are empty (see DraftPreview.missing). */
  missing: MissingSetting[];
}

/** Whether "Entwurf vorschlagen" can be used, and why not. */
export interface AssistStatus {
  available: boolean;
  model: string | null;
  /** German: why the assist is off and what to do; null when available. */
  reason: string | null;
}

export interface AssistResult {
  draft: Draft;
  model: string;
  /** Field ids the AI filled in this suggestion. */
  filled: string[];
  /** Fields whose suggestion did not pass the check (kept empty), with the German reason. */
  rejected: Record<string, string>;
  /** For the facts the AI filled, by field id: the passage of the notes or the letter that contains the value. */
  evidence?: Record<string, string>;
  sources: SearchHit[];
}

export const draftIdSchema = z.number().int().positive();
const draftTextSchema = (what: string) => z.string().max(50_000, { message: `${what} ist zu lang (höchstens 50 000 Zeichen).` });

export const saveDraftSchema = z
  .object({
    id: draftIdSchema,
    values: fieldValuesSchema.optional(),
    notes: draftTextSchema('Die Notiz').optional(),
    citizenLetter: draftTextSchema('Das Schreiben').optional(),
    aiNotice: z.boolean().optional(),
  })
  .strict();

export const assistDraftSchema = z
  .object({
    id: draftIdSchema,
    /** Chosen by the caller, so that it can stop the suggestion before the call returns. */
    assistId: z.string().min(1).max(100),
    /** The form as it is now: saved before the model is asked. */
    values: fieldValuesSchema.optional(),
    notes: draftTextSchema('Die Notiz').optional(),
    citizenLetter: draftTextSchema('Das Schreiben').optional(),
  })
  .strict();
