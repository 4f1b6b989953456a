import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST } from '../../e2e/fixtures/temp-dir';
import { answerCutNote, streamChat } from './chat';
import { CUT_MARK, MAX_ERROR_CHARS } from './limits';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
  fake.closedByClient.length = 0;
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

  it('ends an answer longer than its cap there: keeps the beginning, says so in German and closes the request', async () => {
    fake.chatReply = () => 'Wort '.repeat(400);
    // Slow enough that the server is still writing when the cap is reached.
    fake.behave('/api/chat', { chunkDelayMs: 10 });
    const pieces: string[] = [];
    const outcome = await ask({ maxChars: 52, onToken: (t) => pieces.push(t) });
    expect(outcome.text).toBe('Wort '.repeat(400).slice(0, 52));
    expect(pieces.join('')).toBe(outcome.text);
    expect(outcome).toMatchObject({ finished: false, truncated: true, error: { code: 'unavailable', userMessage: answerCutNote(52) } });
    expect(answerCutNote(200_000)).toBe('Die Antwort des Modells war länger als 200.000 Zeichen; sie wurde dort gekürzt und die Anfrage beendet.');
    await expect.poll(() => fake.closedByClient).toEqual(['/api/chat']);
  });

  it('caps a structured reply (format) the same way', async () => {
    fake.chatReply = ({ format }) => (format ? JSON.stringify({ begriffe: Array(200).fill('Straßenreinigungsgebühr') }) : 'kein JSON');
    const outcome = await ask({ format: { type: 'object' }, maxChars: 100 });
    expect(fake.requestsTo('/api/chat')[0]!.body).toMatchObject({ format: { type: 'object' }, stream: true });
    expect(outcome.text).toHaveLength(100);
    expect(outcome).toMatchObject({ finished: false, truncated: true, error: { userMessage: answerCutNote(100) } });
  });

  it('reads no more of one endless line than the line cap (1 MB), and ends the request', async () => {
    // 64 MB in one line without a newline, written only as fast as the client reads.
    fake.behave('/api/chat', { giantLineBytes: 64 * 1024 * 1024 });
    const outcome = await ask();
    expect(outcome).toMatchObject({ text: '', finished: false, truncated: true, error: { code: 'unavailable' } });
    expect(outcome.error?.userMessage).toMatch(/mehr als 1,0 MB ohne Zeilenumbruch geschickt; die Antwort wurde dort abgebrochen/);
    await expect.poll(() => fake.closedByClient).toEqual(['/api/chat']);
    // What went out before the client hung up: the cap and the socket buffers, not the 64 MB.
    expect(fake.sentBytes.get('/api/chat')).toBeLessThan(24 * 1024 * 1024);
  });

  it('caps a long error text from the stream', async () => {
    fake.behave('/api/chat', { failAfterChunks: 2, errorMessage: 'llama runner process has terminated: ' + 'ggml_cuda_error '.repeat(2000) });
    const outcome = await ask();
    expect(outcome.text).toBe('Der Verlust ');
    expect(outcome.error?.userMessage).toMatch(/^Die Antwort von Ollama brach ab: llama runner process has terminated: ggml_cuda_error/);
    expect(outcome.error?.userMessage.endsWith(CUT_MARK)).toBe(true);
    expect(outcome.error!.userMessage.length).toBeLessThan(MAX_ERROR_CHARS + 100);
    expect(outcome.error!.message.length).toBeLessThan(MAX_ERROR_CHARS + 100);
  });

  it('says that the connection broke when the server cuts the stream, not that Ollama is unreachable', async () => {
    fake.behave('/api/chat', { cutAfterChunks: 3 });
    const outcome = await ask();
    expect(outcome.text).toBe('Der Verlust ist ');
    expect(outcome.finished).toBe(false);
    expect(outcome.error?.code).toBe('unavailable');
    expect(outcome.error?.userMessage).toMatch(/^Die Verbindung zu Ollama unter http:\/\/127\.0\.0\.1:\d+ wurde unterbrochen\./);
    expect(outcome.error?.userMessage).not.toMatch(/nicht erreichbar/);
  });

  it('reduces an HTML error page to its status, and names a server that does not speak Ollama\'s stream', async () => {
    fake.behave('/api/chat', { status: 502, body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>', times: 1 });
    const html = await ask();
    expect(html.error?.userMessage).toMatch(/^Ollama unter .* hat mit Fehler 502 geantwortet\./);
    expect(html.error?.userMessage).not.toMatch(/[<>]|nginx/);
    fake.behave('/api/chat', { rawLines: ['data: {"choices":[{"delta":{"content":"Hallo"}}]}', 'data: [DONE]'] });
    const sse = await ask();
    expect(sse.error?.userMessage).toMatch(/antwortet ein Server, aber nicht wie Ollama/);
  });
});
