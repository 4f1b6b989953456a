import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

let dir: ReturnType<typeof tempDir>;
let core: Core;
beforeEach(() => {
  dir = tempDir();
  core = createCore({ dataDir: join(dir.path, 'data'), env: { OLLAMA_HOST: CLOSED_PORT_HOST }, logger: silentLogger });
});
afterEach(() => {
  core.close();
  dir.remove();
});

describe('the core’s one Ollama service', () => {
  it('gives every Ollama call the same host, and all follow a changed setting at once', async () => {
    expect((await core.getSettings()).effectiveOllamaHost).toBe(CLOSED_PORT_HOST);
    expect((await core.getSettings()).ollamaHostSource).toBe('environment');
    expect((await core.getOllamaStatus()).host).toBe(CLOSED_PORT_HOST);
    expect((await core.listModels()).host).toBe(CLOSED_PORT_HOST);

    const view = await core.updateSettings({ ollamaHost: fake.url });
    expect(view).toMatchObject({ effectiveOllamaHost: fake.url, ollamaHostSource: 'settings' });
    expect(await core.getOllamaStatus()).toMatchObject({ host: fake.url, reachable: true });
    expect(await core.listModels()).toMatchObject({ host: fake.url, reachable: true });

    const pulls = fake.requestsTo('/api/pull').length;
    await core.pullModel({ name: 'bge-m3' });
    await expect.poll(() => fake.requestsTo('/api/pull').length, { timeout: 20_000 }).toBe(pulls + 1);

    await core.updateSettings({ ollamaHost: '' });
    expect((await core.getOllamaStatus()).host).toBe(CLOSED_PORT_HOST);
  });
});
