// Lint enforces the import direction of docs/architecture.md:
//   renderer ──(types only)──► main/contract.ts ◄── electron ──► main
//   main ──► never electron/, renderer/ or e2e/
//   main/grounding ──► never main/research or main/drafting (they build on it)
//   main/ingest ──► main/index ──► main/analysis; main/search ──► main/index, main/analysis;
//   nothing imports main/ingest but the composition root (main/core.ts)
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronModule = { regex: '^electron(/.*)?$', message: 'Only electron/ may import Electron: the core stays plain Node.' };
const electronDir = { regex: '(^|/)electron/', message: 'main/ and renderer/ never import the desktop shell.' };
const rendererDir = { regex: '(^|/)renderer/', message: 'Only the renderer build may contain renderer code.' };
const e2eDir = { regex: '(^|/)e2e/', message: 'Product code never imports test fixtures.' };

const ingestDir = { regex: '(^|/)ingest/', message: 'Only the composition root (main/core.ts) imports main/ingest: indexing is wired there, nowhere else.' };
const above = (dirs, who) => ({ regex: `(^|/)(${dirs.join('|')})/`, message: `${who} never imports ${dirs.map((d) => `main/${d}`).join(', ')}: the import direction is ingest → index → analysis, search → index, analysis.` });

const mainRules = [electronModule, electronDir, rendererDir, e2eDir];
export const boundaryRules = {
  main: [...mainRules, ingestDir],
  composition: mainRules,
  ingest: [...mainRules, above(['search', 'grounding', 'research', 'drafting', 'cli'], 'main/ingest')],
  analysis: [...mainRules, ingestDir, above(['index', 'search', 'grounding', 'research', 'drafting', 'llm', 'db', 'settings', 'cli'], 'main/analysis')],
  index: [...mainRules, ingestDir, above(['search', 'grounding', 'research', 'drafting', 'llm', 'cli'], 'main/index')],
  search: [...mainRules, ingestDir, above(['grounding', 'research', 'drafting', 'cli'], 'main/search')],
  mainTests: [electronModule, electronDir, rendererDir],
  grounding: [...mainRules, ingestDir, { regex: '(^|/)(research|drafting)/', message: 'Grounding serves research and drafting; it never imports them.' }],
  electron: [rendererDir, e2eDir],
  electronTests: [rendererDir],
  renderer: [
    electronModule,
    electronDir,
    e2eDir,
    { regex: '(^|/)main/contract(\\.ts)?$', allowTypeImports: true, message: 'The renderer may import only types from main/contract.' },
    { regex: '(^|/)main/(?!contract(\\.ts)?$)', message: 'The renderer reaches the core only through window.api.' },
    { regex: '^node:', message: 'The renderer has no Node: it talks to the core through window.api.' },
  ],
};

// Dynamic import() and require() bypass no-restricted-imports; they are checked by syntax.
const dynamicElectron = [
  { selector: "ImportExpression[source.value=/^electron/]", message: electronModule.message },
  { selector: "CallExpression[callee.name='require'][arguments.0.value=/^electron/]", message: electronModule.message },
];

// A DEFERRED transaction that reads before it writes fails at once (SQLITE_BUSY_SNAPSHOT, no busy
// timeout) when another connection committed meanwhile: every transaction in the core starts IMMEDIATE.
const deferredTransaction = {
  selector: "CallExpression[callee.type='CallExpression'][callee.callee.property.name='transaction']",
  message: 'Start transactions with .immediate(): a deferred one fails at once when another connection wrote meanwhile.',
};
const coreSyntax = [...dynamicElectron, deferredTransaction];

const restrict = (patterns, extra = []) => ({
  'no-restricted-imports': 'off',
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
  ...(extra.length ? { 'no-restricted-syntax': ['error', ...extra] } : {}),
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'e2e/artifacts/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['main/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: restrict(boundaryRules.main, coreSyntax) },
  { files: ['main/core.ts'], rules: restrict(boundaryRules.composition, coreSyntax) },
  { files: ['main/ingest/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: restrict(boundaryRules.ingest, coreSyntax) },
  { files: ['main/analysis/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: restrict(boundaryRules.analysis, coreSyntax) },
  { files: ['main/index/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: restrict(boundaryRules.index, coreSyntax) },
  { files: ['main/search/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: restrict(boundaryRules.search, coreSyntax) },
  { files: ['main/grounding/**/*.ts'], ignores: ['main/**/*.test.ts'], rules: restrict(boundaryRules.grounding, coreSyntax) },
  { files: ['main/**/*.test.ts'], rules: restrict(boundaryRules.mainTests, dynamicElectron) },
  { files: ['electron/**/*.ts'], ignores: ['electron/**/*.test.ts'], rules: restrict(boundaryRules.electron) },
  { files: ['electron/**/*.test.ts'], rules: restrict(boundaryRules.electronTests) },
  // Playwright fixtures that need no other fixture are written `async ({}, use) => …`.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...restrict(boundaryRules.renderer, dynamicElectron), 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
