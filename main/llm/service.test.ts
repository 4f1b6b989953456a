import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST } from '../../e2e/fixtures/temp-dir';
import { OLLAMA_DEFAULT_HOST } from '../contract';
import { silentLogger } from '../log';
import { OllamaService, type OllamaSettings } from './service';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

/** A service over settings the test changes as the clerk would in Einstellungen. */
function serviceWith(initial: Partial<OllamaSettings>, env: Record<string, string | undefined> = {}) {
  const settings: OllamaSettings = { ollamaHost: '', chatModel: '', embeddingModel: '', ...initial };
  const reads = { count: 0 };
  const service = new OllamaService({
    settings: () => {
      reads.count++;
      return { ...settings };
    },
    env,
    log: silentLogger,
    timeoutMs: 5000,
  });
  return { service, settings, reads };
}

describe('OllamaService', () => {
  it('resolves the host from the saved setting, then OLLAMA_HOST, then the default', () => {
    expect(serviceWith({ ollamaHost: 'gpu:1' }, { OLLAMA_HOST: 'other:2' }).service.host()).toEqual({ host: 'http://gpu:1', source: 'settings' });
    expect(serviceWith({}, { OLLAMA_HOST: 'other:2' }).service.host()).toEqual({ host: 'http://other:2', source: 'environment' });
    expect(serviceWith({}).service.host()).toEqual({ host: OLLAMA_DEFAULT_HOST, source: 'default' });
  });

  it('follows a change of the settings at the next use, without being created again', async () => {
    const { service, settings, reads } = serviceWith({ ollamaHost: CLOSED_PORT_HOST, chatModel: 'qwen2.5:7b' });
    expect((await service.status()).reachable).toBe(false);
    expect(service.chatModel()).toEqual({ host: CLOSED_PORT_HOST, model: 'qwen2.5:7b' });

    settings.ollamaHost = fake.url;
    const before = reads.count;
    const status = await service.status();
    expect(reads.count).toBeGreaterThan(before);
    expect(status).toMatchObject({ host: fake.url, reachable: true });
    expect(service.chatModel().host).toBe(fake.url);
    expect((await service.listModels()).models.map((m) => m.name)).toContain('bge-m3:latest');
  });

  it('has an embedder only while an embedding model is set, for the host and model of that moment', async () => {
    const { service, settings } = serviceWith({ ollamaHost: fake.url });
    expect(service.embedder()).toBeNull();
    settings.embeddingModel = 'bge-m3:latest';
    const embedder = service.embedder()!;
    expect(embedder.model).toBe('bge-m3:latest');
    const asked = fake.requestsTo('/api/embed').length;
    const [vector] = await embedder.embed(['Straßenreinigung']);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(fake.requestsTo('/api/embed').length).toBe(asked + 1);
  });

  it('turns an embedding failure into the German Ollama error', async () => {
    const { service } = serviceWith({ ollamaHost: CLOSED_PORT_HOST, embeddingModel: 'bge-m3:latest' });
    await expect(service.embedder()!.embed(['x'])).rejects.toMatchObject({ code: 'unavailable', userMessage: expect.stringMatching(/nicht erreichbar/) });
  });

  it('starts a download at the host of the moment and reports its progress until it ends', async () => {
    const progress: { done: boolean; error?: unknown }[] = [];
    const settings: OllamaSettings = { ollamaHost: fake.url, chatModel: '', embeddingModel: '' };
    const service = new OllamaService({ settings: () => settings, env: {}, log: silentLogger, onPullProgress: (p) => progress.push(p) });
    const asked = fake.requestsTo('/api/pull').length;
    const { pullId } = service.pull('qwen2.5:7b');
    expect(typeof pullId).toBe('string');
    await service.idle();
    expect(fake.requestsTo('/api/pull').length).toBe(asked + 1);
    expect(progress.at(-1)).toMatchObject({ done: true });
    expect(service.cancelPull(pullId)).toBe(false);
    service.close();
  });
});
