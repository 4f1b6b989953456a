/**
 * `stadtschreiber status --json` writes JSON to stdout: nothing a library
 * prints may get in between. The `ollama` client prints (console.log while
 * it reads an error body that is not JSON, console.warn for a stream line
 * it cannot parse); these tests prove that none of that reaches the
 * console or stdout, whatever the server sends.
 */
import { Ollama } from 'ollama';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { runCli } from '../cli';
import { silentLogger } from '../log';
import { streamChat } from './chat';
import { createOllamaClient } from './client';
import { ModelCatalog } from './models';
import { pullModel } from './pull';
import { fetchOllamaStatus } from './status';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

const HTML = '<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>';

/** Everything written to stdout or the console while the spies are on. */
let printed: unknown[][];
beforeEach(() => {
  printed = [];
  const record = (...args: unknown[]) => void printed.push(args);
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, method).mockImplementation(record);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    printed.push(['stdout', String(chunk)]);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const path of ['/api/tags', '/api/version', '/api/chat', '/api/pull', '/api/show']) fake.behave(path, undefined);
});

describe('nothing of the ollama library reaches stdout or the console', () => {
  it('the spies see the library when it prints (the unguarded client against an HTML error page)', async () => {
    fake.behave('/api/tags', { status: 500, body: HTML });
    await expect(new Ollama({ host: fake.url }).list()).rejects.toThrow();
    expect(printed.flat().join(' ')).toContain('Getting text from response');
  });

  it('the status check against an HTML error page: nothing printed, and the result is JSON', async () => {
    fake.behave('/api/tags', { status: 500, body: HTML });
    const status = await fetchOllamaStatus(createOllamaClient(fake.url, 2000), fake.url, 2000, silentLogger);
    expect(printed).toEqual([]);
    expect(status.reachable).toBe(false);
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });

  it('the status check against a server that sends no JSON, or breaks off: nothing printed', async () => {
    fake.behave('/api/version', { status: 200, body: 'Ollama is running' });
    expect((await fetchOllamaStatus(createOllamaClient(fake.url, 2000), fake.url, 2000, silentLogger)).reachable).toBe(false);
    fake.behave('/api/version', { cutAfterChunks: 0 });
    expect((await fetchOllamaStatus(createOllamaClient(fake.url, 2000), fake.url, 2000, silentLogger)).reachable).toBe(false);
    fake.behave('/api/version', undefined);
    fake.behave('/api/show', { status: 404, body: '404 page not found', contentType: 'text/plain' });
    expect((await new ModelCatalog(silentLogger).list(createOllamaClient(fake.url, 2000), fake.url, 2000)).reachable).toBe(true);
    expect(printed).toEqual([]);
  });

  it('chat and pull streams with lines that are not JSON, or an HTML error: nothing printed', async () => {
    fake.behave('/api/chat', { rawLines: ['data: {"x":1}', '', '{"message":{"content":"a"}'] });
    expect((await streamChat({ host: fake.url, model: 'qwen2.5:7b', messages: [] })).error).not.toBeNull();
    fake.behave('/api/chat', { status: 500, body: HTML });
    expect((await streamChat({ host: fake.url, model: 'qwen2.5:7b', messages: [] })).error).not.toBeNull();
    fake.behave('/api/pull', { rawLines: ['pulling manifest', 'success'] });
    await expect(pullModel({ host: fake.url, name: 'llama3.1:8b' })).rejects.toMatchObject({ code: 'unavailable' });
    fake.behave('/api/pull', { status: 500, body: HTML });
    await expect(pullModel({ host: fake.url, name: 'llama3.1:8b' })).rejects.toMatchObject({ userMessage: expect.stringMatching(/Fehler 500/) });
    expect(printed).toEqual([]);
  });

  it('`stadtschreiber status --json` against a server that answers /api/tags with an HTML page and leaves fields out: JSON only', async () => {
    fake.behave('/api/tags', { status: 500, body: HTML });
    const dir = tempDir();
    try {
      let stdout = '';
      const code = await runCli(['status', '--json', '--data-dir', dir.path], { stdout: (t) => (stdout += t), stderr: () => undefined, env: { OLLAMA_HOST: fake.url } });
      expect(code).toBe(0);
      expect(printed).toEqual([]);
      const status = JSON.parse(stdout) as { ollama: { reachable: boolean; error: { message: string } } };
      expect(status.ollama).toMatchObject({ reachable: false, error: { message: expect.stringMatching(/hat mit Fehler 500 geantwortet/) } });
      fake.behave('/api/tags', undefined);
      fake.omit = { tags: ['modified_at', 'size', 'digest', 'details'] };
      stdout = '';
      await runCli(['status', '--json', '--data-dir', dir.path], { stdout: (t) => (stdout += t), stderr: () => undefined, env: { OLLAMA_HOST: fake.url } });
      expect(JSON.parse(stdout).ollama).toMatchObject({ reachable: true, models: [{ name: 'bge-m3:latest' }, { name: 'qwen2.5:7b' }] });
      expect(printed).toEqual([]);
    } finally {
      fake.omit = {};
      dir.remove();
    }
  });
});
