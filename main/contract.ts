/**
 * The one description of what the interface may ask of the core.
 *
 * Every call: its name, the zod schema of its argument and the type of its
 * result. Every event the core pushes. electron/, renderer/ and e2e/ derive
 * their channels and types from here; nothing else defines a channel name.
 * This file must stay free of Node and DOM imports: the renderer imports its
 * types, the preload script imports its call list.
 */
import { z } from 'zod';

// Messages zod writes itself (type errors, unknown keys) are shown to clerks: German.
z.config(z.locales.de());

export const OLLAMA_DEFAULT_HOST = 'http://127.0.0.1:11434';

/* ------------------------------------------------------------------ errors */

export const ERROR_CODES = [
  'invalid_argument',
  'not_found',
  'unavailable',
  'timeout',
  'cancelled',
  'db_too_new',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a failed call returns: a code for programs, a German message for people. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Per-field German messages, keyed by the field's path (e.g. "letterhead.email"). */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/* ---------------------------------------------------------------- settings */

const MAX_TEXT = 200;

/** http(s) URL with a host; a path is allowed (Ollama behind a reverse proxy). */
export const ollamaHostSchema = z
  .string()
  .trim()
  .max(500, { message: 'Die Adresse ist zu lang.' })
  .refine((value) => value === '' || isHttpUrl(value), {
    message: 'Bitte eine gültige Adresse mit http:// oder https:// angeben, z. B. http://127.0.0.1:11434.',
  });

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Ollama model names look like "llama3.1:8b" or "namespace/model:tag". */
export const modelNameSchema = z
  .string()
  .trim()
  .max(MAX_TEXT, { message: 'Der Modellname ist zu lang.' })
  .regex(/^$|^[A-Za-z0-9][A-Za-z0-9._\-/:]*$/, {
    message: 'Ein Modellname besteht aus Buchstaben, Ziffern und . _ - / : (z. B. qwen2.5:7b).',
  });

const text = (max = MAX_TEXT) =>
  z.string().trim().max(max, { message: `Höchstens ${max} Zeichen.` });

export const letterheadSchema = z.object({
  authority: text(),
  department: text(),
  street: text(),
  postalCode: text(5).regex(/^$|^\d{5}$/, { message: 'Die Postleitzahl hat fünf Ziffern.' }),
  city: text(),
  contactPerson: text(),
  phone: text(50).regex(/^$|^[+0-9 ()/-]+$/, {
    message: 'Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten.',
  }),
  email: text().refine((v) => v === '' || z.email().safeParse(v).success, {
    message: 'Bitte eine gültige E-Mail-Adresse angeben.',
  }),
  website: text(),
  openingHours: text(500),
  bankName: text(),
  iban: text(42),
  bic: text(11),
});
export type Letterhead = z.infer<typeof letterheadSchema>;

export const settingsSchema = z.object({
  /** Empty: use OLLAMA_HOST, else the default. */
  ollamaHost: ollamaHostSchema,
  chatModel: modelNameSchema,
  embeddingModel: modelNameSchema,
  letterhead: letterheadSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z
  .object({
    ollamaHost: ollamaHostSchema,
    chatModel: modelNameSchema,
    embeddingModel: modelNameSchema,
    letterhead: letterheadSchema.partial(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings together with what the core made of them. */
export interface SettingsView {
  settings: Settings;
  /** The Ollama host actually used, after OLLAMA_HOST and the default. */
  effectiveOllamaHost: string;
  ollamaHostSource: 'settings' | 'environment' | 'default';
}

/* ------------------------------------------------------------------ ollama */

export interface OllamaModel {
  name: string;
  sizeBytes: number;
  modifiedAt: string;
  family: string;
  parameterSize: string;
  quantization: string;
}

export interface OllamaStatus {
  host: string;
  reachable: boolean;
  version: string | null;
  models: OllamaModel[];
  /** Why it is not reachable, in German, with what to do. */
  error: ApiError | null;
  checkedAt: string;
}

/** What Ollama's /api/show says a model can do: "completion" (chat), "embedding", "tools", "vision", … */
export type ModelCapability = string;

/** An installed model with what it can do (from /api/show). */
export interface InstalledModel extends OllamaModel {
  capabilities: ModelCapability[];
  /** Can write answers and letters ("completion"). */
  chat: boolean;
  /** Can turn text into vectors for the semantic search ("embedding"). */
  embedding: boolean;
  /** The longest context the model was trained for, in tokens; null when Ollama does not say. */
  contextLength: number | null;
}

/** A model that handles German well, suggested in Einstellungen. */
export interface ModelSuggestion {
  name: string;
  use: 'chat' | 'embedding';
  /** One German line: what it is good at, its size. */
  description: string;
  installed: boolean;
}

export interface ModelList {
  host: string;
  reachable: boolean;
  models: InstalledModel[];
  suggestions: ModelSuggestion[];
  /** Downloads that are running now (so a page opened later shows them). */
  pulls: PullProgress[];
  /** Why the models could not be listed, in German, with what to do. */
  error: ApiError | null;
}

/** A model download (/api/pull), pushed as it goes. */
export interface PullProgress {
  pullId: string;
  name: string;
  /** Ollama's own status line: "pulling manifest", "pulling 6a0746a1ec1a", "verifying sha256 digest", "success". */
  status: string;
  /** Bytes downloaded and to download, summed over the model's layers seen so far. */
  completed: number;
  total: number;
  done: boolean;
  /** Set when the download ended without success; code "cancelled" when the clerk stopped it. */
  error?: ApiError;
}

const pullIdSchema = z.string().min(1).max(100);
export const pullModelSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: 'Bitte einen Modellnamen angeben, z. B. qwen2.5:7b.' })
      .pipe(modelNameSchema),
  })
  .strict();

/* --------------------------------------------------------------------- app */

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  /** The database's health (always set by the core). */
  database?: DatabaseState;
}

export interface DatabaseState {
  /** ok: checked since the start and sound; unchecked: not checked (a large index after a clean end); damaged: see message. */
  state: 'ok' | 'unchecked' | 'damaged';
  /** German: what is damaged, or what the repair at this start did. */
  message: string | null;
  /** A repair (repairDatabase) runs at the next start. */
  repairScheduled: boolean;
}

/* -------------------------------------------------------------- documents */

export const DOCUMENT_KINDS = ['pdf', 'docx', 'odt', 'html', 'md', 'txt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface FolderInfo {
  id: number;
  path: string;
  addedAt: string;
  documents: number;
  chunks: number;
  /** Files that could not be indexed (errors and scans), and unsupported files. */
  problems: number;
  unsupported: number;
}

export interface DocumentInfo {
  id: number;
  folderId: number;
  path: string;
  title: string;
  kind: DocumentKind | 'unknown';
  status: 'indexed' | 'scan' | 'error' | 'unsupported';
  /** German reason for scan, error and unsupported. */
  reason: string | null;
  chunks: number;
  pages: number | null;
  encoding: string | null;
  sizeBytes: number;
  indexedAt: string;
  /** What the document says about itself (authority, type, validity). */
  meta: DocumentMeta;
}

export interface FileProblem {
  path: string;
  reason: string;
}

export interface IndexProgress {
  jobId: string;
  /** `waiting`: another job (another process) is indexing this data folder; this one starts when it ends. */
  phase: 'waiting' | 'scanning' | 'indexing' | 'refining' | 'optimizing' | 'embedding' | 'done' | 'cancelled' | 'failed';
  /** Files handled / files found. */
  done: number;
  total: number;
  currentFile: string | null;
  indexed: number;
  unchanged: number;
  removed: number;
  problems: FileProblem[];
  /** Chunks given vectors / chunks that needed them (phase embedding). */
  embedded?: number;
  toEmbed?: number;
  /** German summary for phase failed, who is indexing meanwhile (waiting), or why the embedding phase stopped. */
  message?: string;
}

export const folderPathSchema = z
  .string()
  .trim()
  .min(1, { message: 'Bitte einen Ordner angeben.' })
  .max(4000, { message: 'Der Pfad ist zu lang.' });

const idSchema = z.number().int().positive();

/* ------------------------------------------------------------------ search */

/**
 * What a chunk is within its document: ordinary text, or the document's own
 * apparatus that names every section's words and answers nothing — a table
 * of contents, the front matter, a "(Rechtsgrundlage)" preamble. Recognised
 * by structure at indexing time; such chunks rank low and are never sources.
 */
export const CHUNK_ROLES = ['body', 'toc', 'front', 'preamble'] as const;
export type ChunkRole = (typeof CHUNK_ROLES)[number];

/** In force, superseded (Altfassung, außer Kraft, a later version exists), or not stated. */
export const VALIDITIES = ['current', 'superseded', 'unknown'] as const;
export type Validity = (typeof VALIDITIES)[number];

/**
 * What a document says about itself: from YAML front matter, the document
 * properties of DOCX/ODT/PDF, and its first lines. Every field may be
 * unknown.
 */
export interface DocumentMeta {
  /** The municipality or authority that issued it ("Konstanz", "Landkreis Konstanz"). */
  authority: string | null;
  /** The kind of document as the office names it: "Satzung", "Verordnung", "Richtlinie", "Gesetz", … */
  docType: string | null;
  /** ISO date (YYYY-MM-DD) from which it applies, when stated. */
  validFrom: string | null;
  /** ISO date until which it applied, when stated (außer Kraft). */
  validUntil: string | null;
  validity: Validity;
}

/** Metadata of a document that states nothing about itself (and of hits stored before metadata was read). */
export const NO_META: DocumentMeta = Object.freeze({ authority: null, docType: null, validFrom: null, validUntil: null, validity: 'unknown' });

export interface SearchHit {
  chunkId: number;
  documentId: number;
  /** Absolute path of the source file. */
  path: string;
  title: string;
  /** Heading path, outermost first, joined with " › ". */
  heading: string;
  lineStart: number | null;
  lineEnd: number | null;
  page: number | null;
  kind: DocumentKind;
  /** What the chunk is within its document (body text, table of contents, …). */
  role: ChunkRole;
  /** The document's own metadata (authority, type, validity). */
  meta: DocumentMeta;
  /** Higher is better; comparable within one result list. */
  score: number;
  snippet: string;
  /** [start, end) character ranges in `snippet` of the matching words. */
  highlights: [number, number][];
}

export interface SearchResult {
  query: string;
  hits: SearchHit[];
  /** How the hits were found: lexical only, or lexical fused with vectors. */
  mode: 'lexical' | 'hybrid';
  /** Why vector search was not used, when an embedding model is configured but failed. */
  notice: string | null;
  tookMs: number;
}

export const searchSchema = z
  .object({
    query: z.string().max(1000, { message: 'Die Suchanfrage ist zu lang (höchstens 1000 Zeichen).' }),
    limit: z.number().int().min(1).max(100).default(10),
    folderIds: z.array(idSchema).max(100).optional(),
    kinds: z.array(z.enum(DOCUMENT_KINDS)).max(6).optional(),
  })
  .strict();

export interface Passage {
  hit: SearchHit;
  /** The whole passage, and the ranges of its words that match the query. */
  text: string;
  highlights: [number, number][];
  /** The chunks around the passage, for context in the source view. */
  before: { heading: string; text: string }[];
  after: { heading: string; text: string }[];
}

/* ---------------------------------------------------------------- research */

/** A passage whose sentences that match the question are marked: the answer without a language model. */
export interface ExtractivePassage {
  n: number;
  hit: SearchHit;
  text: string;
  /** [start, end) ranges in `text` of the sentences that match the question. */
  highlights: [number, number][];
}

/** A source the answer cites, as [n] in its text. */
export type Citation = { n: number } & Pick<SearchHit, 'chunkId' | 'documentId' | 'path' | 'title' | 'heading' | 'lineStart' | 'lineEnd' | 'page'>;

/**
 * One sentence of an answer as checked against the sources it cites: its
 * numbers, amounts, dates, periods, § references and content words must be
 * found in a cited passage (with the same German analysis as search).
 */
export interface Claim {
  text: string;
  /** [start, end) of the sentence in the answer. */
  start: number;
  end: number;
  /** The source numbers the sentence cites (its own, or the paragraph's when it has none). */
  citations: number[];
  supported: boolean;
  /** German, for the clerk: why the sentence is not backed by what it cites; null when supported. */
  reason: string | null;
}

/**
 * generated: written by the model from the sources; extractive: the best
 * passages without a model; abstained: nothing relevant enough was found
 * (the model was not asked), or the model said that the sources do not
 * answer the question.
 */
export type AnswerMode = 'generated' | 'extractive' | 'abstained';

export interface AnswerTurn {
  id: number;
  conversationId: number;
  question: string;
  /** The answer as shown: citations of sources that were not given are removed. */
  answer: string;
  mode: AnswerMode;
  /** The chat model that wrote it (generated), else null. */
  model: string | null;
  /** The numbered sources ([1] is sources[0]); when abstained, the closest hits. */
  sources: SearchHit[];
  /** The sources the answer cites, in order of first citation. */
  citations: Citation[];
  /** Numbers the model cited although no such source was given (removed from the answer). */
  removedCitations: number[];
  /**
   * True when every citation maps to a given source, the answer cites at
   * least one, and every sentence with content is supported by what it cites.
   */
  verified: boolean;
  /** Every sentence of the answer with content, checked against its citations (empty when abstained). */
  claims: Claim[];
  /** Abstained: German, why the closest hits (in `sources`) were not enough; null otherwise. */
  abstainReason: string | null;
  /** False when retrieval found nothing relevant enough. */
  grounded: boolean;
  /** True when the answer broke off (stopped, error, timeout): what arrived is kept. */
  unfinished: boolean;
  /** Passages for the extractive answer (without Ollama or without a chat model). */
  extract: ExtractivePassage[];
  /** German: why the answer is extractive or unfinished, and what to do. */
  notice: string | null;
  /** The context window requested from Ollama, and the prompt size in estimated tokens. */
  numCtx: number | null;
  promptTokens: number | null;
  createdAt: string;
}

export interface ConversationSummary {
  id: number;
  title: string;
  turns: number;
  createdAt: string;
  updatedAt: string;
}

export interface Conversation extends ConversationSummary {
  /** The turns, oldest first. */
  history: AnswerTurn[];
}

/** Streamed while an answer is written: first the sources, then the answer piece by piece. */
export type AnswerStreamEvent =
  | { askId: string; conversationId: number; turnId: number; type: 'sources'; sources: SearchHit[]; model: string }
  | { askId: string; conversationId: number; turnId: number; type: 'token'; text: string };

const askIdSchema = z.string().min(1).max(100);

export const askSchema = z
  .object({
    question: z
      .string()
      .trim()
      .min(1, { message: 'Bitte eine Frage eingeben.' })
      .max(4000, { message: 'Die Frage ist zu lang (höchstens 4000 Zeichen).' }),
    /** Chosen by the caller, so that it can stop the answer before the call returns. */
    askId: askIdSchema,
    /** Continue this conversation (follow-up question). */
    conversationId: z.number().int().positive().optional(),
    /** Another chat model than the one in the settings. */
    model: modelNameSchema.optional(),
  })
  .strict();

export const ANSWER_EXPORT_FORMATS = ['docx', 'md'] as const;
export type AnswerExportFormat = (typeof ANSWER_EXPORT_FORMATS)[number];

/* ---------------------------------------------------------------- drafting */

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
  recipient: string[];
  info: { label: string; value: string }[];
  subject: string;
  salutation: string;
  body: LetterBlock[];
  closing: string;
  signature: string[];
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
}

