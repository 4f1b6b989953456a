import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Api, DatabaseState, Letterhead, ModelList, Settings, SettingsView } from '../../main/contract';
import { callSafely } from '../api';
import { ModelManager } from '../components/ModelManager';
import { PageHeading } from '../components/PageHeading';
import { TextField } from '../components/TextField';
import { LogoSetting } from './drafts/LogoSetting';
import { OfficeSettings, type OfficeKey } from './settings/OfficeSettings';
import { de } from '../strings';

const t = de.pages.einstellungen;
const LETTERHEAD_FIELDS: { key: Exclude<keyof Letterhead, OfficeKey>; type?: 'email' | 'tel' | 'url'; autoComplete?: string }[] = [
  { key: 'authority', autoComplete: 'organization' },
  { key: 'department' },
  { key: 'street', autoComplete: 'street-address' },
  { key: 'postalCode', autoComplete: 'postal-code' },
  { key: 'city', autoComplete: 'address-level2' },
  { key: 'contactPerson', autoComplete: 'name' },
  { key: 'phone', type: 'tel', autoComplete: 'tel' },
  { key: 'email', type: 'email', autoComplete: 'email' },
  { key: 'website', type: 'url' },
  { key: 'openingHours' },
  { key: 'bankName' },
  { key: 'iban' },
  { key: 'bic' },
];

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

export function EinstellungenPage({ api }: { api: Api }) {
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [models, setModels] = useState<ModelList | null>(null);

  useEffect(() => {
    void callSafely(api.getSettings(undefined)).then((result) => {
      if (result.ok) {
        setView(result.value);
        setForm(result.value.settings);
      } else setLoadError(result.error.message);
    });
  }, [api]);

  const testConnection = useCallback(async () => {
    const result = await callSafely(api.listModels(undefined));
    if (result.ok) setModels(result.value);
  }, [api]);
  // On first show; later checks are the clerk's choice or follow a save or a download.
  useEffect(() => void testConnection(), [testConnection]);

  const heading = <PageHeading id="heading-einstellungen">{t.title}</PageHeading>;
  if (loadError || !form || !view) {
    return (
      <section aria-labelledby="heading-einstellungen">
        {heading}
        {loadError ? <p role="alert">{loadError}</p> : <p>{t.loading}</p>}
      </section>
    );
  }

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setForm({ ...form, [key]: value });
  const setLetterhead = (key: keyof Letterhead, value: string) => set('letterhead', { ...form.letterhead, [key]: value });
  // A model chosen in the list is saved at once; the form keeps the clerk's other unsaved edits.
  const onModelChosen = (next: SettingsView) => {
    setView(next);
    setForm({ ...form, chatModel: next.settings.chatModel, embeddingModel: next.settings.embeddingModel });
  };
  const installed = models?.models ?? [];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSave({ kind: 'saving' });
    const result = await callSafely(api.updateSettings(form));
    if (result.ok) {
      setView(result.value);
      setForm(result.value.settings);
      setErrors({});
      setSave({ kind: 'saved' });
      void testConnection();
    } else {
      setErrors(result.error.fields ?? {});
      setSave({ kind: 'failed', message: result.error.fields ? t.saveFailed : result.error.message });
    }
  };

  return (
    <section aria-labelledby="heading-einstellungen">
      {heading}
      <form onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>{t.ollamaSection}</legend>
          <TextField
            name="ollamaHost"
            label={t.ollamaHost}
            type="url"
            value={form.ollamaHost}
            placeholder={view.effectiveOllamaHost}
            help={t.ollamaHostHelp(view.effectiveOllamaHost, t.sourceNames[view.ollamaHostSource])}
            error={errors.ollamaHost}
            onChange={(v) => set('ollamaHost', v)}
          />
          <TextField
            name="chatModel"
            label={t.chatModel}
            list="chat-models"
            value={form.chatModel}
            help={t.chatModelHelp}
            error={errors.chatModel}
            onChange={(v) => set('chatModel', v)}
          />
          <TextField
            name="embeddingModel"
            label={t.embeddingModel}
            list="embedding-models"
            value={form.embeddingModel}
            help={t.embeddingModelHelp}
            error={errors.embeddingModel}
            onChange={(v) => set('embeddingModel', v)}
          />
          <datalist id="chat-models">
            {installed.filter((m) => m.chat).map((m) => <option key={m.name} value={m.name} />)}
          </datalist>
          <datalist id="embedding-models">
            {installed.filter((m) => m.embedding).map((m) => <option key={m.name} value={m.name} />)}
          </datalist>
          <button type="button" onClick={() => void testConnection()}>
            {t.testConnection}
          </button>
        </fieldset>
        <fieldset>
          <legend>{t.letterheadSection}</legend>
          <div className="field-grid">
            {LETTERHEAD_FIELDS.map(({ key, type, autoComplete }) => (
              <TextField
                key={key}
                name={`letterhead.${key}`}
                label={t.letterhead[key]}
                type={type}
                autoComplete={autoComplete}
                value={form.letterhead[key]}
                error={errors[`letterhead.${key}`]}
                onChange={(v) => setLetterhead(key, v)}
              />
            ))}
          </div>
          <LogoSetting api={api} />
        </fieldset>
        <OfficeSettings letterhead={form.letterhead} lands={view.lands} errors={errors} onChange={setLetterhead} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.kind === 'saving'}>
            {save.kind === 'saving' ? t.saving : t.save}
          </button>
          <p role="status" aria-live="polite" className={`save-state save-state--${save.kind}`}>
            {save.kind === 'saved' && t.saved}
            {save.kind === 'failed' && save.message}
          </p>
        </div>
      </form>
      <ModelManager api={api} models={models} settings={view.settings} reload={testConnection} onSettings={onModelChosen} />
      <DatabaseSection api={api} />
    </section>
  );
}

/** The database's health, and the one action that rebuilds it (a repair at the next start: see main/db/recover.ts). */
function DatabaseSection({ api }: { api: Api }) {
  const d = t.database;
  const [state, setState] = useState<DatabaseState | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void callSafely(api.getAppInfo(undefined)).then((result) => {
      if (result.ok) setState(result.value.database ?? null);
    });
  }, [api]);

  const rebuild = async () => {
    if (!window.confirm(d.confirm)) return;
    setBusy(true);
    const result = await callSafely(api.repairDatabase(undefined));
    setBusy(false);
    if (result.ok) {
      setState((current) => (current ? { ...current, repairScheduled: true } : current));
      setOutcome(result.value.restarting ? d.restarting : d.scheduled);
    } else setOutcome(result.error.message);
  };

  const damaged = state?.state === 'damaged';
  return (
    <section className="database-section" aria-labelledby="database-heading">
      <h2 id="database-heading">{d.title}</h2>
      {state && (
        <p role={damaged ? 'alert' : undefined}>{damaged ? state.message : state.repairScheduled ? d.pending : state.state === 'ok' ? d.ok : d.unchecked}</p>
      )}
      {state && !damaged && state.message && <p>{state.message}</p>}
      <p>{d.help}</p>
      <button type="button" className={damaged ? 'primary' : undefined} onClick={() => void rebuild()} disabled={busy || state?.repairScheduled}>
        {d.rebuild}
      </button>
      <p role="status" aria-live="polite">
        {outcome}
      </p>
    </section>
  );
}
