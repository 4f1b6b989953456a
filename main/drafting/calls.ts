/**
 * The drafting calls of the core: templates, live preview, drafts (autosaved
 * in SQLite), AI assist, the review gate, .docx export, Word template import
 * and the letterhead logo.
 */
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CoreCalls, Draft, DraftSummary, FieldValue, FieldValues, Letterhead, TemplateField } from '../contract';
import { AppError } from '../errors';
import { safeFileName, writeFileAtomically } from '../files';
import type { Logger } from '../log';
import type { Platform } from '../platform';
import type { DraftAssistant } from './assist';
import { DraftStore, type StoredDraft } from './drafts-store';
import { AI_NOTICE, checkDraft, clearLogo, draftPreview, initialValues, readLogo, renderDraft, setLogo, type TemplateLibrary } from './index';
import { aiAssisted, assertExportable, clerkEdit, reviewOf } from './review';
import { formatDate } from './format';

interface DraftingDeps {
  db: Database.Database;
  library: TemplateLibrary;
  dataDir: string;
  letterhead: () => Letterhead;
  assistant: DraftAssistant;
  /** The save and open dialogs; without them the calls that need one say so in German. */
  platform: Pick<Platform, 'chooseSavePath' | 'chooseOpenFile'>;
  log: Logger;
}

type DraftingCalls = Pick<
  CoreCalls,
  | 'listTemplates'
  | 'getTemplate'
  | 'importWordTemplate'
  | 'setTemplateFieldType'
  | 'deleteTemplate'
  | 'previewDraft'
  | 'listDrafts'
  | 'createDraft'
  | 'getDraft'
  | 'saveDraft'
  | 'duplicateDraft'
  | 'deleteDraft'
  | 'reviewDraft'
  | 'exportDraft'
  | 'getAssistStatus'
  | 'assistDraft'
  | 'cancelAssist'
  | 'getLogo'
  | 'chooseLogo'
  | 'clearLogo'
>;

const GONE = 'Diesen Entwurf gibt es nicht mehr.';
const MAX_LABEL = 80;

const isEmpty = (value: FieldValue | undefined) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (typeof value === 'object' && Object.values(value).every((v) => !v || !String(v).trim()));

/**
 * The recipient's name ("Muster GmbH" / "Erika Mustermann"), from the first
 * address field (else the first person field); empty when there is none, so
 * the draft is named by its template alone. Never free text: a field the AI
 * wrote (an "Ihr Zeichen", a subject) must not become the draft's name.
 */
