// Bundles the Electron main process, the index writer thread, the parse thread and the preload script into dist/electron.
// The preload runs sandboxed, so it must be one self-contained CommonJS file.
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  // Everything is bundled (ESM-only packages become CommonJS) except what needs
  // its real files in node_modules: native better-sqlite3 and sqlite-vec's extension.
  external: ['electron', 'better-sqlite3', 'sqlite-vec'],
  // import.meta only serves the source tree (the writer thread's TypeScript entry); the bundle uses index-writer.cjs.
  logOverride: { 'empty-import-meta': 'silent' },
});

// The index writer thread (main/index/index-writer.ts looks for it beside main.cjs).
await build({
  ...common,
  entryPoints: ['main/index/write-worker.ts'],
  outfile: 'dist/electron/index-writer.cjs',
  external: ['better-sqlite3', 'sqlite-vec'],
});

// The parse thread (main/ingest/parse-thread.ts looks for it beside main.cjs): the parsers and pdf.js, nothing native.
await build({
  ...common,
  entryPoints: ['main/ingest/parse-worker.ts'],
  outfile: 'dist/electron/parse-worker.cjs',
  logOverride: { 'empty-import-meta': 'silent' },
});

await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  minify: true,
  external: ['electron'],
});

// Data the bundle reads at run time: the query thesaurus (main/analysis/thesaurus.ts looks for it beside
// main.cjs) and its licence; electron-builder packs dist/electron/ whole.
for (const file of ['openthesaurus.txt', 'OPENTHESAURUS-LICENSE.txt']) copyFileSync(`main/analysis/data/${file}`, `dist/electron/${file}`);

console.log('dist/electron: main.cjs, index-writer.cjs, parse-worker.cjs, preload.cjs, openthesaurus.txt');
