import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_MODELS, FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST } from '../../e2e/fixtures/temp-dir';
import { silentLogger } from '../log';
import { createOllamaClient } from './client';
import { ModelCatalog, showFacts, suggestionsFor } from './models';

const fake = new FakeOllama([
  ...DEFAULT_FAKE_MODELS,
  { name: 'jina/jina-embeddings-v2-base-de:latest', size: 322_000_000, family: 'jina-bert-v2', parameterSize: '161M', quantization: 'F16', capabilities: ['embedding'], contextLength: 8192 },
]);
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
  fake.behave('/api/show', undefined);
  fake.behave('/api/tags', undefined);
  fake.omit = {};
});

const list = (catalog = new ModelCatalog(silentLogger), host = fake.url) => catalog.list(createOllamaClient(host, 2000), host, 2000);

describe('ModelCatalog', () => {
  it('lists the installed models with size, capabilities and context length from /api/tags and /api/show', async () => {
    const result = await list();
    expect(result).toMatchObject({ host: fake.url, reachable: true, error: null });
    expect(result.models).toEqual([
      expect.objectContaining({ name: 'bge-m3:latest', sizeBytes: 1_157_672_605, capabilities: ['embedding'], chat: false, embedding: true, contextLength: 8192, parameterSize: '566.70M' }),
      expect.objectContaining({ name: 'jina/jina-embeddings-v2-base-de:latest', chat: false, embedding: true, contextLength: 8192 }),
      expect.objectContaining({ name: 'qwen2.5:7b', sizeBytes: 4_683_087_332, capabilities: ['completion', 'tools'], chat: true, embedding: false, contextLength: 32768 }),
    ]);
    expect(fake.requestsTo('/api/tags')).toHaveLength(1);
    const shown = fake.requestsTo('/api/show').map((r) => (r.body as { model: string }).model).sort();
    expect(shown).toEqual(['bge-m3:latest', 'jina/jina-embeddings-v2-base-de:latest', 'qwen2.5:7b']);
  });

  it('asks /api/show again only for a model that changed', async () => {
    const catalog = new ModelCatalog(silentLogger);
    await list(catalog);
    await list(catalog);
    expect(fake.requestsTo('/api/show')).toHaveLength(3);
    expect(fake.requestsTo('/api/tags')).toHaveLength(2);
  });

  it('marks the suggestions that are installed, also an untagged name installed as :latest', async () => {
    const { suggestions } = await list();
    const installed = suggestions.filter((s) => s.installed).map((s) => s.name);
    expect(installed).toEqual(['qwen2.5:7b', 'bge-m3', 'jina/jina-embeddings-v2-base-de']);
    expect(suggestions.every((s) => s.description.length > 20)).toBe(true);
    expect(new Set(suggestions.map((s) => s.use))).toEqual(new Set(['chat', 'embedding']));
  });

  it('keeps a model whose details fail (removed meanwhile) in the list, without abilities', async () => {
    fake.behave('/api/show', { status: 404, errorMessage: "model 'x' not found", times: 1 });
    const result = await list();
    expect(result.reachable).toBe(true);
    expect(result.models).toHaveLength(3);
    expect(result.models.filter((m) => m.capabilities.length === 0)).toHaveLength(1);
  });

  it('says in German that Ollama is not reachable, and still offers the suggestions', async () => {
    const result = await list(new ModelCatalog(silentLogger), CLOSED_PORT_HOST);
    expect(result).toMatchObject({ reachable: false, models: [], error: { code: 'unavailable', message: expect.stringMatching(/nicht erreichbar/) } });
    expect(result.suggestions.length).toBeGreaterThan(3);
    expect(result.suggestions.some((s) => s.installed)).toBe(false);
  });

  it('reports an HTTP error of /api/tags with Ollama\'s message', async () => {
    fake.behave('/api/tags', { status: 500, errorMessage: 'permission denied reading manifests', times: 1 });
    const result = await list();
    expect(result).toMatchObject({ reachable: false, error: { code: 'unavailable', message: expect.stringMatching(/HTTP 500.*permission denied/) } });
  });
});

