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

/* --------------------------------------------------------------------- app */

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
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
}

export interface FileProblem {
  path: string;
  reason: string;
}

export interface IndexProgress {
  jobId: string;
  phase: 'scanning' | 'indexing' | 'refining' | 'embedding' | 'done' | 'cancelled' | 'failed';
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
  /** German summary for phase failed, or why the embedding phase stopped. */
  message?: string;
}

export const folderPathSchema = z
  .string()
  .trim()
  .min(1, { message: 'Bitte einen Ordner angeben.' })
  .max(4000, { message: 'Der Pfad ist zu lang.' });

const idSchema = z.number().int().positive();

/* ------------------------------------------------------------------ search */

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
  getSettings: call<SettingsView>()(noArg),
  updateSettings: call<SettingsView>()(settingsPatchSchema),
  getOllamaStatus: call<OllamaStatus>()(noArg),
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
}
export type EventName = keyof Events;
export const EVENT_NAMES: EventName[] = ['settingsChanged', 'indexProgress'];

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
