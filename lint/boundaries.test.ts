/**
 * Proves that lint enforces the layering: each forbidden import below must
 * be reported, each allowed one must pass. If someone loosens the rules in
 * eslint.config.js, this test fails.
 */
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function restrictedMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  const forbidden: [string, string, RegExp][] = [
    ['main/probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /Only electron\/ may import Electron/],
    ['main/db/probe.ts', "export const load = () => import('electron');\n", /Only electron\/ may import Electron/],
    ['main/probe.ts', "const e = require('electron');\nexport default e;\n", /Only electron\/ may import Electron/],
    ['main/probe.ts', "import { registerIpc } from '../electron/ipc';\nexport const x = registerIpc;\n", /never import the desktop shell/],
    ['main/llm/probe.ts', "import { App } from '../../renderer/App';\nexport const x = App;\n", /renderer/],
    ['main/probe.ts', "import { FakeOllama } from '../e2e/fixtures/fake-ollama';\nexport const x = FakeOllama;\n", /test fixtures/],
    ['renderer/probe.ts', "import { calls } from '../main/contract';\nexport const x = calls;\n", /only types from main\/contract/],
    ['renderer/probe.ts', "import type { SearchHit } from '../main/contract/search';\nexport type X = SearchHit;\n", /only through window\.api/],
    ['renderer/pages/probe.tsx', "import { events } from '../../main/contract/events';\nexport const x = events;\n", /only through window\.api/],
    ['renderer/pages/probe.tsx', "import { createCore } from '../../main/core';\nexport const x = createCore;\n", /only through window\.api/],
    ['renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", /Only electron\/ may import Electron/],
    ['renderer/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /has no Node/],
    ['electron/probe.ts', "import { App } from '../renderer/App';\nexport const x = App;\n", /renderer/],
    ['main/grounding/probe.ts', "import { Answerer } from '../research/answer';\nexport const x = Answerer;\n", /never imports them/],
    ['main/grounding/probe.ts', "import { DraftAssistant } from '../drafting/assist';\nexport const x = DraftAssistant;\n", /never imports them/],
    ['main/grounding/probe.ts', "import { app } from 'electron';\nexport const x = app;\n", /Only electron\/ may import Electron/],
    ['main/search/probe.ts', "export const f = (db: { transaction(fn: () => void): () => void }) => db.transaction(() => {})();\n", /immediate\(\)/],
    ['main/search/probe.ts', "import { chunkDocument } from '../ingest/chunk';\nexport const x = chunkDocument;\n", /Only the composition root/],
    ['main/research/probe.ts', "import { Indexer } from '../ingest/indexer';\nexport const x = Indexer;\n", /Only the composition root/],
    ['main/index/probe.ts', "import { LexicalSearch } from '../search/search';\nexport const x = LexicalSearch;\n", /import direction/],
    ['main/analysis/probe.ts', "import { IndexStore } from '../index/index-store';\nexport const x = IndexStore;\n", /import direction/],
    ['main/ingest/probe.ts', "import { LexicalSearch } from '../search/search';\nexport const x = LexicalSearch;\n", /import direction/],
  ];
  it.each(forbidden)('%s rejects %j', async (file, code, expected) => {
    const messages = await restrictedMessages(file, code);
    expect(messages.some((m) => expected.test(m)), messages.join('\n') || 'no message').toBe(true);
  });

  const allowed: [string, string][] = [
    ['renderer/probe.ts', "import type { Api } from '../main/contract';\nexport type X = Api;\n"],
    ['electron/probe.ts', "import { createCore } from '../main/core';\nimport { app } from 'electron';\nexport const x = [createCore, app];\n"],
    ['main/probe.test.ts', "import { FakeOllama } from '../e2e/fixtures/fake-ollama';\nexport const x = FakeOllama;\n"],
    ['e2e/probe.spec.ts', "import { createCore } from '../main/core';\nexport const x = createCore;\n"],
    ['main/research/probe.ts', "import { Grounding } from '../grounding/ground';\nexport const x = Grounding;\n"],
    ['main/search/probe.ts', "export const f = (db: { transaction(fn: () => void): { immediate(): void } }) => db.transaction(() => {}).immediate();\n"],
    ['main/core.ts', "import { Indexer } from './ingest/indexer';\nexport const x = Indexer;\n"],
    ['main/ingest/probe.ts', "import { IndexStore } from '../index/index-store';\nimport { Analyzer } from '../analysis/analyze';\nexport const x = [IndexStore, Analyzer];\n"],
    ['main/search/probe.ts', "import { IndexStore } from '../index/index-store';\nimport { Analyzer } from '../analysis/analyze';\nexport const x = [IndexStore, Analyzer];\n"],
  ];
  it.each(allowed)('%s allows %j', async (file, code) => {
    expect(await restrictedMessages(file, code)).toEqual([]);
  });
});

describe('the tree itself', () => {
  it('has no import that crosses a boundary', async () => {
    const results = await eslint.lintFiles(['main', 'electron', 'renderer']);
    const crossings = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
        .map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(crossings).toEqual([]);
    // Lints the whole tree: 4 s on an idle machine, many times that on a busy one.
  }, 180_000);
});
