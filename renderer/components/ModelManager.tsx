import { useEffect, useState } from 'react';
import type { Api, ModelList as ModelListData, PullProgress, Settings, SettingsView } from '../../main/contract';
import { callSafely } from '../api';
import { de } from '../strings';
import { ErrorAlert } from './ErrorAlert';
import { ModelEmbeddingProgress } from './ModelEmbeddingProgress';
import { ModelList } from './ModelList';
import { ModelPull } from './ModelPull';
import { ModelSuggestions } from './ModelSuggestions';

const t = de.pages.einstellungen.models;

interface ModelManagerProps {
  api: Api;
  models: ModelListData | null;
  settings: Settings;
  reload: () => Promise<void>;
  /** The settings after the clerk chose a model here. */
  onSettings: (view: SettingsView) => void;
}

/** Einstellungen › Modelle: installed models, choosing them, downloads, suggestions, re-embedding. */
export function ModelManager({ api, models, settings, reload, onSettings }: ModelManagerProps) {
  const [pulls, setPulls] = useState<Map<string, PullProgress>>(new Map());
  const [pullName, setPullName] = useState('');
  const [pullError, setPullError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [chooseError, setChooseError] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);

  // Downloads that were running before the page opened.
  useEffect(() => {
    if (models?.pulls.length) setPulls((prev) => new Map([...prev, ...models.pulls.map((p) => [p.pullId, p] as const)]));
  }, [models]);

  useEffect(
    () =>
      api.on('pullProgress', (progress) => {
        setPulls((prev) => new Map(prev).set(progress.pullId, progress));
        if (progress.done && !progress.error) void reload();
      }),
    [api, reload],
  );

  const pull = async (name: string) => {
    setPullName(name);
    setPullError(null);
    setFieldError(undefined);
    const result = await callSafely(api.pullModel({ name }));
    if (!result.ok) {
      setPullError(result.error.message);
      setFieldError(result.error.fields?.name ?? result.error.message);
      return;
    }
    // A new attempt replaces the finished ones of the same model.
    setPulls((prev) => new Map([...prev].filter(([id, p]) => id === result.value.pullId || p.name !== name || !p.done)));
  };

  const choose = async (use: 'chat' | 'embedding', name: string) => {
    setChoosing(true);
    const result = await callSafely(api.updateSettings(use === 'chat' ? { chatModel: name } : { embeddingModel: name }));
    setChoosing(false);
    if (result.ok) {
      setChooseError(null);
      onSettings(result.value);
    } else setChooseError(`${t.chooseFailed} ${result.error.message}`);
  };

  const list = [...pulls.values()];
  const downloading = new Set(list.filter((p) => !p.done).map((p) => p.name));

  return (
    <section className="model-manager" aria-labelledby="models-heading">
      <h2 id="models-heading">{t.title}</h2>
      <p>{t.intro}</p>
      <h3>{de.pages.einstellungen.installedModels}</h3>
      {!models ? (
        <p>{t.loading}</p>
      ) : models.reachable ? (
        models.models.length > 0 ? (
          <ModelList models={models.models} chatModel={settings.chatModel} embeddingModel={settings.embeddingModel} busy={choosing} onChoose={(use, name) => void choose(use, name)} />
        ) : (
          <p>{de.pages.einstellungen.noModels}</p>
        )
      ) : (
        <div className="models-unreachable" data-testid="models-unreachable">
          <p role="alert" className="error-text">
            {models.error?.message}
          </p>
          <p>{t.unreachableNote}</p>
        </div>
      )}
      <ErrorAlert message={chooseError} />
      <button type="button" onClick={() => void reload()}>
        {t.refresh}
      </button>

      <ModelEmbeddingProgress api={api} />

      <ModelPull
        name={pullName}
        onNameChange={setPullName}
        pulls={list}
        error={pullError}
        fieldError={fieldError}
        onPull={(name) => void pull(name)}
        onCancel={(pullId) => void callSafely(api.cancelPull({ pullId }))}
      />
      {models && <ModelSuggestions suggestions={models.suggestions} downloading={downloading} onPull={(name) => void pull(name)} />}
    </section>
  );
}
