import { randomUUID } from 'node:crypto';
import type { PullProgress } from '../contract';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { OllamaHttpError, type BodyLimits } from './bounded-fetch';
import { endedEarly, ollamaError, serverMessageOf } from './errors';
import { MAX_LINE_BYTES } from './limits';
import { closedOnAbort, watchedRequest } from './watched-request';

/** One line of Ollama's /api/pull stream. */
export interface PullStep {
  status: string;
  digest?: string;
  total?: number;
  completed?: number;
}

interface PullRequest {
  host: string;
  name: string;
  signal?: AbortSignal;
  onStep?: (step: PullStep) => void;
  /** Longest wait for the next line (verifying a large model's digest takes a while). */
  idleTimeoutMs?: number;
  /** What the stream may hold (PULL_STREAM_LIMITS unless told). */
  limits?: BodyLimits;
}

const DEFAULT_PULL_IDLE_TIMEOUT_MS = 300_000;

/** Lines of at most MAX_LINE_BYTES; no cap on the whole stream, which reports progress for as long as the download takes. */
const PULL_STREAM_LIMITS: BodyLimits = { kind: 'ndjson', maxLineBytes: MAX_LINE_BYTES, maxBytes: Number.POSITIVE_INFINITY };

/**
 * Downloads a model through Ollama's /api/pull, streamed. Resolves on
 * "success"; throws an AppError with a German message otherwise, also
 * when the stream ends without it (the client library throws then). Aborting
 * the signal closes the HTTP request (Ollama then stops downloading and
 * keeps what it has, so a later pull continues).
 */
export async function pullModel(request: PullRequest): Promise<void> {
  const idleMs = request.idleTimeoutMs ?? DEFAULT_PULL_IDLE_TIMEOUT_MS;
  const watch = watchedRequest(request.host, idleMs, 'Ollama did not report progress in time', request.limits ?? PULL_STREAM_LIMITS, request.signal);
  try {
    if (request.signal?.aborted) throw request.signal.reason;
    const stream = await watch.client.pull({ model: request.name, stream: true });
    for await (const part of closedOnAbort(stream, request.signal)) {
      watch.alive();
      request.onStep?.(part);
      if (part.status === 'success') return;
    }
  } catch (error) {
    throw explainPullError(error, request, watch.silence, idleMs);
  } finally {
    watch.stop();
  }
}

function explainPullError(error: unknown, request: PullRequest, silence: AbortSignal, idleMs: number): AppError {
  const { name } = request;
  if (request.signal?.aborted) {
    return new AppError('cancelled', `Das Herunterladen von „${name}“ wurde abgebrochen. Bereits geladene Teile behält Ollama; ein neuer Versuch setzt dort fort.`, { cause: error });
  }
  if (silence.aborted) {
    return new AppError('timeout', `Ollama hat ${Math.round(idleMs / 1000)} Sekunden lang keinen Fortschritt für „${name}“ gemeldet. Prüfen Sie die Internetverbindung des Ollama-Servers und versuchen Sie es erneut.`, { cause: error });
  }
  const status = (error as { status_code?: number } | null)?.status_code;
  // An HTML error page says nothing the clerk can use: the status, in German.
  if (error instanceof OllamaHttpError && error.serverMessage === null) return ollamaError(error, request.host, idleMs);
  // An {"error"} line in the stream (or an HTTP error with one) carries Ollama's own words.
  const plain = error instanceof Error && error.constructor === Error && !(error as { cause?: unknown }).cause && !/fetch failed/i.test(error.message);
  if (plain || typeof status === 'number') {
    const message = serverMessageOf(error);
    if (endedEarly(error)) {
      return new AppError('unavailable', `Das Herunterladen von „${name}“ brach ab, bevor Ollama es als abgeschlossen meldete. Bereits geladene Teile behält Ollama; ein neuer Versuch setzt dort fort.`, { cause: error, detail: `pull ${name}: ${message}` });
    }
    if (/file does not exist|not found/i.test(message)) {
      return new AppError('not_found', `Ein Modell „${name}“ gibt es in der Ollama-Bibliothek nicht. Prüfen Sie die Schreibweise (z. B. qwen2.5:7b; Liste auf ollama.com/library).`, { cause: error, detail: `pull ${name}: ${message}` });
    }
    if (/invalid model name/i.test(message)) {
      return new AppError('invalid_argument', `„${name}“ ist kein gültiger Modellname (Beispiel: qwen2.5:7b).`, { cause: error, fields: { name: 'Ungültiger Modellname.' } });
    }
    if (/no space left|disk/i.test(message)) {
      return new AppError('unavailable', `Auf dem Ollama-Server ist nicht genug Speicherplatz für „${name}“. (${message})`, { cause: error });
    }
    return new AppError('unavailable', `Das Herunterladen von „${name}“ ist fehlgeschlagen: ${message}. Ist der Ollama-Server mit dem Internet verbunden?`, { cause: error, detail: `pull ${name}: ${message}` });
  }
  return ollamaError(error, request.host, idleMs);
}

