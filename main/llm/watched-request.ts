import { Ollama } from 'ollama';
import { boundedFetch, type BodyLimits } from './bounded-fetch';

/**
 * An Ollama client for one streamed request that stops when the caller's
 * signal aborts or when Ollama stays silent for `idleMs`, and that reads
 * the stream only within `limits` (see boundedFetch). Call `alive()`
 * whenever something arrives and `stop()` when the request is over;
 * `silence` says afterwards whether the watchdog ended it.
 */
export function watchedRequest(host: string, idleMs: number, silenceReason: string, limits: BodyLimits, signal?: AbortSignal) {
  const silence = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => silence.abort(new DOMException(silenceReason, 'TimeoutError')), idleMs);
  };
  const signals = [silence.signal, ...(signal ? [signal] : [])];
  const client = new Ollama({
    host,
    fetch: boundedFetch(limits, (input, init) => fetch(input, { ...init, signal: AbortSignal.any([...signals, ...(init?.signal ? [init.signal] : [])]) })),
  });
  alive();
  return { client, silence: silence.signal, alive, stop: () => clearTimeout(timer) };
}

/**
 * The parts of an Ollama stream; the stream is closed when `signal` aborts
 * (the fetch signal alone does not end a response that is being read).
 */
export async function* closedOnAbort<T>(stream: AsyncIterable<T> & { abort(): void }, signal?: AbortSignal): AsyncGenerator<T> {
  const stop = () => stream.abort();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const part of stream) yield part;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
