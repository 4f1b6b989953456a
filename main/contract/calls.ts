/* Every call: its name, its argument's schema, its result's type. */
import { idSchema, z } from './common';
import type { AppInfo } from './app';
import { folderPathSchema, type DocumentInfo, type FolderInfo } from './documents';
import { assistDraftSchema, draftIdSchema, fieldValuesSchema, saveDraftSchema, setTemplateFieldTypeSchema, templateIdSchema, type AssistResult, type AssistStatus, type Draft, type DraftPreview, type DraftSummary, type LogoInfo, type TemplateInfo, type TemplateList } from './drafting';
import { pullIdSchema, pullModelSchema, type ModelList, type OllamaStatus } from './models';
import { ANSWER_EXPORT_FORMATS, askIdSchema, askSchema, type AnswerTurn, type Conversation, type ConversationSummary } from './research';
import { searchSchema, type Passage, type SearchResult } from './search';
import { settingsPatchSchema, type SettingsView } from './settings';

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
  /** Changes the type of a field of an imported Word template (kept in its description); the template as it is now. */
  setTemplateFieldType: call<TemplateInfo>()(setTemplateFieldTypeSchema),
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

/** A method whose argument may be left out when the call takes none. */
export type Method<K extends CallName, R> = undefined extends CallArg<K> ? (arg?: CallArg<K>) => Promise<R> : (arg: CallArg<K>) => Promise<R>;

/** What the core offers: one async method per call. */
export type CoreCalls = { [K in CallName]: Method<K, CallResult<K>> };
