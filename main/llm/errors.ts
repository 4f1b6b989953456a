import { AppError } from '../errors';

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
 * Translates whatever the Ollama client threw into an AppError that tells
 * the clerk what happened and what to do. The original stays as the cause
 * for the log.
 */
export function ollamaError(error: unknown, host: string, timeoutMs: number): AppError {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string } | null)?.name;
  const status = (error as { status_code?: number } | null)?.status_code;
  const serverMessage = (error as { error?: string } | null)?.error ?? (error as Error | null)?.message ?? String(error);
  const detail = `ollama request to ${host} failed: ${serverMessage}`;

  if (name === 'TimeoutError') {
    return new AppError('timeout', `Ollama unter ${host} hat nicht innerhalb von ${Math.round(timeoutMs / 1000)} Sekunden geantwortet. Ist der Server überlastet? Versuchen Sie es erneut.`, { cause: error, detail });
  }
  if (name === 'AbortError') {
    return new AppError('cancelled', 'Die Anfrage an Ollama wurde abgebrochen.', { cause: error, detail });
  }
  if (typeof status === 'number') {
    if (status === 404) {
      return new AppError('not_found', `Ollama meldet: ${serverMessage}. Ist das Modell installiert? Sie können es unter Einstellungen → Modelle laden.`, { cause: error, detail });
    }
    if (/out of memory|insufficient memory|requires more system memory/i.test(serverMessage)) {
      return new AppError('unavailable', `Ollama hat nicht genug Arbeitsspeicher für dieses Modell. Wählen Sie ein kleineres Modell oder schließen Sie andere Programme. (${serverMessage})`, { cause: error, detail });
    }
    return new AppError('unavailable', `Ollama meldet einen Fehler (HTTP ${status}): ${serverMessage}`, { cause: error, detail });
  }
  const code = systemCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new AppError('unavailable', `Der Rechner in der Ollama-Adresse ${host} ist unbekannt. Prüfen Sie die Adresse unter Einstellungen.`, { cause: error, detail });
  }
  return new AppError('unavailable', `Ollama ist unter ${host} nicht erreichbar. Starten Sie Ollama (z. B. mit „ollama serve“) oder prüfen Sie die Adresse unter Einstellungen. Suche und Vorlagen funktionieren auch ohne Ollama.`, { cause: error, detail });
}
