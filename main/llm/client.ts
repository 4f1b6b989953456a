import { Ollama } from 'ollama';

export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * An Ollama client whose every request ends after `timeoutMs` at the latest,
 * so that an unreachable GPU server never leaves the interface waiting.
 */
export function createOllamaClient(host: string, timeoutMs = DEFAULT_TIMEOUT_MS): Ollama {
  const timedFetch: typeof fetch = (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
  return new Ollama({ host, fetch: timedFetch });
}
