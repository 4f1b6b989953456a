import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST } from '../../e2e/fixtures/temp-dir';
import { silentLogger } from '../log';
import { createOllamaClient } from './client';
import { CUT_MARK, MAX_ERROR_CHARS } from './limits';
import { fetchOllamaStatus, toOllamaModel } from './status';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.behave('/api/tags', undefined);
  fake.behave('/api/version', undefined);
  fake.omit = {};
});

const status = (host: string, timeoutMs = 2000) => fetchOllamaStatus(createOllamaClient(host, timeoutMs), host, timeoutMs, silentLogger);

describe('fetchOllamaStatus', () => {
  it('reports a reachable server with its version and models from /api/version and /api/tags', async () => {
    const result = await status(fake.url);
    expect(result.reachable).toBe(true);
    expect(result.version).toBe(fake.version);
    expect(result.error).toBeNull();
    expect(result.models.map((m) => m.name)).toEqual(['bge-m3:latest', 'qwen2.5:7b']);
    expect(result.models[1]).toMatchObject({ sizeBytes: 4_683_087_332, family: 'qwen2', parameterSize: '7.6B', quantization: 'Q4_K_M' });
    expect(fake.requestsTo('/api/version').length).toBeGreaterThan(0);
    expect(fake.requestsTo('/api/tags').length).toBeGreaterThan(0);
  });

  it('says in German that nothing listens, and what to do', async () => {
    const result = await status(CLOSED_PORT_HOST);
    expect(result.reachable).toBe(false);
    expect(result.models).toEqual([]);
    expect(result.error?.code).toBe('unavailable');
    expect(result.error?.message).toMatch(/nicht erreichbar.*ollama serve.*Einstellungen/);
  });

  it('gives up after the timeout and says so', async () => {
    fake.behave('/api/version', { delayMs: 1500 });
    // The server would answer after 1.5 s; a "timeout" result proves the client stopped waiting first.
    const result = await status(fake.url, 300);
    expect(result.reachable).toBe(false);
    expect(result.error?.code).toBe('timeout');
    expect(result.error?.message).toMatch(/nicht innerhalb von/);
  });

  it('reports a server error with its status and message', async () => {
    fake.behave('/api/tags', { status: 500, errorMessage: 'llama runner process has terminated' });
    const result = await status(fake.url);
    expect(result.reachable).toBe(false);
    expect(result.error?.message).toMatch(/HTTP 500.*llama runner process has terminated/);
  });

  it('explains an out-of-memory error', async () => {
    fake.behave('/api/tags', { status: 500, errorMessage: 'model requires more system memory (9.1 GiB) than is available (4.0 GiB)' });
    expect((await status(fake.url)).error?.message).toMatch(/nicht genug Arbeitsspeicher/);
  });

  it('names an unknown host name as such', async () => {
    const result = await status('http://ollama.invalid:11434');
    expect(result.reachable).toBe(false);
    expect(result.error?.message).toMatch(/unbekannt|nicht erreichbar/);
  });

  it('lists the models of a server that leaves out modified_at, size, digest and details: reachable, with what is known', async () => {
    fake.omit = { tags: ['modified_at', 'size', 'digest', 'details', 'model'] };
    const result = await status(fake.url);
    expect(result).toMatchObject({ reachable: true, error: null, version: fake.version });
    expect(result.models).toEqual([
      { name: 'bge-m3:latest', sizeBytes: null, modifiedAt: null, family: '', parameterSize: '', quantization: '' },
      { name: 'qwen2.5:7b', sizeBytes: null, modifiedAt: null, family: '', parameterSize: '', quantization: '' },
    ]);
  });

  it('stays reachable when /api/version leaves out the version and /api/tags the models array', async () => {
    fake.behave('/api/version', { status: 200, body: '{}', contentType: 'application/json' });
    fake.behave('/api/tags', { status: 200, body: '{"models":null}', contentType: 'application/json' });
    expect(await status(fake.url)).toMatchObject({ reachable: true, version: null, models: [], error: null });
  });

  it('takes what it can from odd /api/tags entries and skips entries without a name', () => {
    expect(toOllamaModel({ model: 'llama3:8b', modified_at: 'gestern' as unknown as Date, size: -1, details: null as never })).toEqual({ name: 'llama3:8b', sizeBytes: null, modifiedAt: null, family: '', parameterSize: '', quantization: '' });
    expect(toOllamaModel({ name: 'x', modified_at: '2026-01-15T10:00:00+01:00' as unknown as Date, size: 42 })).toMatchObject({ sizeBytes: 42, modifiedAt: '2026-01-15T09:00:00.000Z' });
    expect(toOllamaModel({ size: 42 })).toBeNull();
  });

  it('reduces an HTML error page to its status, in German and without markup', async () => {
    fake.behave('/api/tags', { status: 500, body: '<!DOCTYPE html><html><body><h1>Internal Server Error</h1><pre>Traceback …</pre></body></html>' });
    const result = await status(fake.url);
    expect(result.reachable).toBe(false);
    expect(result.error).toEqual({ code: 'unavailable', message: expect.stringMatching(/^Ollama unter .* hat mit Fehler 500 geantwortet\./) });
    expect(result.error?.message).not.toMatch(/[<>]|Traceback|Internal Server Error/);
  });

  it('caps a long error text of the server', async () => {
    fake.behave('/api/tags', { status: 500, errorMessage: 'llama runner process has terminated: ' + 'x'.repeat(200_000) });
    const message = (await status(fake.url)).error?.message ?? '';
    expect(message).toMatch(/^Ollama meldet einen Fehler \(HTTP 500\): llama runner process has terminated: x+/);
    expect(message.endsWith(CUT_MARK)).toBe(true);
    expect(message.length).toBeLessThan(MAX_ERROR_CHARS + 100);
  });

  it('stops reading an answer over its cap and says so', async () => {
    const host = fake.url;
    const result = await fetchOllamaStatus(createOllamaClient(host, 2000, { kind: 'json', maxBytes: 200 }), host, 2000, silentLogger);
    expect(result.reachable).toBe(false);
    expect(result.error?.message).toMatch(/zu große Antwort geschickt \(mehr als 200 B\)/);
  });

  it('says that the connection broke when the server hangs up without an answer, unlike a closed port', async () => {
    fake.behave('/api/tags', { cutAfterChunks: 0 });
    const result = await status(fake.url);
    expect(result.reachable).toBe(false);
    expect(result.error?.message).toMatch(/^Die Verbindung zu Ollama unter .* wurde unterbrochen\./);
    expect((await status(CLOSED_PORT_HOST)).error?.message).toMatch(/nicht erreichbar/);
  });

  it('names a server that does not answer in JSON', async () => {
    fake.behave('/api/version', { status: 200, body: '<html>Router-Anmeldung</html>' });
    const result = await status(fake.url);
    expect(result.error?.message).toMatch(/antwortet ein Server, aber nicht wie Ollama/);
    expect(result.error?.message).not.toContain('Router');
  });
});
