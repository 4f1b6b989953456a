import { describe, expect, it } from 'vitest';
import { OllamaHttpError, ResponseTooLargeError } from './bounded-fetch';
import { connectionBroke, ollamaError } from './errors';
import { CUT_MARK, MAX_ERROR_CHARS } from './limits';

const HOST = 'http://gpu-server:11434';
const systemError = (message: string, code: string) => Object.assign(new Error(message), { code });
/** What undici throws: a TypeError whose cause holds the system error. */
const undici = (message: string, cause: Error) => new TypeError(message, { cause });

describe('ollamaError', () => {
  it('tells a broken connection (reset, closed mid-answer) from a server that is not there', () => {
    const reset = ollamaError(undici('terminated', systemError('read ECONNRESET', 'ECONNRESET')), HOST, 5000);
    const closed = ollamaError(undici('terminated', systemError('other side closed', 'UND_ERR_SOCKET')), HOST, 5000);
    const refused = ollamaError(undici('fetch failed', systemError('connect ECONNREFUSED 127.0.0.1:11434', 'ECONNREFUSED')), HOST, 5000);
    for (const broken of [reset, closed]) {
      expect(broken).toMatchObject({ code: 'unavailable', userMessage: `Die Verbindung zu Ollama unter ${HOST} wurde unterbrochen. Läuft der Server noch (vielleicht ist er abgestürzt oder wurde neu gestartet)? Versuchen Sie es erneut.` });
    }
    expect(refused.userMessage).toMatch(/^Ollama ist unter http:\/\/gpu-server:11434 nicht erreichbar\./);
    expect(connectionBroke(systemError('write EPIPE', 'EPIPE'))).toBe(true);
    expect(connectionBroke(new Error('terminated'))).toBe(true);
    expect(connectionBroke(systemError('getaddrinfo ENOTFOUND gpu-server', 'ENOTFOUND'))).toBe(false);
  });

  it('gives the status of an HTTP error without JSON text, and Ollama\'s (capped) words of one with it', () => {
    expect(ollamaError(new OllamaHttpError(404, null, 'text/plain, 18 bytes'), HOST, 5000)).toMatchObject({
      code: 'unavailable',
      userMessage: `Ollama unter ${HOST} hat mit Fehler 404 geantwortet. Versuchen Sie es erneut; hilft das nicht, prüfen Sie den Server und die Adresse unter Einstellungen.`,
    });
    expect(ollamaError(new OllamaHttpError(404, "model 'x' not found", ''), HOST, 5000)).toMatchObject({ code: 'not_found', userMessage: expect.stringMatching(/^Ollama meldet: model 'x' not found\./) });
    // The client library's own ResponseError, should one still come through: its text is capped too.
    const library = Object.assign(new Error('x'.repeat(50_000)), { error: 'x'.repeat(50_000), status_code: 500 });
    const capped = ollamaError(library, HOST, 5000);
    expect(capped.userMessage).toBe(`Ollama meldet einen Fehler (HTTP 500): ${'x'.repeat(MAX_ERROR_CHARS)}${CUT_MARK}`);
    expect(capped.message.length).toBeLessThan(MAX_ERROR_CHARS + 100);
  });

  it('explains an answer over its cap and one that is not JSON', () => {
    expect(ollamaError(new ResponseTooLargeError('body', 16_000_000), HOST, 5000).userMessage).toBe(
      `Ollama unter ${HOST} hat eine zu große Antwort geschickt (mehr als 16,0 MB); sie wurde dort abgebrochen und nicht gelesen.`,
    );
    expect(ollamaError(new SyntaxError('Unexpected token < in JSON at position 0'), HOST, 5000).userMessage).toMatch(/^Unter http:\/\/gpu-server:11434 antwortet ein Server, aber nicht wie Ollama/);
  });
});
