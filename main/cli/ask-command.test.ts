import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import { runCli } from '../cli';
import { NO_META, type AnswerTurn, type SearchHit } from '../contract';
import type { Core } from '../core';
import { askCommand } from './ask-command';

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
/** The requests that asked the model to answer (not the structured question rewrite before retrieval). */
const answerRequests = () => fake.requestsTo('/api/chat').filter((r) => !(r.body as { format?: unknown }).format);

describe('stadtschreiber ask', () => {
  it('streams the answer to stdout piece by piece, then lists the sources', async () => {
    const { code, out, stdout } = await cli(['ask', QUESTION, '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    // The answer arrives in pieces, before the sources.
    const pieces = out.slice(0, out.findIndex((t) => t.includes('Quellen')));
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toContain('Ja, der Verlust ist unverzüglich anzuzeigen [1].');
    expect(stdout).toMatch(/Quellen:\n\[1\] Personalausweisgesetz – Personalausweisgesetz › § 27 Pflichten des Ausweisinhabers, Zeilen 3–5\n {4}.*pauswg\.md/);
    const chat = answerRequests()[0]!.body as { model: string; stream: boolean; options: { num_ctx: number } };
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
      citations: [{ n: 1, path: join(dir.path, 'docs', 'pauswg.md'), title: 'Personalausweisgesetz', headingPath: ['Personalausweisgesetz', '§ 27 Pflichten des Ausweisinhabers'], lineStart: 3, lineEnd: 5, page: null }],
    });
  });

  it('abstains for a question the documents do not answer, without asking the model to answer', async () => {
    const { code, stdout } = await cli(['ask', 'Wann hat das Hallenbad geöffnet?', '--json', '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ answer: 'In den Dokumenten habe ich dazu nichts gefunden.', grounded: false, verified: false, citations: [], mode: 'abstained', claims: [], abstainReason: expect.stringMatching(/\S/) });
    expect(answerRequests()).toEqual([]);
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

describe('stadtschreiber ask: checked statements', () => {
  const PLANTED = 'Ja, der Verlust ist unverzüglich anzuzeigen [1]. Die Frist dafür beträgt 14 Tage [1].';

  it('--json includes every checked sentence; a planted period is not supported and the answer not verified', async () => {
    fake.chatReply = () => PLANTED;
    const { code, stdout } = await cli(['ask', QUESTION, '--json', '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ReturnType<typeof import('./ask-command').answerJson>;
    expect(result.verified).toBe(false);
    expect(result.abstainReason).toBeNull();
    expect(result.claims.map((c) => c.supported)).toEqual([true, false]);
    const wrong = result.claims[1]!;
    expect(result.answer.slice(wrong.start, wrong.end)).toContain('14 Tage');
    expect(wrong).toMatchObject({ citations: [1], reason: expect.stringMatching(/\S/) });
    expect(result.claims[0]!.reason).toBeNull();
  });

  it('in text mode lists each unsupported sentence on stderr with its reason', async () => {
    fake.chatReply = () => PLANTED;
    const { code, stdout, stderr } = await cli(['ask', QUESTION, '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    expect(stdout).toContain(PLANTED);
    expect(stderr).toMatch(/nicht belegt: „Die Frist dafür beträgt 14 Tage[^“]*“ – \S/);
    expect(stderr).not.toContain('nicht belegt: „Ja, der Verlust');
  });
});

describe('ask output of a checked turn', () => {
  const hit = (n: number, validity: 'current' | 'superseded'): SearchHit => ({
    chunkId: n,
    documentId: n,
    path: `/akten/hundesteuer-${n}.md`,
    title: `Hundesteuersatzung ${n}`,
    headingPath: ['§ 5 Steuersatz'],
    lineStart: 3,
    lineEnd: 4,
    page: null,
    kind: 'md',
    role: 'body',
    meta: { ...NO_META, validity },
    score: 1,
    snippet: '',
    highlights: [],
  });
  const WRONG = 'Für einen zweiten Hund zahlen Sie 250 Euro im Jahr [1].';
  const RIGHT = 'Für den ersten Hund sind es 108 Euro [1].';
  const answer = `${RIGHT} ${WRONG}`;
  const sources = [hit(1, 'current'), hit(2, 'superseded')];
  const planted: AnswerTurn = {
    id: 7,
    conversationId: 3,
    question: 'Wie hoch ist die Hundesteuer?',
    answer,
    mode: 'generated',
    model: 'qwen2.5:7b',
    sources,
    citations: [{ n: 1, chunkId: 1, documentId: 1, path: sources[0]!.path, title: sources[0]!.title, headingPath: sources[0]!.headingPath, lineStart: 3, lineEnd: 4, page: null }],
    removedCitations: [],
    verified: false,
    claims: [
      { text: RIGHT, start: 0, end: RIGHT.length, citations: [1], supported: true, reason: null },
      { text: WRONG, start: RIGHT.length + 1, end: answer.length, citations: [1], supported: false, reason: 'Der Betrag 250 Euro steht nicht in Quelle [1].' },
    ],
    abstainReason: null,
    grounded: true,
    unfinished: false,
    extract: [],
    notice: null,
    numCtx: 4096,
    promptTokens: 200,
    createdAt: '2026-03-01T09:00:00.000Z',
  };
  const core = (turn: AnswerTurn) => ({ on: () => () => {}, ask: async () => turn, cancelAnswer: async () => ({ cancelled: false }) }) as unknown as Core;
  const run = async (turn: AnswerTurn, json: boolean) => {
    let stdout = '';
    let stderr = '';
    const code = await askCommand(core(turn), ['Wie hoch?'], { json, model: undefined }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
    return { code, stdout, stderr };
  };

  it('text mode: the unsupported sentence on stderr with its reason, the uncited and superseded source marked', async () => {
    const { code, stdout, stderr } = await run(planted, false);
    expect(code).toBe(0);
    expect(stderr).toContain('Hinweis: Nicht alle Aussagen belegt (1 von 2 nicht belegt)');
    expect(stderr).toContain(`nicht belegt: „${WRONG}“ – Der Betrag 250 Euro steht nicht in Quelle [1].\n`);
    expect(stderr).not.toContain(`„${RIGHT}“`);
    expect(stdout).toContain('[1] Hundesteuersatzung 1 – § 5 Steuersatz, Zeilen 3–4\n');
    expect(stdout).toContain('[2] Hundesteuersatzung 2 – § 5 Steuersatz, Zeilen 3–4 (Altfassung / außer Kraft, nicht zitiert)\n');
  });

  it('--json carries claims, abstainReason and each source’s validity', async () => {
    const { stdout, stderr } = await run(planted, true);
    expect(stderr).toBe('');
    const result = JSON.parse(stdout);
    expect(result.claims).toEqual(planted.claims);
    expect(result.abstainReason).toBeNull();
    expect(result.sources.map((s: { validity: string }) => s.validity)).toEqual(['current', 'superseded']);
  });

  it('an abstention says why on stderr and in --json; turns stored before the check read as no claims', async () => {
    const reason = 'Die nächstliegenden Stellen regeln die Hundesteuer, nicht das Hallenbad.';
    const abstained = { ...planted, mode: 'abstained' as const, answer: 'In den Dokumenten habe ich dazu nichts gefunden.', citations: [], claims: [], abstainReason: reason, verified: false };
    const text = await run(abstained, false);
    expect(text.stderr).toContain(`Hinweis: ${reason}\n`);
    expect(text.stdout).toContain('Nächstliegende Stellen:\n[1] Hundesteuersatzung 1 – § 5 Steuersatz, Zeilen 3–4\n');
    expect(JSON.parse((await run(abstained, true)).stdout).abstainReason).toBe(reason);

    const old = { ...planted } as Partial<AnswerTurn>;
    delete old.claims;
    delete old.abstainReason;
    const result = JSON.parse((await run(old as AnswerTurn, true)).stdout);
    expect(result).toMatchObject({ claims: [], abstainReason: null });
    expect((await run(old as AnswerTurn, false)).stderr).not.toContain('nicht belegt');
  });
});
