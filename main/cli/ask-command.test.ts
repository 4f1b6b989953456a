import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import { runCli } from '../cli';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

let dir: ReturnType<typeof tempDir>;
let data: string;

async function cli(args: string[], env: Record<string, string | undefined> = { OLLAMA_HOST: fake.url }) {
  const out: string[] = [];
  let stderr = '';
  const code = await runCli([...args, '--data-dir', data], { stdout: (t) => out.push(t), stderr: (t) => (stderr += t), env });
  return { code, out, stdout: out.join(''), stderr };
}

beforeEach(async () => {
  dir = tempDir();
  data = join(dir.path, 'data');
  const docs = join(dir.path, 'docs');
  mkdirSync(docs);
  writeFileSync(
    join(docs, 'pauswg.md'),
    '# Personalausweisgesetz\n\n## § 27 Pflichten des Ausweisinhabers\n\nDer Ausweisinhaber ist verpflichtet, der Personalausweisbehörde den Verlust seines Ausweises unverzüglich anzuzeigen.\n',
  );
  expect((await cli(['index', docs], { OLLAMA_HOST: CLOSED_PORT_HOST })).code).toBe(0);
  fake.requests.length = 0;
  fake.chatReply = () => 'Ja, der Verlust ist unverzüglich anzuzeigen [1].';
});
afterEach(() => dir.remove());

const QUESTION = 'Muss ich den Verlust meines Ausweises melden?';

describe('stadtschreiber ask', () => {
  it('streams the answer to stdout piece by piece, then lists the sources', async () => {
    const { code, out, stdout } = await cli(['ask', QUESTION, '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    // The answer arrives in pieces, before the sources.
    const pieces = out.slice(0, out.findIndex((t) => t.includes('Quellen')));
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toContain('Ja, der Verlust ist unverzüglich anzuzeigen [1].');
    expect(stdout).toMatch(/Quellen:\n\[1\] Personalausweisgesetz – Personalausweisgesetz › § 27 Pflichten des Ausweisinhabers, Zeilen 3–5\n {4}.*pauswg\.md/);
    const chat = fake.requestsTo('/api/chat')[0]!.body as { model: string; stream: boolean; options: { num_ctx: number } };
    expect(chat).toMatchObject({ model: 'qwen2.5:7b', stream: true, options: { num_ctx: 4096 } });
  });

  it('--json prints answer, citations with their place, model, verified and grounded', async () => {
    const { code, stdout } = await cli(['ask', QUESTION, '--json', '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      answer: 'Ja, der Verlust ist unverzüglich anzuzeigen [1].',
      model: 'qwen2.5:7b',
      verified: true,
      grounded: true,
      citations: [{ n: 1, path: join(dir.path, 'docs', 'pauswg.md'), title: 'Personalausweisgesetz', heading: 'Personalausweisgesetz › § 27 Pflichten des Ausweisinhabers', lineStart: 3, lineEnd: 5, page: null }],
    });
  });

  it('abstains for a question the documents do not answer, without asking the model', async () => {
    const { code, stdout } = await cli(['ask', 'Wann hat das Hallenbad geöffnet?', '--json', '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ answer: 'In den Dokumenten habe ich dazu nichts gefunden.', grounded: false, verified: false, citations: [] });
    expect(fake.requestsTo('/api/chat')).toEqual([]);
  });

  it('without Ollama prints the extractive answer and says why', async () => {
    const { code, stdout, stderr } = await cli(['ask', QUESTION, '--model', 'qwen2.5:7b'], { OLLAMA_HOST: CLOSED_PORT_HOST });
    expect(code).toBe(0);
    expect(stdout).toContain('„Der Ausweisinhaber ist verpflichtet, der Personalausweisbehörde den Verlust seines Ausweises unverzüglich anzuzeigen.“ [1]');
    expect(stderr).toContain('nicht erreichbar');
    expect(stderr).toContain('Chat-Modell');
  });

  it('without a question exits 2 with a German message', async () => {
    const { code, stderr } = await cli(['ask']);
    expect(code).toBe(2);
    expect(stderr).toContain('Bitte eine Frage angeben');
  });
});
