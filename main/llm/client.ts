import { Ollama } from 'ollama';
import { boundedFetch, type BodyLimits } from './bounded-fetch';
import { MAX_JSON_BYTES } from './limits';

export const DEFAULT_TIMEOUT_MS = 5000;

/** What one JSON answer of the requests this client makes may hold (/api/tags, /api/show, /api/embed…). */
const JSON_LIMITS: BodyLimits = { kind: 'json', maxBytes: MAX_JSON_BYTES };

/**
 * An Ollama client whose every request ends after `timeoutMs` at the latest,
 * so that an unreachable GPU server never leaves the interface waiting, and
 * whose answers are read only up to `limits` (see boundedFetch).
 */
export function createOllamaClient(host: string, timeoutMs = DEFAULT_TIMEOUT_MS, limits: BodyLimits = JSON_LIMITS): Ollama {
  const timedFetch: typeof fetch = (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
  return new Ollama({ host, fetch: boundedFetch(limits, timedFetch) });
}