describe('ModelCatalog with an Ollama-compatible server that leaves fields out', () => {
  it('lists every model, reachable, with what is known, when /api/tags and /api/show leave out their optional fields', async () => {
    fake.omit = { tags: ['modified_at', 'size', 'digest', 'details'], show: ['details', 'model_info', 'capabilities', 'modified_at', 'license', 'modelfile', 'parameters', 'template'] };
    const result = await list();
    expect(result).toMatchObject({ reachable: true, error: null });
    expect(result.models.map((m) => m.name)).toEqual(['bge-m3:latest', 'jina/jina-embeddings-v2-base-de:latest', 'qwen2.5:7b']);
    // Nothing said about abilities: as with Ollama before 0.6.4, taken for a chat model; no context length.
    expect(result.models[2]).toEqual({ name: 'qwen2.5:7b', sizeBytes: null, modifiedAt: null, family: '', parameterSize: '', quantization: '', capabilities: ['completion'], chat: true, embedding: false, contextLength: null });
  });

  it('asks /api/show each time for a model without a digest (nothing to tell a changed model by)', async () => {
    fake.omit = { tags: ['digest'] };
    const catalog = new ModelCatalog(silentLogger);
    await list(catalog);
    await list(catalog);
    expect(fake.requestsTo('/api/show')).toHaveLength(6);
  });

  it('keeps a model whose /api/show answer is over its cap or not JSON in the list, without abilities', async () => {
    fake.behave('/api/show', { status: 200, body: '<html>kein JSON</html>', times: 1 });
    const notJson = await list();
    expect(notJson).toMatchObject({ reachable: true, error: null });
    expect(notJson.models.filter((m) => m.capabilities.length === 0)).toHaveLength(1);
    // /api/tags (about 1 KB) fits in 4 000 bytes, this /api/show answer does not.
    fake.behave('/api/show', { status: 200, body: JSON.stringify({ capabilities: ['completion'], license: 'L'.repeat(5000) }), contentType: 'application/json' });
    const host = fake.url;
    const large = await new ModelCatalog(silentLogger).list(createOllamaClient(host, 2000, { kind: 'json', maxBytes: 4000 }), host, 2000);
    expect(large).toMatchObject({ reachable: true, error: null });
    expect(large.models.map((m) => [m.name, m.capabilities])).toEqual([
      ['bge-m3:latest', []],
      ['jina/jina-embeddings-v2-base-de:latest', []],
      ['qwen2.5:7b', []],
    ]);
  });

  it('lists no models, reachable, for an /api/tags answer without a models array, and an /api/show answer of null', async () => {
    fake.behave('/api/tags', { status: 200, body: '{}', contentType: 'application/json', times: 1 });
    expect(await list()).toMatchObject({ reachable: true, models: [], error: null });
    fake.behave('/api/show', { status: 200, body: 'null', contentType: 'application/json' });
    const result = await list();
    expect(result.reachable).toBe(true);
    expect(result.models.every((m) => m.chat && m.contextLength === null)).toBe(true);
  });
});

describe('showFacts', () => {
  it('reads the context length of the model\'s architecture, and infers capabilities for old Ollama versions', () => {
    const info = { 'general.architecture': 'llama', 'llama.context_length': 131072, 'llama.embedding_length': 4096 };
    expect(showFacts({ capabilities: ['completion', 'tools'], model_info: info } as never)).toEqual({ capabilities: ['completion', 'tools'], contextLength: 131072 });
    expect(showFacts({ model_info: info } as never)).toEqual({ capabilities: ['completion'], contextLength: 131072 });
    expect(showFacts({ model_info: { 'general.architecture': 'bert', 'bert.context_length': 512, 'bert.pooling_type': 2 } } as never)).toEqual({ capabilities: ['embedding'], contextLength: 512 });
    expect(showFacts({ capabilities: ['completion'], model_info: {} } as never).contextLength).toBeNull();
  });

  it('takes an answer with parts missing or of the wrong kind', () => {
    expect(showFacts(null)).toEqual({ capabilities: ['completion'], contextLength: null });
    expect(showFacts({})).toEqual({ capabilities: ['completion'], contextLength: null });
    expect(showFacts({ model_info: 'kaputt', details: null, capabilities: 'completion' } as never)).toEqual({ capabilities: ['completion'], contextLength: null });
  });
});

describe('suggestionsFor', () => {
  it('does not count another tag of a tagged suggestion as installed', () => {
    const marks = suggestionsFor([{ name: 'qwen2.5:14b' }, { name: 'mistral-nemo:latest' }]);
    expect(marks.find((s) => s.name === 'qwen2.5:7b')!.installed).toBe(false);
    expect(marks.find((s) => s.name === 'mistral-nemo')!.installed).toBe(true);
  });
});
