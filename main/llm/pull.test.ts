import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST } from '../../e2e/fixtures/temp-dir';
import type { PullProgress } from '../contract';
import { silentLogger } from '../log';
import { CUT_MARK, MAX_ERROR_CHARS } from './limits';
import { PullManager, pullModel, type PullStep } from './pull';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
  fake.closedByClient.length = 0;
  fake.behave('/api/pull', undefined);
  fake.models = fake.models.filter((m) => m.name !== 'llama3.1:8b');
});

const installed = () => fake.models.map((m) => m.name);

describe('pullModel', () => {
  it('streams the pull, reports every step and ends when Ollama says success', async () => {
    const steps: PullStep[] = [];
    await pullModel({ host: fake.url, name: 'llama3.1:8b', onStep: (s) => steps.push(s) });
    expect(fake.requestsTo('/api/pull').map((r) => r.body)).toEqual([{ name: 'llama3.1:8b', stream: true }]);
    expect(steps[0]).toEqual({ status: 'pulling manifest' });
    expect(steps.at(-1)).toEqual({ status: 'success' });
    expect(steps.some((s) => s.total === 4_920_753_328 && s.completed === s.total)).toBe(true);
    expect(installed()).toContain('llama3.1:8b');
  });

  it('really closes the request on abort: Ollama sees the stream closed and the model is not installed', async () => {
    fake.behave('/api/pull', { chunkDelayMs: 40 });
    const controller = new AbortController();
    const attempt = pullModel({ host: fake.url, name: 'llama3.1:8b', signal: controller.signal, onStep: (s) => s.completed && controller.abort() });
    await expect(attempt).rejects.toMatchObject({ code: 'cancelled', userMessage: expect.stringMatching(/abgebrochen/) });
    await expect.poll(() => fake.closedByClient).toEqual(['/api/pull']);
    await new Promise((r) => setTimeout(r, 500));
    expect(installed()).not.toContain('llama3.1:8b');
  });

  it('explains an unknown model, a stream that breaks or ends early, silence and an absent server in German', async () => {
    await expect(pullModel({ host: fake.url, name: 'gibt-es-nicht:1b' })).rejects.toMatchObject({ code: 'not_found', userMessage: expect.stringMatching(/„gibt-es-nicht:1b“ gibt es in der Ollama-Bibliothek nicht/) });
    fake.behave('/api/pull', { failAfterChunks: 3, errorMessage: 'max retries exceeded: dial tcp: lookup registry.ollama.ai: no such host', times: 1 });
    await expect(pullModel({ host: fake.url, name: 'llama3.1:8b' })).rejects.toMatchObject({ code: 'unavailable', userMessage: expect.stringMatching(/fehlgeschlagen: max retries exceeded.*Internet/) });
    fake.behave('/api/pull', { endAfterChunks: 4, times: 1 });
    await expect(pullModel({ host: fake.url, name: 'llama3.1:8b' })).rejects.toMatchObject({ code: 'unavailable', userMessage: expect.stringMatching(/„llama3.1:8b“ brach ab, bevor Ollama es als abgeschlossen meldete/) });
    expect(fake.models.map((m) => m.name)).not.toContain('llama3.1:8b');
    fake.behave('/api/pull', { chunkDelayMs: 400, times: 1 });
    await expect(pullModel({ host: fake.url, name: 'llama3.1:8b', idleTimeoutMs: 100 })).rejects.toMatchObject({ code: 'timeout' });
    await expect(pullModel({ host: CLOSED_PORT_HOST, name: 'llama3.1:8b' })).rejects.toMatchObject({ code: 'unavailable', userMessage: expect.stringMatching(/nicht erreichbar/) });
  });
});

