import { capText, MAX_ERROR_BODY_BYTES, MAX_ERROR_CHARS } from './limits';

/**
 * What a response may hold. `json`: one JSON document of at most `maxBytes`.
 * `ndjson`: a stream of JSON objects, one a line, each at most
 * `maxLineBytes`, all together at most `maxBytes`.
 */
export type BodyLimits = { kind: 'json'; maxBytes: number; maxErrorBytes?: number } | { kind: 'ndjson'; maxLineBytes: number; maxBytes: number; maxErrorBytes?: number };

/**
 * Ollama answered with an HTTP error. `serverMessage` is Ollama's own text
 * from a JSON `{"error": …}` body, capped; null when the body was not JSON
 * (an HTML page of a proxy or a crashed server), which is never shown.
 * Shaped like the client library's ResponseError (`status_code`), which it
 * replaces.
 */
export class OllamaHttpError extends Error {
  override readonly name = 'OllamaHttpError';
  readonly status_code: number;
  readonly serverMessage: string | null;

  constructor(status: number, serverMessage: string | null, bodyDescription: string) {
    super(serverMessage ?? `HTTP ${status} without a JSON error (${bodyDescription})`);
    this.status_code = status;
    this.serverMessage = serverMessage;
  }
}

/** A response (or one line of a stream) was larger than its cap; the rest was not read. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(
    readonly what: 'line' | 'body',
    readonly limitBytes: number,
  ) {
    super(what === 'line' ? `a line of the stream exceeded ${limitBytes} bytes` : `the response exceeded ${limitBytes} bytes`);
  }
}

/** A line of a stream that is not a JSON object: whatever answers there does not speak Ollama's API. */
export class NotOllamaError extends Error {
  override readonly name = 'NotOllamaError';
}

/**
 * A `fetch` for the `ollama` client that reads no more than `limits` allow.
 *
 * The client library buffers a stream line until its newline and reads
 * error bodies whole (printing to stdout while it does, which broke
 * `stadtschreiber status --json`). So this wrapper handles errors itself
 * and hands the library only bodies it has bounded: an HTTP error becomes
 * an OllamaHttpError before the library sees the response; a JSON body
 * ends with a ResponseTooLargeError at its cap; a stream is passed on in
 * whole, checked lines, so that the library never holds more than one
 * line of `maxLineBytes` and never meets a line it cannot parse (it would
 * print that, too). Going over a cap cancels the body, which closes the
 * connection.
 */
export function boundedFetch(limits: BodyLimits, base: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.ok) {
      const { bytes, complete } = await readCapped(response.body, limits.maxErrorBytes ?? MAX_ERROR_BODY_BYTES);
      const type = response.headers.get('content-type') ?? 'no content type';
      throw new OllamaHttpError(response.status, errorTextOf(bytes, complete), `${type}, ${complete ? '' : 'more than '}${bytes.length} bytes`);
    }
    if (!response.body) return response;
    const body = limits.kind === 'ndjson' ? ndjsonBody(response.body, limits.maxLineBytes, limits.maxBytes) : cappedBody(response.body, limits.maxBytes);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/**
 * Ollama's words from a JSON error body (`{"error": "…"}`, or a proxy's
 * `{"error": {"message": "…"}}`), capped to MAX_ERROR_CHARS; null for
 * anything else, an empty text included. A body cut at its cap still gives the beginning of its
 * error text.
 */
export function errorTextOf(bytes: Uint8Array, complete: boolean): string | null {
  const text = new TextDecoder().decode(bytes);
  if (!/^\s*\{/.test(text)) return null;
  if (complete) {
    try {
      const value = JSON.parse(text) as { error?: unknown };
      const error = value?.error;
      const said = typeof error === 'string' ? error : (error as { message?: unknown } | null | undefined)?.message;
      return typeof said === 'string' && said.trim() !== '' ? capText(said) : null;
    } catch {
      return null;
    }
  }
  const start = /^\s*\{\s*"error"\s*:\s*"((?:[^"\\]|\\.)*)/.exec(text.slice(0, MAX_ERROR_CHARS * 6 + 64));
  if (!start) return null;
  // The cut may have split an escape sequence: drop a trailing "\" or "\u00".
  const raw = start[1]!.replace(/\\(u[0-9a-fA-F]{0,3})?$/, '');
  try {
    return capText(JSON.parse(`"${raw}"`) as string, MAX_ERROR_CHARS, true);
  } catch {
    return null;
  }
}