function labelOf(fields: TemplateField[], values: FieldValues): string {
  const recipient = [...fields.filter((f) => f.type === 'address'), ...fields.filter((f) => f.type === 'person')]
    .map((f) => values[f.id])
    .map((v) => (v && typeof v === 'object' ? v.organisation?.trim() || [v.firstName, v.lastName].map((p) => p?.trim()).filter(Boolean).join(' ') : ''))
    .find(Boolean);
  const label = (recipient ?? '').replace(/\s+/g, ' ');
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** A file name from the template and the recipient (the label), nothing else. */
const fileNameOf = (draft: Draft) => safeFileName(`${draft.templateTitle} ${draft.label}`, 'docx', 'Brief');

export function draftingCalls(deps: DraftingDeps): DraftingCalls & { cancelAll(): void } {
  const { library, log, platform, assistant } = deps;
  const store = new DraftStore(deps.db);

  const stored = (id: number): StoredDraft => {
    const draft = store.get(id);
    if (!draft) throw new AppError('not_found', GONE);
    return draft;
  };
  const templateOf = (draft: StoredDraft) => {
    try {
      return library.get(draft.templateId);
    } catch (error) {
      throw new AppError('not_found', `Die Vorlage dieses Entwurfs („${draft.templateTitle}“) gibt es nicht mehr.`, { cause: error });
    }
  };
  // The template was removed: the draft stays readable (and deletable).
  const templateOrNull = (draft: StoredDraft) => {
    try {
      return library.get(draft.templateId);
    } catch {
      return null;
    }
  };
  /** What the list shows: no validation, no composition. */
  const summaryOf = (draft: StoredDraft, fields: TemplateField[]): DraftSummary => ({
    id: draft.id,
    templateId: draft.templateId,
    templateTitle: draft.templateTitle,
    label: labelOf(fields, draft.values),
    aiAssisted: aiAssisted(draft.values, draft.aiFields),
    review: draft.review,
    exportedAt: draft.exportedAt,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
  });
  const view = (draft: StoredDraft): Draft => {
    const template = templateOrNull(draft);
    const checked = template ? checkDraft(template, draft.values, deps.letterhead()) : { errors: {}, missing: [] };
    const summary = summaryOf(draft, template?.info.fields ?? []);
    return {
      ...summary,
      values: draft.values,
      aiFields: draft.aiFields,
      aiSources: draft.aiSources,
      notes: draft.notes,
      citizenLetter: draft.citizenLetter,
      aiNotice: draft.aiNotice,
      needsReview: summary.aiAssisted && !draft.review,
      errors: checked.errors,
      missing: checked.missing,
    };
  };
  const save = (id: number, change: Parameters<typeof clerkEdit>[1]) => {
    const draft = stored(id);
    store.update(id, clerkEdit(draft, change));
    return stored(id);
  };
  const chooseFile = async (kind: 'docx' | 'image'): Promise<{ path: string; bytes: Buffer } | null> => {
    if (!platform.chooseOpenFile) throw new AppError('unavailable', 'Dateien auswählen ist hier nicht möglich.');
    const path = await platform.chooseOpenFile(kind);
    if (!path) return null;
    try {
      return { path, bytes: readFileSync(path) };
    } catch (cause) {
      throw new AppError('not_found', `Die Datei ${path} kann nicht gelesen werden (${(cause as NodeJS.ErrnoException).code ?? 'Fehler'}).`, { cause });
    }
  };

  return {
    cancelAll: () => assistant.cancelAll(),

    async listTemplates() {
      return { templates: library.list(), problems: library.problems() };
    },
    async getTemplate({ id }) {
      return library.get(id).info;
    },
    async importWordTemplate() {
      const file = await chooseFile('docx');
      if (!file) return { template: null };
      const template = library.importWord(file.bytes, { fileName: basename(file.path) });
      log.info('word template imported', { id: template.id, fields: template.fields.length });
      return { template };
    },
    async setTemplateFieldType({ templateId, fieldId, type }) {
      const template = library.setFieldType(templateId, fieldId, type);
      log.info('word template field typed', { id: templateId, fieldId, type });
      return template;
    },
    async deleteTemplate({ id }) {
      library.removeImported(id);
      log.info('word template removed', { id });
    },
    async previewDraft({ templateId, values, aiNotice }) {
      return draftPreview(library.get(templateId), values, deps.letterhead(), aiNotice ? { aiNotice: AI_NOTICE } : {});
    },

    async listDrafts() {
      return store.list().map((draft) => summaryOf(draft, templateOrNull(draft)?.info.fields ?? []));
    },
    async createDraft({ templateId }) {
      const template = library.get(templateId);
      const id = store.create(template.info.id, template.info.title, initialValues(template.info.fields));
      log.info('draft created', { id, templateId });
      return view(stored(id));
    },
    async getDraft({ id }) {
      return view(stored(id));
    },
    async saveDraft({ id, ...change }) {
      return view(save(id, change));
    },
    async duplicateDraft({ id }) {
      const copy = store.duplicate(id);
      if (copy === null) throw new AppError('not_found', GONE);
      log.info('draft duplicated', { id, copy });
      return view(stored(copy));
    },
    async deleteDraft({ id }) {
      if (!store.delete(id)) throw new AppError('not_found', GONE);
      log.info('draft deleted', { id });
    },
    async reviewDraft({ id, reviewer }) {
      stored(id);
      store.update(id, { review: reviewOf(reviewer) });
      log.info(reviewer === null ? 'draft review withdrawn' : 'draft reviewed', { id });
      return view(stored(id));
    },
    async exportDraft({ id }) {
      const draft = stored(id);
      const template = templateOf(draft);
      assertExportable(draft);
      const assisted = aiAssisted(draft.values, draft.aiFields);
      const options = assisted && draft.aiNotice ? { aiNotice: AI_NOTICE } : {};
      // Rendered before the dialog: invalid fields are reported without asking where to save.
      const docx = await renderDraft(template, draft.values, deps.letterhead(), readLogo(deps.dataDir), options);
      if (!platform.chooseSavePath) throw new AppError('unavailable', 'Speichern ist hier nicht möglich.');
      const path = await platform.chooseSavePath(fileNameOf(view(draft)), 'docx');
      if (!path) return { path: null };
      writeFileAtomically(path, docx);
      store.update(id, { exportedAt: new Date().toISOString() });
      log.info('draft exported', { id, templateId: draft.templateId, aiAssisted: assisted, reviewed: draft.review !== null, path });
      return { path };
    },

    async getAssistStatus() {
      const { available, model, reason } = await assistant.status();
      return { available, model, reason };
    },
    async assistDraft({ id, assistId, values, notes, citizenLetter }) {
      // Saved before the model is asked: whatever happens to Ollama, nothing typed is lost.
      const draft = save(id, { values, notes, citizenLetter });
      const template = templateOf(draft);
      if (!draft.notes.trim() && !draft.citizenLetter.trim()) {
        throw new AppError('invalid_argument', 'Bitte geben Sie Notizen ein oder fügen Sie das Schreiben der Bürgerin oder des Bürgers ein; daraus macht die KI ihren Vorschlag.');
      }
      // The AI writes empty fields and its own unedited ones; what the clerk typed stays. Never bank details.
      const writable = template.info.fields.filter((f) => f.type !== 'iban' && (isEmpty(draft.values[f.id]) || (draft.aiFields[f.id] && !draft.aiFields[f.id]!.editedAt)));
      if (writable.length === 0) {
        throw new AppError('invalid_argument', 'Alle Felder sind schon ausgefüllt. Die KI überschreibt nichts, was Sie geschrieben haben: Leeren Sie die Felder, die sie vorschlagen soll.');
      }
      const given = template.info.fields
        .filter((f) => !writable.includes(f) && typeof draft.values[f.id] === 'string' && (draft.values[f.id] as string).trim())
        .map((f) => ({ label: f.label, value: f.type === 'date' ? displayDate(draft.values[f.id] as string) : (draft.values[f.id] as string) }));
      const suggestion = await assistant.suggest({ assistId, template, fields: writable, given, notes: draft.notes, citizenLetter: draft.citizenLetter });
      const at = new Date().toISOString();
      const current = stored(id);
      const nextValues = { ...current.values };
      const marks = { ...current.aiFields };
      for (const [fieldId, value] of Object.entries(suggestion.values)) {
        nextValues[fieldId] = value;
        const evidence = suggestion.evidence[fieldId];
        marks[fieldId] = { model: suggestion.model, at, editedAt: null, ...(evidence ? { evidence } : {}) };
      }
      const filled = Object.keys(suggestion.values);
      store.update(id, {
        values: nextValues,
        aiFields: marks,
        aiSources: suggestion.sources,
        ...(filled.length > 0 ? { review: null } : {}),
        ...(filled.length > 0 && !aiAssisted(current.values, current.aiFields) ? { aiNotice: true } : {}),
      });
      log.info('draft suggestion', { id, model: suggestion.model, filled, rejected: Object.keys(suggestion.rejected), evidence: Object.keys(suggestion.evidence), sources: suggestion.sources.length });
      return { draft: view(stored(id)), model: suggestion.model, filled, rejected: suggestion.rejected, evidence: suggestion.evidence, sources: suggestion.sources };
    },
    async cancelAssist({ assistId }) {
      return { cancelled: assistant.cancel(assistId) };
    },

    async getLogo() {
      const logo = readLogo(deps.dataDir);
      if (!logo) return null;
      const { data: _data, ...info } = logo;
      return info;
    },
    async chooseLogo() {
      const file = await chooseFile('image');
      if (!file) return { logo: null };
      const logo = setLogo(deps.dataDir, file.bytes);
      log.info('logo set', { ...logo });
      return { logo };
    },
    async clearLogo() {
      clearLogo(deps.dataDir);
      log.info('logo removed');
    },
  };
}

const displayDate = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value);
