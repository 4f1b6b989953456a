import { useEffect, useState } from 'react';
import type { Api, IndexProgress } from '../../main/contract';
import { callSafely } from '../api';
import { de } from '../strings';
import { ErrorAlert } from './ErrorAlert';
import { useIndexProgress } from './useIndexProgress';

const t = de.pages.einstellungen.models;

/**
 * Progress of giving the chunks vectors of the embedding model (after a
 * change of model, or the embedding phase of an indexing job), with cancel
 * and resume. Shows nothing until such a phase is seen.
 */
export function ModelEmbeddingProgress({ api }: { api: Api }) {
  const progress = useIndexProgress(api);
  const [shown, setShown] = useState<IndexProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!progress) return;
    // The end of a job is shown only when that job was embedding.
    if (progress.phase === 'embedding') setShown(progress);
    else setShown((prev) => (prev && prev.jobId === progress.jobId ? progress : prev?.phase === 'embedding' ? prev : null));
  }, [progress]);

  if (!shown) return null;
  const running = shown.phase === 'embedding';
  const act = async (promise: Promise<{ ok: true } | { ok: false; error: { message: string } }>) => {
    const result = await promise;
    setError(result.ok ? null : result.error.message);
  };
  let text: string;
  if (running) text = t.embeddingRunning(shown.embedded ?? 0, shown.toEmbed ?? 0);
  else if (shown.phase === 'cancelled') text = t.embeddingCancelled;
  else if (shown.message) text = shown.message;
  else text = t.embeddingDone;

  return (
    <div className="index-progress" data-testid="embedding-progress">
      <h3>{t.embeddingSection}</h3>
      {running && <progress aria-label={t.embeddingProgressLabel} max={Math.max(1, shown.toEmbed ?? 1)} value={shown.embedded ?? 0} />}
      <p role="status" aria-live="polite">
        {text}
      </p>
      {running && (
        <button type="button" onClick={() => void act(callSafely(api.cancelIndexing({ jobId: shown.jobId })))}>
          {t.embeddingCancel}
        </button>
      )}
      {shown.phase === 'cancelled' && (
        <button type="button" onClick={() => void act(callSafely(api.startEmbedding()))}>
          {t.embeddingResume}
        </button>
      )}
      <ErrorAlert message={error} />
    </div>
  );
}
