import { AppError } from '../errors';
import { formatBytes } from '../format';
import { NotOllamaError, OllamaHttpError, ResponseTooLargeError } from './bounded-fetch';
import { capText } from './limits';

/** Walks the cause chain: undici hides the system error (ECONNREFUSED…) in `cause`. */
function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The ollama client's error for a stream that ended without its last line (the connection was closed on the way). */
export const endedEarly = (error: unknown): boolean => error instanceof Error && /did not receive done or success/i.test(error.message);

/**
 * System and undici codes of a connection that was open and broke: the
 * server closed the socket or reset it ("terminated", "other side closed").
 * ECONNREFUSED is not among them: there nothing listened.
 */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Whether the connection to Ollama broke while a request was under way. */
export function connectionBroke(error: unknown): boolean {
  const code = systemCode(error);
  if (code !== undefined) return BROKEN_CONNECTION.has(code);
  return error instanceof Error && /^(terminated|other side closed|socket hang up)$/i.test(error.message);
}

/** The German sentence for a connection that broke; shared by every request. */
const connectionBrokeMessage = (host: string) =>
  `Die Verbindung zu Ollama unter ${host} wurde unterbrochen. Läuft der Server noch (vielleicht ist er abgestürzt oder wurde neu gestartet)? Versuchen Sie es erneut.`;

/** The German sentence for an HTTP error whose body held no JSON error text (an HTML page). */
const httpStatusMessage = (host: string, status: number) =>
  `Ollama unter ${host} hat mit Fehler ${status} geantwortet. Versuchen Sie es erneut; hilft das nicht, prüfen Sie den Server und die Adresse unter Einstellungen.`;

/** The German sentence for an answer over its cap. */
export const tooLargeMessage = (host: string, error: ResponseTooLargeError) =>
  error.what === 'line'
    ? `Ollama unter ${host} hat mehr als ${formatBytes(error.limitBytes)} ohne Zeilenumbruch geschickt; die Antwort wurde dort abgebrochen und nicht gelesen.`
    : `Ollama unter ${host} hat eine zu große Antwort geschickt (mehr als ${formatBytes(error.limitBytes)}); sie wurde dort abgebrochen und nicht gelesen.`;

/** What the server itself said, capped: Ollama's `{"error"}` text, or the error's message. */
export function serverMessageOf(error: unknown): string {
  if (error instanceof OllamaHttpError) return error.serverMessage ?? error.message;
  const own = (error as { error?: unknown } | null)?.error;
  return capText(typeof own === 'string' ? own : error instanceof Error ? error.message : String(error));
}

/**
 * Translates whatever the Ollama client threw into an AppError that tells
 * the clerk what happened and what to do. The original stays as the cause
 * for the log.
 */
export function ollamaError(error: unknown, host: string, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string } | null)?.name;
  const status = (error as { status_code?: number } | null)?.status_code;
  const serverMessage = serverMessageOf(error);
  const detail = `ollama request to ${host} failed: ${serverMessage}`;

  if (name === 'TimeoutError') {
    return new AppError('timeout', `Ollama unter ${host} hat nicht innerhalb von ${Math.round(timeoutMs / 1000)} Sekunden geantwortet. Ist der Server überlastet? Versuchen Sie es erneut.`, { cause: error, detail });
  }
  if (name === 'AbortError') {
    return new AppError('cancelled', 'Die Anfrage an Ollama wurde abgebrochen.', { cause: error, detail });
  }
  if (error instanceof ResponseTooLargeError) {
    return new AppError('unavailable', tooLargeMessage(host, error), { cause: error, detail });
  }
  if (error instanceof NotOllamaError || error instanceof SyntaxError) {
    return new AppError('unavailable', `Unter ${host} antwortet ein Server, aber nicht wie Ollama (seine Antwort ist kein gültiges JSON). Prüfen Sie die Adresse unter Einstellungen.`, { cause: error, detail });
  }
  if (typeof status === 'number') {
    if (error instanceof OllamaHttpError && error.serverMessage === null) {
      return new AppError('unavailable', httpStatusMessage(host, status), { cause: error, detail });
    }
    if (status === 404) {
      return new AppError('not_found', `Ollama meldet: ${serverMessage}. Ist das Modell installiert? Sie können es unter Einstellungen → Modelle laden.`, { cause: error, detail });
    }
    if (/out of memory|insufficient memory|requires more system memory/i.test(serverMessage)) {
      return new AppError('unavailable', `Ollama hat nicht genug Arbeitsspeicher für dieses Modell. Wählen Sie ein kleineres Modell oder schließen Sie andere Programme. (${serverMessage})`, { cause: error, detail });
    }
    return new AppError('unavailable', `Ollama meldet einen Fehler (HTTP ${status}): ${serverMessage}`, { cause: error, detail });
  }
  if (connectionBroke(error)) {
    return new AppError('unavailable', connectionBrokeMessage(host), { cause: error, detail });
  }
  const code = systemCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('unavailable', `Der Rechner in der Ollama-Adresse ${host} ist unbekannt. Prüfen Sie die Adresse unter Einstellungen.`, { cause: error, detail });
  }
  return new AppError('unavailable', `Ollama ist unter ${host} nicht erreichbar. Starten Sie Ollama (z. B. mit „ollama serve“) oder prüfen Sie die Adresse unter Einstellungen. Suche und Vorlagen funktionieren auch ohne Ollama.`, { cause: error, detail });
}
