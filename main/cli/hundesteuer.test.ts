// The research issue's acceptance case, on the real Hundesteuersatzung of
// Konstanz in ../shared/corpus (read from there, never copied): the CLI's
// search and ask (against the fake model) for a question in everyday words.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { structuredReply } from '../../e2e/fixtures/structured-reply';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import { runCli } from '../cli';

const BYLAW = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'bylaws', 'KON_Satzung_Hundesteuer.md');
const QUESTION = 'Wie viel Hundesteuer zahle ich für einen zweiten Hund?';
const present = existsSync(BYLAW);
if (!present) console.log(`skipped: the bylaws corpus is not at ${BYLAW}`);

const fake = new FakeOllama();
let dir: ReturnType<typeof tempDir>;
let data: string;

async function cli(args: string[], env: Record<string, string | undefined> = { OLLAMA_HOST: fake.url }) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', data], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env });
  return { code, stdout, stderr };
}

interface JsonHit {
  heading: string;
  headingPath: string[];
  role?: string;
}

describe.skipIf(!present)('the Hundesteuer question on the real Satzung', () => {
  beforeAll(async () => {
    await fake.start();
    dir = tempDir();
    data = join(dir.path, 'data');
    const docs = join(dir.path, 'docs');
    mkdirSync(docs);
    symlinkSync(BYLAW, join(docs, 'KON_Satzung_Hundesteuer.md'));
    expect((await cli(['index', docs], { OLLAMA_HOST: CLOSED_PORT_HOST })).code).toBe(0);
  });
  afterAll(async () => {
    await fake.stop();
    dir?.remove();
  });

  it('search --json has "§ 5 Steuersatz" first, without "Inhaltsverzeichnis" in any heading', async () => {
    const { code, stdout } = await cli(['search', QUESTION, '--json', '--limit', '5'], { OLLAMA_HOST: CLOSED_PORT_HOST });
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as JsonHit[];
    expect(hits[0]!.heading).toBe('§ 5 Steuersatz');
    expect(hits[0]!.headingPath.at(-1)).toBe('§ 5 Steuersatz');
    expect(hits.every((h) => !h.heading.includes('Inhaltsverzeichnis'))).toBe(true);
  });

  it('ask --json (fake model) has § 5 Steuersatz among its sources and no table of contents', async () => {
    fake.chatReply = ({ format }) => (format ? structuredReply(format, {}) : 'Für jeden weiteren Hund gilt der erhöhte Steuersatz [1].');
    const { code, stdout } = await cli(['ask', QUESTION, '--json', '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { mode: string; sources: JsonHit[] };
    expect(result.mode).toBe('generated');
    expect(result.sources.map((s) => s.heading)).toContain('§ 5 Steuersatz');
    expect(result.sources.some((s) => /Inhaltsverzeichnis|Rechtsgrundlage/.test(s.heading))).toBe(false);
    // What the model was given: § 5 with its amounts, no list of every § title.
    const prompt = (fake.requestsTo('/api/chat').map((r) => r.body as { format?: unknown; messages: { content: string }[] }).find((b) => !b.format)!).messages.at(-1)!.content;
    expect(prompt).toContain('fundstelle="§ 5 Steuersatz');
    expect(prompt).not.toMatch(/- § 1 Steuergegenstand\n- § 2/);
  });

  it('a planted wrong amount is marked unsupported in the JSON claims, with the reason', async () => {
    fake.chatReply = ({ format }) => (format ? structuredReply(format, {}) : 'Für einen zweiten Hund zahlen Sie 999 Euro im Jahr [1].');
    const { code, stdout } = await cli(['ask', QUESTION, '--json', '--model', 'qwen2.5:7b']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { verified: boolean; claims: { text: string; citations: number[]; supported: boolean; reason: string | null }[] };
    expect(result.verified).toBe(false);
    expect(result.claims).toHaveLength(1);
    expect(result.claims[0]).toMatchObject({ citations: [1], supported: false });
    expect(result.claims[0]!.reason).toContain('999');
  });
});