/** Progress events at most this often per download (plus every change of step and the end). */
const PROGRESS_INTERVAL_MS = 250;

interface RunningPull {
  progress: PullProgress;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The downloads the clerk started: each gets an id, pushes throttled
 * progress (bytes summed over the model's layers) and can be cancelled.
 * Asking for a model that is already downloading joins that download.
 */
export class PullManager {
  private readonly running = new Map<string, RunningPull>();

  constructor(
    private readonly hostOf: () => string,
    private readonly emit: (progress: PullProgress) => void,
    private readonly log: Logger,
    private readonly options: { intervalMs?: number; idleTimeoutMs?: number } = {},
  ) {}

  start(name: string): { pullId: string } {
    for (const pull of this.running.values()) if (pull.progress.name === name) return { pullId: pull.progress.pullId };
    const pullId = randomUUID();
    const controller = new AbortController();
    const progress: PullProgress = { pullId, name, status: 'starting', completed: 0, total: 0, done: false };
    const layers = new Map<string, { total: number; completed: number }>();
    const interval = this.options.intervalMs ?? PROGRESS_INTERVAL_MS;
    let lastEmit = 0;
    let lastStatus = '';
    const report = (force = false) => {
      const now = Date.now();
      if (force || progress.status !== lastStatus || now - lastEmit >= interval) {
        lastEmit = now;
        lastStatus = progress.status;
        this.emit({ ...progress });
      }
    };
    const onStep = (step: PullStep) => {
      progress.status = step.status;
      if (step.digest && step.total) {
        layers.set(step.digest, { total: step.total, completed: Math.min(step.completed ?? 0, step.total) });
        progress.total = 0;
        progress.completed = 0;
        for (const layer of layers.values()) {
          progress.total += layer.total;
          progress.completed += layer.completed;
        }
      }
      report();
    };
    const host = this.hostOf();
    this.log.info('model pull started', { name, host, pullId });
    const done = pullModel({ host, name, signal: controller.signal, onStep, idleTimeoutMs: this.options.idleTimeoutMs })
      .then(() => {
        progress.status = 'success';
        progress.completed = progress.total;
        this.log.info('model pulled', { name, pullId });
      })
      .catch((error: unknown) => {
        const appError = error instanceof AppError ? error : new AppError('internal', 'Das Herunterladen ist unerwartet fehlgeschlagen.', { cause: error });
        progress.error = appError.toApiError();
        this.log.warn('model pull ended without success', { name, pullId, error: appError });
      })
      .finally(() => {
        progress.done = true;
        this.running.delete(pullId);
        report(true);
      });
    this.running.set(pullId, { progress, controller, done });
    report(true);
    return { pullId };
  }

  cancel(pullId: string): boolean {
    const pull = this.running.get(pullId);
    if (!pull) return false;
    pull.controller.abort();
    return true;
  }

  /** Snapshots of the downloads that are running now. */
  active(): PullProgress[] {
    return [...this.running.values()].map((p) => ({ ...p.progress }));
  }

  cancelAll(): void {
    for (const pull of this.running.values()) pull.controller.abort();
  }

  /** Resolves when every download started so far has ended. */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()].map((p) => p.done));
  }
}