async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  if (!body) return { bytes: new Uint8Array(0), complete: true };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: concat(parts), complete: true };
    if (size + value.length > max) {
      parts.push(value.subarray(0, max - size));
      await reader.cancel().catch(() => undefined);
      return { bytes: concat(parts), complete: false };
    }
    parts.push(value);
    size += value.length;
  }
}

/** The body as it comes, ended with a ResponseTooLargeError once it passes `max` bytes. */
function cappedBody(source: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      size += value.length;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        return controller.error(new ResponseTooLargeError('body', max));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

const NEWLINE = 0x0a;
const encoder = new TextEncoder();

/**
 * The stream in whole lines, each checked to be a JSON object; blank lines
 * are dropped. An `{"error"}` line's text is capped. A line longer than
 * `maxLine` ends the stream: as an `{"error"}` line with the beginning of
 * its text when it was one, else with a ResponseTooLargeError.
 */
function ndjsonBody(source: ReadableStream<Uint8Array>, maxLine: number, maxBytes: number): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const decoder = new TextDecoder();
  /** The start of the line that has not ended yet. */
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  let total = 0;

  const stop = async (controller: ReadableStreamDefaultController<Uint8Array>, lineStart: Uint8Array | null, error: Error) => {
    await reader.cancel().catch(() => undefined);
    const salvaged = lineStart ? errorTextOf(lineStart.subarray(0, MAX_ERROR_BODY_BYTES), false) : null;
    if (salvaged === null) return controller.error(error);
    controller.enqueue(encoder.encode(JSON.stringify({ error: salvaged }) + '\n'));
    controller.close();
  };
  /** The line as it goes on to the library, or null for a blank line; throws NotOllamaError. */
  const checked = (line: Uint8Array): Uint8Array | null => {
    const text = decoder.decode(line);
    if (text.trim() === '') return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new NotOllamaError(`a line of the stream is not JSON (${line.length} bytes, starting ${JSON.stringify(text.slice(0, 40))})`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new NotOllamaError(`a line of the stream is not a JSON object (${JSON.stringify(text.slice(0, 40))})`);
    const error = (value as { error?: unknown }).error;
    if (typeof error === 'string' && error.length > MAX_ERROR_CHARS) return encoder.encode(JSON.stringify({ ...value, error: capText(error) }) + '\n');
    return concat([line, encoder.encode('\n')]);
  };

  /** An end found after complete lines of the same chunk: run at the next pull, once those lines are taken (erroring a stream drops what is queued). */
  let failure: (() => Promise<void> | void) | null = null;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (failure) return failure();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          const last = pendingSize > 0 ? concat(pending) : null;
          pending = [];
          pendingSize = 0;
          try {
            const line = last && checked(last);
            if (line) controller.enqueue(line);
          } catch (error) {
            return controller.error(error);
          }
          return controller.close();
        }
        total += value.length;
        if (total > maxBytes) return stop(controller, null, new ResponseTooLargeError('body', maxBytes));
        const out: Uint8Array[] = [];
        const end = (fail: () => Promise<void> | void) => {
          if (out.length === 0) return fail();
          controller.enqueue(concat(out));
          failure = fail;
        };
        let start = 0;
        for (let nl = value.indexOf(NEWLINE); nl !== -1; nl = value.indexOf(NEWLINE, start)) {
          const piece = value.subarray(start, nl);
          start = nl + 1;
          if (pendingSize + piece.length > maxLine) {
            const head = concat([...pending, piece]);
            return end(() => stop(controller, head, new ResponseTooLargeError('line', maxLine)));
          }
          const line = pendingSize > 0 ? concat([...pending, piece]) : piece;
          pending = [];
          pendingSize = 0;
          try {
            const passed = checked(line);
            if (passed) out.push(passed);
          } catch (error) {
            return end(async () => {
              await reader.cancel().catch(() => undefined);
              controller.error(error);
            });
          }
        }
        const rest = value.subarray(start);
        if (pendingSize + rest.length > maxLine) {
          const head = concat([...pending, rest.subarray(0, maxLine - pendingSize)]);
          return end(() => stop(controller, head, new ResponseTooLargeError('line', maxLine)));
        }
        if (rest.length > 0) {
          pending.push(rest);
          pendingSize += rest.length;
        }
        if (out.length > 0) return controller.enqueue(concat(out));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
