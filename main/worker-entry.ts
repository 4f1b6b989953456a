import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How to start a worker thread: the bundled script beside the Electron main
 * bundle (scripts/build-electron.mjs writes it) when running from the
 * bundle; else the TypeScript source, run through tsx (the CLI, tests).
 * `source` is the caller's `new URL('./…-worker.ts', import.meta.url)`.
 */
export function workerEntry(bundledName: string, source: URL): { script: string; eval: boolean } {
  if (typeof __dirname === 'string') {
    const bundled = join(__dirname, bundledName);
    if (existsSync(bundled)) return { script: bundled, eval: false };
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  return { eval: true, script: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source.href)}); })` };
}