describe('pullModel with a misbehaving server', () => {
  it('says that the connection broke when the server cuts the stream', async () => {
    fake.behave('/api/pull', { cutAfterChunks: 3, times: 1 });
    await expect(pullModel({ host: fake.url, name: 'llama3.1:8b' })).rejects.toMatchObject({ code: 'unavailable', userMessage: expect.stringMatching(/^Die Verbindung zu Ollama unter .* wurde unterbrochen\./) });
    expect(installed()).not.toContain('llama3.1:8b');
  });

  it('reduces an HTML error page to its status, and caps a long error text', async () => {
    fake.behave('/api/pull', { status: 503, body: '<html><body>Service Unavailable</body></html>', times: 1 });
    const html = await pullModel({ host: fake.url, name: 'llama3.1:8b' }).catch((e: unknown) => e);
    expect(html).toMatchObject({ code: 'unavailable', userMessage: expect.stringMatching(/hat mit Fehler 503 geantwortet\./) });
    expect((html as { userMessage: string }).userMessage).not.toMatch(/[<>]|Service Unavailable/);
    fake.behave('/api/pull', { failAfterChunks: 2, errorMessage: 'max retries exceeded: ' + 'EOF '.repeat(5000), times: 1 });
    const long = (await pullModel({ host: fake.url, name: 'llama3.1:8b' }).catch((e: unknown) => e)) as { userMessage: string };
    expect(long.userMessage).toMatch(/fehlgeschlagen: max retries exceeded: EOF/);
    expect(long.userMessage).toContain(CUT_MARK);
    expect(long.userMessage.length).toBeLessThan(MAX_ERROR_CHARS + 200);
  });

  it('stops at a line over the line cap', async () => {
    fake.behave('/api/pull', { rawLines: [JSON.stringify({ status: 'pulling manifest', padding: 'p'.repeat(5000) })], times: 1 });
    await expect(pullModel({ host: fake.url, name: 'llama3.1:8b', limits: { kind: 'ndjson', maxLineBytes: 1000, maxBytes: Number.POSITIVE_INFINITY } })).rejects.toMatchObject({
      code: 'unavailable',
      userMessage: expect.stringMatching(/mehr als 1,0 KB ohne Zeilenumbruch geschickt/),
    });
  });
});

describe('PullManager', () => {
  const manager = (events: PullProgress[], host = () => fake.url, intervalMs?: number) => new PullManager(host, (p) => events.push(p), silentLogger, { intervalMs });

  it('pushes progress summed over the layers, and a final success event', async () => {
    const events: PullProgress[] = [];
    const pulls = manager(events, undefined, 0);
    const { pullId } = pulls.start('llama3.1:8b');
    expect(pulls.active()).toEqual([expect.objectContaining({ pullId, name: 'llama3.1:8b', done: false })]);
    await pulls.idle();
    expect(events.every((e) => e.pullId === pullId && e.name === 'llama3.1:8b')).toBe(true);
    expect(events.map((e) => e.status)).toContain('pulling manifest');
    const totals = events.map((e) => e.total);
    expect(Math.max(...totals)).toBe(4_920_753_328 + 487);
    expect(events.at(-1)).toEqual({ pullId, name: 'llama3.1:8b', status: 'success', completed: 4_920_753_328 + 487, total: 4_920_753_328 + 487, done: true });
    expect(events.filter((e) => e.done)).toHaveLength(1);
    expect(pulls.active()).toEqual([]);
  });

  it('throttles progress: steps of the same kind closer than the interval are not all sent', async () => {
    const events: PullProgress[] = [];
    const pulls = manager(events, undefined, 60_000);
    pulls.start('llama3.1:8b');
    await pulls.idle();
    // 12 lines from Ollama; the four further byte counts of the big layer (same status) are held back.
    expect(events.length).toBeLessThan(10);
    expect(events.at(-1)).toMatchObject({ status: 'success', done: true });
  });

  it('cancels a download: the request is closed and the end is pushed with code cancelled', async () => {
    fake.behave('/api/pull', { chunkDelayMs: 50 });
    const events: PullProgress[] = [];
    const pulls = manager(events, undefined, 0);
    const { pullId } = pulls.start('llama3.1:8b');
    await expect.poll(() => events.some((e) => e.completed > 0)).toBe(true);
    expect(pulls.cancel(pullId)).toBe(true);
    await pulls.idle();
    expect(events.at(-1)).toMatchObject({ pullId, done: true, error: { code: 'cancelled' } });
    await expect.poll(() => fake.closedByClient).toEqual(['/api/pull']);
    expect(pulls.cancel(pullId)).toBe(false);
  });

  it('joins a second request for the same model instead of downloading it twice', async () => {
    fake.behave('/api/pull', { chunkDelayMs: 20 });
    const pulls = manager([]);
    const first = pulls.start('llama3.1:8b');
    expect(pulls.start('llama3.1:8b')).toEqual(first);
    await pulls.idle();
    expect(fake.requestsTo('/api/pull')).toHaveLength(1);
  });

  it('ends an unknown model with a German not_found error', async () => {
    const events: PullProgress[] = [];
    const pulls = manager(events);
    pulls.start('gibt-es-nicht');
    await pulls.idle();
    expect(events.at(-1)).toMatchObject({ done: true, error: { code: 'not_found', message: expect.stringMatching(/gibt es in der Ollama-Bibliothek nicht/) } });
  });
});
