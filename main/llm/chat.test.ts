import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST } from '../../e2e/fixtures/temp-dir';
import { streamChat } from './chat';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
  fake.behave('/api/chat', undefined);
  fake.chatReply = () => 'Der Verlust ist unverzüglich anzuzeigen [1].';
});

const ask = (extra: Partial<Parameters<typeof streamChat>[0]> = {}) =>
  streamChat({ host: fake.url, model: 'qwen2.5:7b', messages: [{ role: 'user', content: 'Verlust Ausweis?' }], ...extra });

describe('streamChat', () => {
  it('streams the answer piece by piece and asks for the context window', async () => {
    const pieces: string[] = [];
    const outcome = await ask({ numCtx: 16384, onToken: (t) => pieces.push(t) });
    expect(outcome).toMatchObject({ text: 'Der Verlust ist unverzüglich anzuzeigen [1].', finished: true, doneReason: 'stop', error: null });
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(outcome.text);
    expect(fake.requestsTo('/api/chat')[0]!.body).toMatchObject({ model: 'qwen2.5:7b', stream: true, options: { num_ctx: 16384 } });
  });

  it('really stops on abort and keeps what had arrived, marked unfinished', async () => {
    fake.behave('/api/chat', { chunkDelayMs: 40 });
    const controller = new AbortController();
    const outcome = await ask({ signal: controller.signal, onToken: () => controller.abort() });
    expect(outcome.finished).toBe(false);
    expect(outcome.error?.code).toBe('cancelled');
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(outcome.text.length).toBeLessThan('Der Verlust ist unverzüglich anzuzeigen [1].'.length);
  });

  it('keeps the partial answer when the stream breaks with an error line', async () => {
    fake.behave('/api/chat', { failAfterChunks: 3, errorMessage: 'llama runner process has terminated' });
    const outcome = await ask();
    expect(outcome.finished).toBe(false);
    expect(outcome.text).toBe('Der Verlust ist ');
    expect(outcome.error?.userMessage).toMatch(/brach ab: llama runner process has terminated/);
  });

  it('keeps the partial answer when the stream ends before its last line, and says so in German', async () => {
    fake.behave('/api/chat', { endAfterChunks: 3 });
    const outcome = await ask();
    expect(outcome.finished).toBe(false);
    expect(outcome.text).toBe('Der Verlust ist ');
    expect(outcome.error?.userMessage).toBe('Die Antwort von Ollama brach ab, bevor sie fertig war: die Verbindung wurde beendet.');
  });

  it('explains out-of-memory, a missing model, silence and an absent server in German', async () => {
    fake.behave('/api/chat', { status: 500, errorMessage: 'model requires more system memory (9.1 GiB) than is available (4.0 GiB)', times: 1 });
    expect((await ask()).error?.userMessage).toMatch(/nicht genug Arbeitsspeicher/);
    expect((await ask({ model: 'fehlt:7b' })).error).toMatchObject({ code: 'not_found' });
    fake.behave('/api/chat', { chunkDelayMs: 400 });
    const silent = await ask({ idleTimeoutMs: 100 });
    expect(silent.error).toMatchObject({ code: 'timeout' });
    expect((await streamChat({ host: CLOSED_PORT_HOST, model: 'x', messages: [] })).error?.userMessage).toMatch(/nicht erreichbar/);
  });
});
