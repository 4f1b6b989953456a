import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeSampleDocuments } from '../../e2e/fixtures/documents';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import type { IndexProgress } from '../contract';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

let dir: ReturnType<typeof tempDir>;
let core: Core;
let progress: IndexProgress[];
let files: Awaited<ReturnType<typeof writeSampleDocuments>>;

beforeEach(async () => {
  dir = tempDir();
  files = await writeSampleDocuments(join(dir.path, 'docs'));
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger, settings: { ollamaHost: fake.url, embeddingModel: 'bge-m3' } });
  progress = [];
  core.on('indexProgress', (p) => progress.push(p));
  fake.requests.length = 0;
  fake.embedAliases.clear();
  fake.behave('/api/embed', undefined);
  await core.addFolder({ path: join(dir.path, 'docs') });
  await core.idle();
});
afterEach(() => {
  core.close();
  dir.remove();
});

const chunkCount = async () => (await core.listFolders())[0]!.chunks;

describe('vector search with an embedding model', () => {
  it('embeds every chunk through /api/embed with the configured model, with progress', async () => {
    const embeds = fake.requestsTo('/api/embed');
    expect(embeds.length).toBeGreaterThan(0);
    expect(embeds.every((r) => (r.body as { model: string }).model === 'bge-m3')).toBe(true);
    const inputs = embeds.flatMap((r) => (r.body as { input: string[] }).input);
    expect(inputs).toHaveLength(await chunkCount());
    const phase = progress.filter((p) => p.phase === 'embedding');
    expect(phase.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', embedded: await chunkCount(), toEmbed: await chunkCount() });
  });

  it('fuses vector neighbours with lexical hits: a query without shared words finds the passage it means', async () => {
    const lexicalOnly = await core.search({ query: 'Vierbeiner Abgabe jährlich', limit: 5, kinds: ['txt'] });
    expect(lexicalOnly.hits.map((h) => h.headingPath)).not.toContainEqual(['Satzung über die Erhebung der Hundesteuer', '§ 2 Steuersatz']);
    // The fake embeds by hash: make the query's vector the passage's vector.
    fake.embedAliases.set('Vierbeiner Abgabe jährlich', '§ 2 Steuersatz\n\nDie Steuer beträgt für den ersten Hund 96 Euro im Jahr.');
    const result = await core.search({ query: 'Vierbeiner Abgabe jährlich', limit: 5 });
    expect(result.mode).toBe('hybrid');
    expect(result.hits[0]).toMatchObject({ path: files.txt, headingPath: expect.arrayContaining(['§ 2 Steuersatz']) });
  });

  it('falls back to lexical search with a notice when Ollama fails at query time', async () => {
    fake.behave('/api/embed', { status: 500, errorMessage: 'llama runner process has terminated' });
    const result = await core.search({ query: 'Eingangsstempel', limit: 5 });
    expect(result.mode).toBe('lexical');
    expect(result.notice).toMatch(/Nur Volltextsuche.*llama runner process has terminated/);
    expect(result.hits[0]!.title).toBe('Dienstanweisung Posteingang');
  });

  it('keeps the lexical index complete when embedding fails during indexing, and catches up in the next job', async () => {
    await core.updateSettings({ embeddingModel: 'qwen2.5:7b' }); // a chat model: the fake says it cannot embed
    await core.startIndexing();
    await core.idle();
    const last = progress.at(-1)!;
    expect(last.phase).toBe('done');
    expect(last.message).toMatch(/Semantische Suche: .*qwen2\.5:7b.*Volltextsuche funktioniert/);
    expect((await core.search({ query: 'Eingangsstempel', limit: 5 })).hits).toHaveLength(1);

    // Choosing a model that can embed starts the catch-up job by itself.
    await core.updateSettings({ embeddingModel: 'bge-m3:latest' });
    await core.idle();
    expect(progress.at(-1)).toMatchObject({ phase: 'done', embedded: await chunkCount() });
    expect((await core.search({ query: 'Eingangsstempel', limit: 5 })).mode).toBe('hybrid');
  });

  it('uses lexical search alone, without error, when no embedding model is set or Ollama is absent', async () => {
    await core.updateSettings({ embeddingModel: '' });
    expect(await core.search({ query: 'Eingangsstempel', limit: 5 })).toMatchObject({ mode: 'lexical', notice: null });
    await core.updateSettings({ embeddingModel: 'bge-m3', ollamaHost: CLOSED_PORT_HOST });
    const result = await core.search({ query: 'Eingangsstempel', limit: 5 });
    expect(result.mode).toBe('lexical');
    expect(result.hits).toHaveLength(1);
  });
});
