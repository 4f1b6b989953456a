import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, AssistStatus, Draft, DraftPreview, FieldValue, FieldValues, TemplateInfo } from '../../../main/contract';
import { callSafely } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { de } from '../../strings';
import { AssistPanel } from './AssistPanel';
import { FieldInput } from './FieldInput';
import { LetterPreviewView } from './LetterPreviewView';
import { ReviewPanel } from './ReviewPanel';

const t = de.pages.entwuerfe;
/** Autosave after the clerk paused typing this long; the preview follows sooner. */
const AUTOSAVE_MS = 800;
const PREVIEW_MS = 200;

type SaveState = { kind: 'saved' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'failed'; message: string };

/** Unique enough for one window; crypto.randomUUID needs a secure context, which a test origin is not. */
const newAssistId = () => `assist-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

const filled = (value: FieldValue | undefined) =>
  value !== null && value !== undefined && (typeof value === 'object' ? Object.values(value).some((v) => v && String(v).trim()) : String(value).trim() !== '');

interface Props {
  api: Api;
  draftId: number;
  onClose: () => void;
  /** Something the draft list shows has changed (saved, exported). */
  onChanged: () => void;
}

/** One draft: the form, the live preview, the AI assist, the review gate and the export. Autosaves while the clerk types. */
export function DraftEditor({ api, draftId, onClose, onChanged }: Props) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [template, setTemplate] = useState<TemplateInfo | null>(null);
  const [values, setValues] = useState<FieldValues>({});
  const [notes, setNotes] = useState('');
  const [citizenLetter, setCitizenLetter] = useState('');
  const [preview, setPreview] = useState<DraftPreview | null>(null);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'saved' });
  const [status, setStatus] = useState<AssistStatus | null>(null);
  const [assistId, setAssistId] = useState<string | null>(null);
  const [assistOutcome, setAssistOutcome] = useState<string[]>([]);
  const [assistError, setAssistError] = useState<string | null>(null);
  const [reviewer, setReviewer] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const latest = useRef({ values, notes, citizenLetter });
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    let live = true;
    void (async () => {
      const r = await callSafely(api.getDraft({ id: draftId }));
      if (!live) return;
      if (!r.ok) return setLoadError(r.error.message);
      const tr = await callSafely(api.getTemplate({ id: r.value.templateId }));
      if (!live) return;
      if (!tr.ok) return setLoadError(tr.error.message);
      latest.current = { values: r.value.values, notes: r.value.notes, citizenLetter: r.value.citizenLetter };
      setDraft(r.value);
      setTemplate(tr.value);
      setValues(r.value.values);
      setNotes(r.value.notes);
      setCitizenLetter(r.value.citizenLetter);
    })();
    void callSafely(api.getAssistStatus(undefined)).then((r) => live && setStatus(r.ok ? r.value : { available: false, model: null, reason: r.error.message }));
    void callSafely(api.getSettings(undefined)).then((r) => live && setReviewer(r.ok ? r.value.settings.letterhead.contactPerson : ''));
    return () => {
      live = false;
    };
  }, [api, draftId]);

  /** Saves what changed since the last save, after any save still running. */
  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    if (!dirty.current) return chain.current;
    dirty.current = false;
    setSave({ kind: 'saving' });
    const snapshot = latest.current;
    chain.current = chain.current.then(async () => {
      const r = await callSafely(api.saveDraft({ id: draftId, ...snapshot }));
      if (r.ok) {
        setDraft(r.value);
        setSave(dirty.current ? { kind: 'pending' } : { kind: 'saved' });
        onChanged();
      } else {
        dirty.current = true;
        setSave({ kind: 'failed', message: r.error.message });
      }
    });
    return chain.current;
  }, [api, draftId, onChanged]);

  // Leaving the page saves what is still pending.
  useEffect(() => () => void flush(), [flush]);

  const edit = (change: Partial<typeof latest.current>) => {
    latest.current = { ...latest.current, ...change };
    if (change.values) setValues(change.values);
    if (change.notes !== undefined) setNotes(change.notes);
    if (change.citizenLetter !== undefined) setCitizenLetter(change.citizenLetter);
    dirty.current = true;
    setSave({ kind: 'pending' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  // The live preview, with the errors of the fields.
  const previewOn = draft !== null && template !== null;
  const aiNoticeShown = draft !== null && draft.aiAssisted && draft.aiNotice;
  const previewRun = useRef(0);
  useEffect(() => {
    if (!previewOn || !template) return;
    const run = ++previewRun.current;
    const handle = setTimeout(() => {
      void callSafely(api.previewDraft({ templateId: template.id, values, aiNotice: aiNoticeShown })).then((r) => {
        if (r.ok && run === previewRun.current) setPreview(r.value);
      });
    }, PREVIEW_MS);
    return () => clearTimeout(handle);
  }, [api, previewOn, template, values, aiNoticeShown]);

  if (loadError) return <ErrorAlert message={loadError} />;
  if (!draft || !template) return <p>{t.loading}</p>;

  const errors = preview?.errors ?? {};
  const shownError = (id: string) => (showAll || touched.has(id) || filled(values[id]) ? errors[id] : undefined);

  const runAssist = async () => {
    const id = newAssistId();
    clearTimeout(timer.current);
    dirty.current = false;
    setAssistId(id);
    setAssistError(null);
    setAssistOutcome([]);
    setMessage(null);
    await chain.current;
    // The core saves these values before it asks the model.
    const r = await callSafely(api.assistDraft({ id: draftId, assistId: id, ...latest.current }));
    setAssistId(null);
    if (r.ok) {
      latest.current = { ...latest.current, values: r.value.draft.values };
      setDraft(r.value.draft);
      setValues(r.value.draft.values);
      setSave({ kind: 'saved' });
      const labels = new Map(template.fields.map((f) => [f.id, f.label]));
      setAssistOutcome([t.assist.filled(r.value.filled.length), ...Object.entries(r.value.rejected).map(([f, m]) => t.assist.rejected(labels.get(f) ?? f, m))]);
      onChanged();
    } else {
      setAssistError(r.error.message);
      // Whatever failed, what the clerk typed stays in the form and is saved (again).
      dirty.current = true;
      void flush();
    }
  };

  const afterFlush = async <T,>(call: () => Promise<T>) => {
    setBusy(true);
    setMessage(null);
    await flush();
    try {
      return await call();
    } finally {
      setBusy(false);
    }
  };

  const review = (name: string | null) =>
    void afterFlush(async () => {
      const r = await callSafely(api.reviewDraft({ id: draftId, reviewer: name }));
      if (r.ok) {
        setDraft(r.value);
        onChanged();
      } else setMessage({ ok: false, text: r.error.message });
    });

  const setAiNotice = (on: boolean) =>
    void afterFlush(async () => {
      const r = await callSafely(api.saveDraft({ id: draftId, aiNotice: on }));
      if (r.ok) setDraft(r.value);
      else setMessage({ ok: false, text: r.error.message });
    });

  const exportLetter = () =>
    void afterFlush(async () => {
      const r = await callSafely(api.exportDraft({ id: draftId }));
      if (!r.ok) {
        if (r.error.fields) setShowAll(true);
        // Missing settings are named in the message itself; only errors of the form's own fields point to the form.
        const formFields = Object.keys(r.error.fields ?? {}).some((key) => !key.startsWith('letterhead.'));
        return setMessage({ ok: false, text: formFields ? `${r.error.message} ${t.review.fixFields}` : r.error.message });
      }
      if (!r.value.path) return;
      setMessage({ ok: true, text: t.review.exported(r.value.path) });
      const d = await callSafely(api.getDraft({ id: draftId }));
      if (d.ok) setDraft(d.value);
      onChanged();
    });

  const close = async () => {
    await flush();
    onClose();
  };

  const aiFields = new Set(Object.keys(draft.aiFields));
  return (
    <div className="draft-editor">
      <div className="draft-toolbar">
        <button type="button" onClick={() => void close()}>
          ← {t.back}
        </button>
        <h2 className="draft-title">{template.title}</h2>
        <p role="status" aria-live="polite" className={`save-state save-state--${save.kind}`} data-testid="save-state">
          {save.kind === 'saved' && t.saved}
          {save.kind === 'saving' && t.saving}
          {save.kind === 'pending' && t.unsaved}
          {save.kind === 'failed' && t.saveFailed(save.message)}
        </p>
      </div>
      <div className="draft-columns">
        <div className="draft-work">
          <AssistPanel
            status={status}
            notes={notes}
            citizenLetter={citizenLetter}
            onNotes={(text) => edit({ notes: text })}
            onCitizenLetter={(text) => edit({ citizenLetter: text })}
            running={assistId !== null}
            onSubmit={() => void runAssist()}
            onStop={() => assistId && void callSafely(api.cancelAssist({ assistId }))}
            outcome={assistOutcome}
            error={assistError}
            sources={draft.aiSources}
            suggested={draft.aiAssisted || assistOutcome.length > 0}
            fields={template.fields}
            aiFields={draft.aiFields}
          />
          <form className="draft-form" aria-labelledby="form-title" noValidate onSubmit={(e) => e.preventDefault()}>
            <h2 id="form-title">{t.form}</h2>
            <fieldset className="plain" disabled={assistId !== null}>
              {template.fields.map((field) => (
                <FieldInput
                  key={field.id}
                  field={field}
                  value={values[field.id]}
                  error={shownError(field.id)}
                  ai={draft.aiFields[field.id]}
                  onChange={(value) => edit({ values: { ...latest.current.values, [field.id]: value } })}
                  onBlur={() => setTouched((s) => (s.has(field.id) ? s : new Set(s).add(field.id)))}
                />
              ))}
            </fieldset>
          </form>
          {reviewer !== null && (
            <ReviewPanel draft={draft} fields={template.fields} defaultReviewer={reviewer} busy={busy || assistId !== null} onReview={review} onAiNotice={setAiNotice} onExport={exportLetter} missing={preview?.missing ?? draft.missing} remedy={preview?.remedy ?? null} />
          )}
          {message &&
            (message.ok ? (
              <p role="status" className="save-state--saved" data-testid="export-result">
                {message.text}
              </p>
            ) : (
              <ErrorAlert message={message.text} />
            ))}
        </div>
        <section className="draft-preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t.preview}</h2>
          <p className="notice">{t.previewNote}</p>
          {preview ? <LetterPreviewView letter={preview.letter} aiFields={aiFields} /> : <p>{t.loading}</p>}
        </section>
      </div>
    </div>
  );
}
