import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST } from '../../e2e/fixtures/temp-dir';
import { silentLogger } from '../log';
import { createOllamaClient } from './client';
import { fetchOllamaStatus } from './status';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.behave('/api/tags', undefined);
  fake.behave('/api/version', undefined);
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
});
