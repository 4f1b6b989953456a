import { describe, expect, it } from 'vitest';
import { boundedFetch, errorTextOf, NotOllamaError, OllamaHttpError, ResponseTooLargeError, type BodyLimits } from './bounded-fetch';
import { CUT_MARK, MAX_ERROR_CHARS } from './limits';

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * A body that hands out `chunks` and then, with `forever`, the last chunk
 * again and again: tells how much was pulled from it and whether it was
 * cancelled (the connection closed).
 */
function source(chunks: Uint8Array[], forever = false) {
  const seen = { pulled: 0, cancelled: false };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = i < chunks.length ? chunks[i++] : forever ? chunks.at(-1) : undefined;
      if (!chunk) return controller.close();
      seen.pulled += chunk.length;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

const fetchOf = (limits: BodyLimits, body: ReadableStream<Uint8Array> | string, init: ResponseInit = {}) =>
  boundedFetch(limits, async () => new Response(body, { status: 200, ...init }))('http://ollama.test/api/x');

const ndjson = (maxLineBytes: number, maxBytes = Number.POSITIVE_INFINITY): BodyLimits => ({ kind: 'ndjson', maxLineBytes, maxBytes });

/** Every line the stream gives, parsed; or the error it ends with. */
async function lines(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

describe('boundedFetch: JSON answers', () => {
  it('passes an answer within its cap unchanged', async () => {
    const response = await fetchOf({ kind: 'json', maxBytes: 100 }, '{"version":"0.12.6"}', { headers: { 'content-type': 'application/json' } });
    expect(await response.json()).toEqual({ version: '0.12.6' });
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('ends a larger answer at its cap and closes the body', async () => {
    const { stream, seen } = source([bytes('{"models":['), bytes('{"name":"x"},'.repeat(50))], true);
    const response = await fetchOf({ kind: 'json', maxBytes: 1000 }, stream);
    await expect(response.json()).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(2000);
  });
});

describe('boundedFetch: NDJSON streams', () => {
  it('hands on whole lines, however the bytes are split, and drops blank lines', async () => {
    const { stream } = source([bytes('{"a":'), bytes('1}\n\n{"b"'), bytes(':"ä'), bytes('"}\n{"c":3}')]);
    expect(await lines(await fetchOf(ndjson(100), stream))).toEqual([{ a: 1 }, { b: 'ä' }, { c: 3 }]);
  });

  it('stops a line without a newline at its cap: reads little more than the cap and closes the body', async () => {
    // An endless line: what a 100 MB answer without newlines looks like, without the 100 MB.
    const { stream, seen } = source([bytes('{"message":{"content":"'), bytes('x'.repeat(256))], true);
    const response = await fetchOf(ndjson(4096), stream);
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ what: 'line', limitBytes: 4096 });
    expect(seen.cancelled).toBe(true);
    // The cap, and what the source had read ahead: not the endless rest.
    expect(seen.pulled).toBeLessThan(2 * 4096);
  });

  it('hands on the whole lines before a bad one in the same chunk, then ends', async () => {
    const read = async (body: string) => {
      const reader = (await fetchOf(ndjson(64), body)).body!.getReader();
      const got: string[] = [];
      for (;;) {
        const next = await reader.read().catch((e: unknown) => e as Error);
        if (next instanceof Error) return { got, error: next };
        if (next.done) return { got, error: null };
        got.push(new TextDecoder().decode(next.value));
      }
    };
    expect(await read(`{"a":1}\n{"b":2}\n${'{"c":"' + 'x'.repeat(100)}`)).toEqual({ got: ['{"a":1}\n{"b":2}\n'], error: expect.any(ResponseTooLargeError) });
    expect(await read('{"a":1}\nkein JSON\n{"b":2}\n')).toEqual({ got: ['{"a":1}\n'], error: expect.any(NotOllamaError) });
  });

  it('stops a stream at its total cap although every line is short', async () => {
    const { stream, seen } = source([bytes('{"done":false}\n')], true);
    const error = await (await fetchOf(ndjson(100, 1000), stream)).text().catch((e: unknown) => e);
    expect(error).toMatchObject({ what: 'body', limitBytes: 1000 });
    expect(seen.cancelled).toBe(true);
  });

  it('refuses a line that is not a JSON object, so the library never prints it', async () => {
    const error = await (await fetchOf(ndjson(1000), 'data: {"choices":[]}\n')).text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotOllamaError);
    const array = await (await fetchOf(ndjson(1000), '[1,2]\n')).text().catch((e: unknown) => e);
    expect(array).toBeInstanceOf(NotOllamaError);
  });

  it('caps the text of an error line, also of one longer than the line cap', async () => {
    const long = 'runner crashed: ' + 'stack frame '.repeat(1000);
    const [capped] = await lines(await fetchOf(ndjson(1 << 20), `${JSON.stringify({ error: long })}\n`));
    expect((capped as { error: string }).error).toBe(long.slice(0, MAX_ERROR_CHARS) + CUT_MARK);
    const { stream, seen } = source([bytes('{"error":"out of memory: '), bytes('y'.repeat(512))], true);
    const salvaged = await lines(await fetchOf(ndjson(4096), stream));
    expect(salvaged).toEqual([{ error: `out of memory: ${'y'.repeat(MAX_ERROR_CHARS - 'out of memory: '.length)}${CUT_MARK}` }]);
    expect(seen.cancelled).toBe(true);
  });
});

describe('boundedFetch: HTTP errors', () => {
  const failing = (status: number, body: string | ReadableStream<Uint8Array>, type: string) =>
    boundedFetch({ kind: 'json', maxBytes: 1 << 20, maxErrorBytes: 4096 }, async () => new Response(body, { status, headers: { 'content-type': type } }))('http://ollama.test/api/tags');

  it('keeps Ollama\'s JSON error text', async () => {
    const error = await failing(500, '{"error":"model requires more system memory"}', 'application/json; charset=utf-8').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OllamaHttpError);
    expect(error).toMatchObject({ status_code: 500, serverMessage: 'model requires more system memory', message: 'model requires more system memory' });
  });

  it('reduces an HTML page to its status: no markup in the error', async () => {
    const html = '<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>nginx</h1></body></html>';
    const error = (await failing(500, html, 'text/html').catch((e: unknown) => e)) as OllamaHttpError;
    expect(error).toMatchObject({ status_code: 500, serverMessage: null });
    expect(error.message).toMatch(/^HTTP 500 without a JSON error \(text\/html, \d+ bytes\)$/);
    expect(error.message).not.toContain('<');
  });

  it('reads no more of an error body than its cap, and keeps the beginning of a JSON error text', async () => {
    const { stream, seen } = source([bytes('{"error":"disk full: '), bytes('z'.repeat(1024))], true);
    const error = (await failing(500, stream, 'application/json').catch((e: unknown) => e)) as OllamaHttpError;
    expect(error.serverMessage).toBe(`disk full: ${'z'.repeat(MAX_ERROR_CHARS - 'disk full: '.length)}${CUT_MARK}`);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(2 * 4096);
  });
});

describe('errorTextOf', () => {
  it('reads {"error"} and a proxy\'s {"error": {"message"}}, nothing else', () => {
    expect(errorTextOf(bytes('{"error":"nicht gefunden"}'), true)).toBe('nicht gefunden');
    expect(errorTextOf(bytes('{"error":{"message":"rate limited"}}'), true)).toBe('rate limited');
    expect(errorTextOf(bytes('{"detail":"x"}'), true)).toBeNull();
    expect(errorTextOf(bytes('{"error":"  "}'), true)).toBeNull();
    expect(errorTextOf(bytes('Bad Gateway'), true)).toBeNull();
  });

  it('keeps the beginning of a cut error text, without half an escape sequence', () => {
    expect(errorTextOf(bytes('{"error":"Stra\\u00dfe \\u00'), false)).toBe(`Straße ${CUT_MARK}`);
    expect(errorTextOf(bytes('{"error":"a\\"b\\'), false)).toBe(`a"b${CUT_MARK}`);
  });
});