/** A field the AI wrote: with which model and when; editedAt once the clerk changed it afterwards. */
export interface AiFieldMark {
  model: string;
  at: string;
  editedAt: string | null;
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
  /** The recipient or subject, to tell drafts of one template apart; empty when not filled yet. */
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
  sources: SearchHit[];
}

const draftIdSchema = z.number().int().positive();
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

/* ------------------------------------------------------------------- calls */

/** A call: its argument schema, and its result type carried as a phantom. */
export interface CallSpec<A extends z.ZodType, R> {
  arg: A;
  /** Never set: carries the result type (wrapped, so that `void` survives). */
  result?: [R];
}
function call<R>() {
  return <A extends z.ZodType>(arg: A): CallSpec<A, R> => ({ arg });
}

const noArg = z.undefined();

export const calls = {
  getAppInfo: call<AppInfo>()(noArg),
  /** Schedules the repair of the database for the next start (drafts, settings, conversations kept; the index rebuilt); restarting: the app restarts now. */
  repairDatabase: call<{ scheduled: true; restarting: boolean }>()(noArg),
  getSettings: call<SettingsView>()(noArg),
  updateSettings: call<SettingsView>()(settingsPatchSchema),
  getOllamaStatus: call<OllamaStatus>()(noArg),
  listModels: call<ModelList>()(noArg),
  pullModel: call<{ pullId: string }>()(pullModelSchema),
  cancelPull: call<{ cancelled: boolean }>()(z.object({ pullId: pullIdSchema }).strict()),
  /** Gives every chunk a vector of the embedding model (after a change of model); null when there is nothing to do. */
  startEmbedding: call<{ jobId: string | null }>()(noArg),
  listFolders: call<FolderInfo[]>()(noArg),
  addFolder: call<{ folder: FolderInfo; jobId: string }>()(z.object({ path: folderPathSchema }).strict()),
  removeFolder: call<void>()(z.object({ id: idSchema }).strict()),
  chooseFolder: call<{ path: string | null }>()(noArg),
  startIndexing: call<{ jobId: string }>()(z.object({ folderId: idSchema.optional(), force: z.boolean().optional() }).strict().optional()),
  cancelIndexing: call<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict()),
  listDocuments: call<DocumentInfo[]>()(
    z.object({ folderId: idSchema.optional(), status: z.enum(['indexed', 'scan', 'error', 'unsupported']).optional() }).strict().optional(),
  ),
  search: call<SearchResult>()(searchSchema),
  getPassage: call<Passage>()(z.object({ chunkId: idSchema, query: z.string().max(1000).optional() }).strict()),
  openOriginal: call<void>()(z.object({ documentId: idSchema }).strict()),
  ask: call<AnswerTurn>()(askSchema),
  cancelAnswer: call<{ cancelled: boolean }>()(z.object({ askId: askIdSchema }).strict()),
  listConversations: call<ConversationSummary[]>()(
    z.object({ query: z.string().max(200, { message: 'Der Suchbegriff ist zu lang.' }).optional() }).strict().optional(),
  ),
  getConversation: call<Conversation>()(z.object({ id: idSchema }).strict()),
  deleteConversation: call<void>()(z.object({ id: idSchema }).strict()),
  deleteAllConversations: call<{ deleted: number }>()(noArg),
  /** Asks where to save (desktop: the save dialog); null when the clerk cancelled. */
  exportAnswer: call<{ path: string | null }>()(z.object({ turnId: idSchema, format: z.enum(ANSWER_EXPORT_FORMATS) }).strict()),
  listTemplates: call<TemplateList>()(noArg),
  getTemplate: call<TemplateInfo>()(z.object({ id: templateIdSchema }).strict()),
  /** Asks for a .docx with {{Platzhaltern}} (desktop: the open dialog); null when the clerk cancelled. */
  importWordTemplate: call<{ template: TemplateInfo | null }>()(noArg),
  deleteTemplate: call<void>()(z.object({ id: templateIdSchema }).strict()),
  previewDraft: call<DraftPreview>()(z.object({ templateId: templateIdSchema, values: fieldValuesSchema, aiNotice: z.boolean().optional() }).strict()),
  listDrafts: call<DraftSummary[]>()(noArg),
  createDraft: call<Draft>()(z.object({ templateId: templateIdSchema }).strict()),
  getDraft: call<Draft>()(z.object({ id: draftIdSchema }).strict()),
  /** Autosave: what is given replaces what is stored; a change clears "geprüft". */
  saveDraft: call<Draft>()(saveDraftSchema),
  duplicateDraft: call<Draft>()(z.object({ id: draftIdSchema }).strict()),
  deleteDraft: call<void>()(z.object({ id: draftIdSchema }).strict()),
  /** "geprüft" with the clerk's name; null takes it back. */
  reviewDraft: call<Draft>()(
    z
      .object({
        id: draftIdSchema,
        reviewer: z.string().trim().min(1, { message: 'Bitte Ihren Namen angeben.' }).max(200, { message: 'Höchstens 200 Zeichen.' }).nullable(),
      })
      .strict(),
  ),
  /** Asks where to save the .docx; refuses an AI-assisted draft that is not "geprüft". null path: cancelled. */
  exportDraft: call<{ path: string | null }>()(z.object({ id: draftIdSchema }).strict()),
  getAssistStatus: call<AssistStatus>()(noArg),
  assistDraft: call<AssistResult>()(assistDraftSchema),
  cancelAssist: call<{ cancelled: boolean }>()(z.object({ assistId: z.string().min(1).max(100) }).strict()),
  getLogo: call<LogoInfo | null>()(noArg),
  /** Asks for a PNG or JPEG (desktop: the open dialog); null when the clerk cancelled. */
  chooseLogo: call<{ logo: LogoInfo | null }>()(noArg),
  clearLogo: call<void>()(noArg),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArg<K extends CallName> = z.input<Calls[K]['arg']>;
export type CallResult<K extends CallName> = NonNullable<Calls[K]['result']>[0];
export const CALL_NAMES = Object.keys(calls) as CallName[];

/* ------------------------------------------------------------------ events */

export interface Events {
  settingsChanged: SettingsView;
  indexProgress: IndexProgress;
  pullProgress: PullProgress;
  answerStream: AnswerStreamEvent;
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['settingsChanged', 'indexProgress', 'answerStream', 'pullProgress'];

/** The IPC channel of a call or event: derived here, never spelled elsewhere. */
export const channelOf = (name: CallName | EventName): string => `stadtschreiber:${name}`;

/* --------------------------------------------------------------- the API */

/** A method whose argument may be left out when the call takes none. */
type Method<K extends CallName, R> = undefined extends CallArg<K> ? (arg?: CallArg<K>) => Promise<R> : (arg: CallArg<K>) => Promise<R>;

/** What the core offers: one async method per call, and events. */
export type CoreCalls = { [K in CallName]: Method<K, CallResult<K>> };

/** What the renderer sees as `window.api`. */
export type Api = { [K in CallName]: Method<K, Result<CallResult<K>>> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};
