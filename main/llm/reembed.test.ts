/**
 * Changing the embedding model in the settings re-embeds the index with
 * progress, can be cancelled and resumed, and search keeps answering
 * meanwhile. Against the fake Ollama server, through the real core.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeSampleDocuments } from '../../e2e/fixtures/documents';
import { DEFAULT_FAKE_MODELS, FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import type { IndexProgress, PullProgress } from '../contract';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';

const OTHER = 'jina/jina-embeddings-v2-base-de:latest';
const fake = new FakeOllama([
  ...DEFAULT_FAKE_MODELS,
  { name: OTHER, size: 322_000_000, family: 'jina-bert-v2', parameterSize: '161M', quantization: 'F16', capabilities: ['embedding'], contextLength: 8192 },
]);
beforeAll(() => fake.start());
afterAll(() => fake.stop());

let dir: ReturnType<typeof tempDir>;
let core: Core;
let progress: IndexProgress[];
let chunks: number;

beforeEach(async () => {
  dir = tempDir();
  await writeSampleDocuments(join(dir.path, 'docs'));
  // Enough chunks for several embedding batches (16 each), so that a job can be stopped in the middle.
  for (let i = 1; i <= 24; i++) writeFileSync(join(dir.path, 'docs', `vermerk-${i}.md`), `# Vermerk ${i}\n\n## Sachstand\n\nDer Antrag ${i} auf Sondernutzung wurde geprüft.\n\n## Ergebnis\n\nDie Erlaubnis ${i} wird erteilt.\n`);
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger, settings: { ollamaHost: fake.url, embeddingModel: 'bge-m3' } });
  await core.addFolder({ path: join(dir.path, 'docs') });
  await core.idle();
  chunks = (await core.listFolders())[0]!.chunks;
  progress = [];
  core.on('indexProgress', (p) => progress.push(p));
  fake.requests.length = 0;
  fake.behave('/api/embed', undefined);
});
afterEach(() => {
  core.close();
  dir.remove();
});

const embeddedModels = () => new Set(fake.requestsTo('/api/embed').map((r) => (r.body as { model: string }).model));

describe('re-embedding after a change of the embedding model', () => {
  it('starts when the setting changes, embeds every chunk with the new model and reports progress', async () => {
    await core.updateSettings({ embeddingModel: OTHER });
    await core.idle();
    expect(embeddedModels()).toEqual(new Set([OTHER]));
    expect(fake.requestsTo('/api/embed').flatMap((r) => (r.body as { input: string[] }).input)).toHaveLength(chunks);
    const embedding = progress.filter((p) => p.phase === 'embedding');
    expect(embedding[0]).toMatchObject({ embedded: 0, toEmbed: chunks });
    expect(progress.at(-1)).toMatchObject({ phase: 'done', embedded: chunks, toEmbed: chunks, indexed: 0 });
    expect((await core.search({ query: 'Hundesteuer', limit: 3 })).mode).toBe('hybrid');
  });

  it('keeps search working while the chunks are re-embedded', async () => {
    fake.behave('/api/embed', { delayMs: 150 });
    await core.updateSettings({ embeddingModel: OTHER });
    await expect.poll(() => progress.some((p) => p.phase === 'embedding')).toBe(true);
    const during = await core.search({ query: 'Steuer für den ersten Hund', limit: 3 });
    expect(during.hits[0]).toMatchObject({ title: 'Satzung über die Erhebung der Hundesteuer' });
    expect(['lexical', 'hybrid']).toContain(during.mode);
    expect(progress.at(-1)!.phase).toBe('embedding');
    await core.idle();
  });

  it('can be cancelled, and resumes where it stopped', async () => {
    fake.behave('/api/embed', { delayMs: 100 });
    await core.updateSettings({ embeddingModel: OTHER });
    await expect.poll(() => progress.find((p) => p.phase === 'embedding')).toBeTruthy();
    const { jobId } = progress.find((p) => p.phase === 'embedding')!;
    expect(await core.cancelIndexing({ jobId })).toEqual({ cancelled: true });
    await core.idle();
    expect(progress.at(-1)).toMatchObject({ phase: 'cancelled' });
    expect(progress.at(-1)!.embedded).toBeLessThan(chunks);
    fake.behave('/api/embed', undefined);
    fake.requests.length = 0;
    const resumed = await core.startEmbedding();
    expect(resumed.jobId).not.toBeNull();
    await core.idle();
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ jobId: resumed.jobId, phase: 'done' });
    expect(last.toEmbed).toBeLessThan(chunks);
    expect(fake.requestsTo('/api/embed').flatMap((r) => (r.body as { input: string[] }).input)).toHaveLength(last.toEmbed!);
    expect(await core.startEmbedding()).toEqual({ jobId: null });
  });

  it('does not start a job when the model stays the same or is cleared', async () => {
    await core.updateSettings({ embeddingModel: 'bge-m3', chatModel: 'qwen2.5:7b' });
    await core.updateSettings({ embeddingModel: '' });
    await core.idle();
    expect(progress).toEqual([]);
    expect(fake.requestsTo('/api/embed')).toEqual([]);
  });

  it('ends with a German notice when the new model is not installed; lexical search still works', async () => {
    await core.updateSettings({ embeddingModel: 'fehlt:latest' });
    await core.idle();
    expect(progress.at(-1)).toMatchObject({ phase: 'done', message: expect.stringMatching(/fehlt:latest.*Volltextsuche funktioniert/) });
    const result = await core.search({ query: 'Hundesteuer', limit: 3 });
    expect(result.mode).toBe('lexical');
    expect(result.hits.length).toBeGreaterThan(0);
  });
});

describe('models through the core', () => {
  it('lists models, pulls one with pushed progress, and the pulled model is then listed', async () => {
    const pulls: PullProgress[] = [];
    core.on('pullProgress', (p) => pulls.push(p));
    fake.models = fake.models.filter((m) => m.name !== 'llama3.1:8b');
    const before = await core.listModels();
    expect(before.models.map((m) => m.name)).not.toContain('llama3.1:8b');
    const { pullId } = await core.pullModel({ name: 'llama3.1:8b' });
    await expect.poll(() => pulls.at(-1)?.done).toBe(true);
    expect(pulls.at(-1)).toMatchObject({ pullId, status: 'success' });
    const after = await core.listModels();
    expect(after.models.find((m) => m.name === 'llama3.1:8b')).toMatchObject({ chat: true, embedding: false, contextLength: 131072 });
    expect(after.suggestions.find((s) => s.name === 'llama3.1:8b')!.installed).toBe(true);
  });

  it('cancels a pull through the core', async () => {
    const pulls: PullProgress[] = [];
    core.on('pullProgress', (p) => pulls.push(p));
    fake.models = fake.models.filter((m) => m.name !== 'llama3.1:8b');
    fake.behave('/api/pull', { chunkDelayMs: 60 });
    fake.closedByClient.length = 0;
    const { pullId } = await core.pullModel({ name: 'llama3.1:8b' });
    expect((await core.listModels()).pulls).toEqual([expect.objectContaining({ pullId, done: false })]);
    expect(await core.cancelPull({ pullId })).toEqual({ cancelled: true });
    await expect.poll(() => pulls.at(-1)?.done).toBe(true);
    expect(pulls.at(-1)!.error).toMatchObject({ code: 'cancelled' });
    await expect.poll(() => fake.closedByClient).toContain('/api/pull');
    fake.behave('/api/pull', undefined);
  });
});
