import type { Message } from 'ollama';
import { AppError } from '../errors';
import { ResponseTooLargeError, type BodyLimits } from './bounded-fetch';
import { endedEarly, ollamaError, tooLargeMessage } from './errors';
import { capText, germanCount, MAX_ANSWER_CHARS, MAX_CHAT_STREAM_BYTES, MAX_LINE_BYTES, safePrefix } from './limits';
import { closedOnAbort, watchedRequest } from './watched-request';

interface ChatRequest {
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
  /** The longest answer kept, in characters (MAX_ANSWER_CHARS unless told). */
  maxChars?: number;
  /** What the stream may hold in bytes (CHAT_STREAM_LIMITS unless told). */
  limits?: BodyLimits;
}

interface ChatOutcome {
  /** Everything that arrived, also when the answer broke off. */
  text: string;
  /** False when the answer is incomplete (cancelled, broken off, timed out, too long). */
  finished: boolean;
  /** True when the answer was longer than its cap: `text` is its beginning, `error` says so. */
  truncated: boolean;
  doneReason: string | null;
  promptTokens: number | null;
  answerTokens: number | null;
  error: AppError | null;
}

const DEFAULT_CHAT_IDLE_TIMEOUT_MS = 120_000;

const CHAT_STREAM_LIMITS: BodyLimits = { kind: 'ndjson', maxLineBytes: MAX_LINE_BYTES, maxBytes: MAX_CHAT_STREAM_BYTES };

/** The German note for an answer cut at its cap (the request is ended there). */
export const answerCutNote = (maxChars: number) =>
  `Die Antwort des Modells war länger als ${germanCount(maxChars)} Zeichen; sie wurde dort gekürzt und die Anfrage beendet.`;

/**
 * Streams an answer from Ollama's /api/chat (also a structured reply under
 * `format`). Never throws: a failure comes back as `error`, with the part of
 * the answer that had arrived, so that nothing the model already wrote is
 * lost. The request really stops on abort (the HTTP stream is closed), when
 * Ollama goes silent for too long, and when the answer passes `maxChars`
 * (then `text` is its first `maxChars` characters and `truncated` is set)
 * or the stream its byte limits.
 */
export async function streamChat(request: ChatRequest): Promise<ChatOutcome> {
  const idleMs = request.idleTimeoutMs ?? DEFAULT_CHAT_IDLE_TIMEOUT_MS;
  const maxChars = request.maxChars ?? MAX_ANSWER_CHARS;
  const watch = watchedRequest(request.host, idleMs, 'Ollama did not answer in time', request.limits ?? CHAT_STREAM_LIMITS, request.signal);
  const outcome: ChatOutcome = { text: '', finished: false, truncated: false, doneReason: null, promptTokens: null, answerTokens: null, error: null };
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
        const room = maxChars - outcome.text.length;
        const kept = piece.length > room ? safePrefix(piece, room) : piece;
        if (kept) {
          outcome.text += kept;
          request.onToken?.(kept);
        }
        if (kept.length < piece.length) {
          stream.abort();
          outcome.truncated = true;
          outcome.error = new AppError('unavailable', answerCutNote(maxChars), { detail: `chat answer of ${request.model} exceeded ${maxChars} characters; request ended` });
          break;
        }
      }
      if (part.done) {
        outcome.finished = true;
        outcome.doneReason = part.done_reason ?? null;
        outcome.promptTokens = part.prompt_eval_count ?? null;
        outcome.answerTokens = part.eval_count ?? null;
      }
    }
  } catch (error) {
    outcome.error = explainChatError(error, request, watch.silence, idleMs, outcome);
  } finally {
    watch.stop();
  }
  return outcome;
}

function explainChatError(error: unknown, request: ChatRequest, silence: AbortSignal, idleMs: number, outcome: ChatOutcome): AppError {
  if (request.signal?.aborted) return new AppError('cancelled', 'Die Antwort wurde abgebrochen.', { cause: error });
  if (silence.aborted) {
    return new AppError('timeout', `Ollama hat ${Math.round(idleMs / 1000)} Sekunden lang nichts geliefert. Der Server ist vielleicht überlastet; versuchen Sie es erneut.`, { cause: error });
  }
  if (error instanceof ResponseTooLargeError) {
    outcome.truncated = true;
    return new AppError('unavailable', tooLargeMessage(request.host, error), { cause: error, detail: `chat stream of ${request.model}: ${error.message}` });
  }
  // An {"error"} line inside the stream arrives as a plain Error with Ollama's message.
  const plain = error instanceof Error && error.constructor === Error && !(error as { cause?: unknown }).cause;
  if (plain && !/fetch failed/i.test((error as Error).message)) {
    const message = capText((error as Error).message);
    if (endedEarly(error)) return new AppError('unavailable', 'Die Antwort von Ollama brach ab, bevor sie fertig war: die Verbindung wurde beendet.', { cause: error });
    if (/out of memory|requires more system memory/i.test(message)) {
      return new AppError('unavailable', `Ollama hat nicht genug Arbeitsspeicher für dieses Modell. Wählen Sie ein kleineres Modell. (${message})`, { cause: error });
    }
    return new AppError('unavailable', `Die Antwort von Ollama brach ab: ${message}`, { cause: error });
  }
  return ollamaError(error, request.host, idleMs);
}
