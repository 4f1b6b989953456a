import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Api, DocumentInfo, FolderInfo, IndexProgress } from '../../main/contract';
import { callSafely } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { TextField } from '../components/TextField';
import { useIndexProgress } from '../components/useIndexProgress';
import { de } from '../strings';

const t = de.pages.dokumente;
const RUNNING: IndexProgress['phase'][] = ['waiting', 'scanning', 'indexing', 'refining', 'optimizing', 'embedding'];

export function DokumentePage({ api }: { api: Api }) {
  const [folders, setFolders] = useState<FolderInfo[]>([]);
  const [problems, setProblems] = useState<DocumentInfo[]>([]);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const progress = useIndexProgress(api);

  const refresh = useCallback(async () => {
    const [f, d] = await Promise.all([callSafely(api.listFolders()), callSafely(api.listDocuments())]);
    if (f.ok) setFolders(f.value);
    if (d.ok) setProblems(d.value.filter((doc) => doc.status !== 'indexed'));
  }, [api]);

  useEffect(() => void refresh(), [refresh]);
  // Counts change as files are read: refresh when a job ends and now and then while it runs.
  useEffect(() => {
    if (progress && (!RUNNING.includes(progress.phase) || progress.done % 25 === 0)) void refresh();
  }, [progress, refresh]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldError(undefined);
    const result = await callSafely(api.addFolder({ path }));
    if (result.ok) {
      setPath('');
      void refresh();
    } else if (result.error.code !== 'cancelled') {
      // "cancelled": the clerk said no in the desktop's confirmation; nothing to explain.
      setError(result.error.message);
      setFieldError(result.error.fields?.path ?? result.error.message);
    }
  };

  const browse = async () => {
    const result = await callSafely(api.chooseFolder());
    if (result.ok && result.value.path) setPath(result.value.path);
    else if (!result.ok) setError(result.error.message);
  };

  const act = async (promise: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await promise;
    if (!result.ok) setError(result.error?.message ?? null);
    void refresh();
  };

  const running = progress && RUNNING.includes(progress.phase) ? progress : null;

  return (
    <section aria-labelledby="heading-dokumente">
      <PageHeading id="heading-dokumente">{t.title}</PageHeading>
      <p>{t.intro}</p>

      <form onSubmit={add} className="add-folder" aria-labelledby="add-folder-heading" noValidate>
        <h2 id="add-folder-heading">{t.addSection}</h2>
        <TextField name="path" label={t.pathLabel} help={t.pathHelp} value={path} onChange={setPath} error={fieldError} />
        <div className="form-actions">
          <button type="button" onClick={() => void browse()}>
            {t.browse}
          </button>
          <button type="submit" className="primary" disabled={path.trim() === ''}>
            {t.add}
          </button>
        </div>
      </form>
      <ErrorAlert message={error} />

      <IndexProgressPanel progress={progress} onCancel={(jobId) => void act(callSafely(api.cancelIndexing({ jobId })))} />

      <h2>{t.folders}</h2>
      {folders.length === 0 ? (
        <p className="empty-state">{t.empty}</p>
      ) : (
        <ul className="folder-list" data-testid="folder-list">
          {folders.map((f) => (
            <li key={f.id}>
              <strong className="folder-path">{f.path}</strong>
              <span>
                {t.stats(f.documents, f.chunks)}
                {f.problems > 0 && ` · ${t.problems(f.problems)}`}
                {f.unsupported > 0 && ` · ${t.unsupported(f.unsupported)}`}
              </span>
              <span className="folder-actions">
                <button type="button" disabled={running !== null} onClick={() => void act(callSafely(api.startIndexing({ folderId: f.id })))}>
                  {t.reindex}
                </button>
                <button
                  type="button"
                  onClick={() => {
                    if (window.confirm(t.confirmRemove(f.path))) void act(callSafely(api.removeFolder({ id: f.id })));
                  }}
                >
                  {t.remove}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2>{t.problemList}</h2>
      {problems.length === 0 ? (
        <p>{t.noProblems}</p>
      ) : (
        <table className="problems" data-testid="problem-list">
          <thead>
            <tr>
              <th scope="col">Datei</th>
              <th scope="col">Grund</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((d) => (
              <tr key={d.id}>
                <td>{d.path}</td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function IndexProgressPanel({ progress, onCancel }: { progress: IndexProgress | null; onCancel: (jobId: string) => void }) {
  if (!progress) return null;
  const running = RUNNING.includes(progress.phase);
  let text: string;
  if (progress.phase === 'waiting') text = progress.message ?? t.waiting;
  else if (progress.phase === 'scanning') text = t.scanning;
  else if (progress.phase === 'refining') text = t.refining;
  else if (progress.phase === 'optimizing') text = t.optimizing;
  else if (progress.phase === 'embedding') text = t.embedding(progress.embedded ?? 0, progress.toEmbed ?? 0);
  else if (progress.phase === 'indexing') text = t.progress(progress.done, progress.total);
  else if (progress.phase === 'cancelled') text = t.cancelled;
  else if (progress.phase === 'failed') text = progress.message ?? '';
  else text = t.finished(progress.indexed, progress.unchanged, progress.removed, progress.problems.length);
  return (
    <div className="index-progress" data-testid="index-progress">
      {running && (
        <progress
          aria-label={t.progressLabel}
          max={Math.max(1, progress.phase === 'embedding' ? (progress.toEmbed ?? 1) : progress.total)}
          value={progress.phase === 'indexing' ? progress.done : progress.phase === 'embedding' ? progress.embedded : undefined}
        />
      )}
      <p role="status" aria-live="polite">
        {text}
        {progress.phase === 'indexing' && progress.currentFile && <span className="current-file"> – {progress.currentFile}</span>}
      </p>
      {progress.phase === 'done' && progress.message && <p className="notice">{progress.message}</p>}
      {running && (
        <button type="button" onClick={() => onCancel(progress.jobId)}>
          {t.cancel}
        </button>
      )}
    </div>
  );
}
