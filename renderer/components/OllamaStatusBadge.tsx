import { useCallback, useEffect, useState } from 'react';
import type { Api, OllamaStatus } from '../../main/contract';
import { callSafely } from '../api';
import { de } from '../strings';

const POLL_MS = 30_000;

/** Ollama's state in the header: checked at start, after settings change, and every 30 s. */
export function OllamaStatusBadge({ api }: { api: Api }) {
  const [status, setStatus] = useState<OllamaStatus | null>(null);

  const refresh = useCallback(async () => {
    const result = await callSafely(api.getOllamaStatus(undefined));
    if (result.ok) setStatus(result.value);
    else
      setStatus({ host: '', reachable: false, version: null, models: [], error: result.error, checkedAt: new Date().toISOString() });
  }, [api]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const off = api.on('settingsChanged', () => void refresh());
    return () => {
      clearInterval(timer);
      off();
    };
  }, [api, refresh]);

  const state = status === null ? 'checking' : status.reachable ? 'connected' : 'unreachable';
  const label =
    state === 'checking' ? de.status.checking : state === 'connected' ? de.status.connected(status!.models.length) : de.status.unreachable;

  return (
    <div className={`ollama-status ollama-status--${state}`} data-testid="ollama-status">
      <span role="status" aria-live="polite">
        <span className="ollama-status__dot" aria-hidden="true" />
        {label}
      </span>
      {state === 'unreachable' && (
        <span className="ollama-status__hint">
          {status?.error?.message} {de.status.unreachableHint}
        </span>
      )}
      <button type="button" className="link-button" onClick={() => void refresh()}>
        {de.status.refresh}
      </button>
    </div>
  );
}
