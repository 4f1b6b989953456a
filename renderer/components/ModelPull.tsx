import { useState, type FormEvent } from 'react';
import type { PullProgress } from '../../main/contract';
import { formatSize } from '../format';
import { de } from '../strings';
import { ErrorAlert } from './ErrorAlert';
import { TextField } from './TextField';

const t = de.pages.einstellungen.models;

interface ModelPullProps {
  name: string;
  onNameChange: (name: string) => void;
  /** Downloads by id: running ones and the last state of finished ones. */
  pulls: PullProgress[];
  error: string | null;
  fieldError?: string;
  onPull: (name: string) => void;
  onCancel: (pullId: string) => void;
}

/** Pull a model by name, with a progress bar and a cancel button per download. */
export function ModelPull({ name, onNameChange, pulls, error, fieldError, onPull, onCancel }: ModelPullProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPull(name.trim());
  };
  return (
    <div className="model-pull">
      <form onSubmit={submit} aria-labelledby="model-pull-heading" noValidate>
        <h3 id="model-pull-heading">{t.pullSection}</h3>
        <TextField name="pullName" label={t.pullName} help={t.pullHelp} value={name} onChange={onNameChange} error={fieldError} />
        <button type="submit" className="primary" disabled={name.trim() === ''}>
          {t.pull}
        </button>
      </form>
      <ErrorAlert message={error} />
      {pulls.length > 0 && (
        <ul className="pull-list" data-testid="model-pulls">
          {pulls.map((p) => (
            <PullItem key={p.pullId} progress={p} onCancel={onCancel} />
          ))}
        </ul>
      )}
    </div>
  );
}

function PullItem({ progress: p, onCancel }: { progress: PullProgress; onCancel: (pullId: string) => void }) {
  const [cancelling, setCancelling] = useState(false);
  const percent = p.total > 0 ? Math.floor((p.completed / p.total) * 100) : 0;
  let text: string;
  if (p.done && p.error) text = p.error.message;
  else if (p.done) text = t.pullDone(p.name);
  else if (p.total > 0 && p.status.startsWith('pulling ') && p.status !== 'pulling manifest') text = t.pullBytes(percent, formatSize(p.completed), formatSize(p.total));
  else text = t.pullStatus(p.status);
  return (
    <li className={`index-progress pull${p.error ? ' pull--failed' : ''}`}>
      <strong>{p.name}</strong>
      {!p.done && <progress aria-label={t.pullLabel(p.name)} max={Math.max(1, p.total)} value={p.total > 0 ? p.completed : undefined} />}
      <p role="status" aria-live="polite" className={p.error && p.error.code !== 'cancelled' ? 'error-text' : undefined}>
        {text}
      </p>
      {!p.done && (
        <button
          type="button"
          disabled={cancelling}
          onClick={() => {
            setCancelling(true);
            onCancel(p.pullId);
          }}
        >
          {t.cancelPull}
        </button>
      )}
    </li>
  );
}
