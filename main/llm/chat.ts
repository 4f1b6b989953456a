import type { Message } from 'ollama';
import { AppError } from '../errors';
import { endedEarly, ollamaError } from './errors';
import { closedOnAbort, watchedRequest } from './watched-request';

export interface ChatRequest {
  host: string;
  model: string;
  messages: Message[];
  /** The context window to ask for: Ollama's default is small and silently cuts prompts. */
  numCtx?: number;
  /** A JSON schema for structured output. */
  format?: object;
  signal?: AbortSignal;
  /** Called with every piece of the answer as it arrives. */
  onToken?: (text: string) => void;
  /** Longest wait for the first or the next piece (the first may include loading the model). */
  idleTimeoutMs?: number;
}

export interface ChatOutcome {
  /** Everything that arrived, also when the answer broke off. */
  text: string;
  /** False when the answer is incomplete (cancelled, broken off, timed out). */
  finished: boolean;
  doneReason: string | null;
  promptTokens: number | null;
  answerTokens: number | null;
  error: AppError | null;
}

export const DEFAULT_CHAT_IDLE_TIMEOUT_MS = 120_000;

/**
 * Streams an answer from Ollama's /api/chat. Never throws: a failure comes
 * back as `error`, with the part of the answer that had arrived, so that
 * nothing the model already wrote is lost. The request really stops on
 * abort (the HTTP stream is closed) and when Ollama goes silent for too long.
 */
export async function streamChat(request: ChatRequest): Promise<ChatOutcome> {
  const idleMs = request.idleTimeoutMs ?? DEFAULT_CHAT_IDLE_TIMEOUT_MS;
  const watch = watchedRequest(request.host, idleMs, 'Ollama did not answer in time', request.signal);
  const outcome: ChatOutcome = { text: '', finished: false, doneReason: null, promptTokens: null, answerTokens: null, error: null };
  try {
    const stream = await watch.client.chat({
      model: request.model,
      messages: request.messages,
      stream: true,
      ...(request.format ? { format: request.format } : {}),
      ...(request.numCtx ? { options: { num_ctx: request.numCtx } } : {}),
    });
    for await (const part of closedOnAbort(stream, request.signal)) {
      watch.alive();
      const piece = part.message?.content ?? '';
      if (piece) {
        outcome.text += piece;
        request.onToken?.(piece);
      }
      if (part.done) {
        outcome.finished = true;
        outcome.doneReason = part.done_reason ?? null;
        outcome.promptTokens = part.prompt_eval_count ?? null;
        outcome.answerTokens = part.eval_count ?? null;
      }
    }
  } catch (error) {
    outcome.error = explainChatError(error, request, watch.silence, idleMs);
  } finally {
    watch.stop();
  }
  return outcome;
}

function explainChatError(error: unknown, request: ChatRequest, silence: AbortSignal, idleMs: number): AppError {
  if (request.signal?.aborted) return new AppError('cancelled', 'Die Antwort wurde abgebrochen.', { cause: error });
  if (silence.aborted) {
    return new AppError('timeout', `Ollama hat ${Math.round(idleMs / 1000)} Sekunden lang nichts geliefert. Der Server ist vielleicht überlastet; versuchen Sie es erneut.`, { cause: error });
  }
  // An {"error"} line inside the stream arrives as a plain Error with Ollama's message.
  const plain = error instanceof Error && error.constructor === Error && !(error as { cause?: unknown }).cause;
  if (plain && !/fetch failed/i.test((error as Error).message)) {
    const message = (error as Error).message;
    if (endedEarly(error)) return new AppError('unavailable', 'Die Antwort von Ollama brach ab, bevor sie fertig war: die Verbindung wurde beendet.', { cause: error });
    if (/out of memory|requires more system memory/i.test(message)) {
      return new AppError('unavailable', `Ollama hat nicht genug Arbeitsspeicher für dieses Modell. Wählen Sie ein kleineres Modell. (${message})`, { cause: error });
    }
    return new AppError('unavailable', `Die Antwort von Ollama brach ab: ${message}`, { cause: error });
  }
  return ollamaError(error, request.host, idleMs);
}
