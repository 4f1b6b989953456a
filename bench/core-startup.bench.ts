// How long the core takes to start (fresh data folder: schema created; existing
// folder: reopened), and what a settings round trip and a status check cost.
import { join } from 'node:path';
import { FakeOllama } from '../e2e/fixtures/fake-ollama';
import { tempDir } from '../e2e/fixtures/temp-dir';
import { createCore } from '../main/core';
import { silentLogger } from '../main/log';
import { report, rssMb, timeIt } from './report';

const BENCH = 'core-startup';
const dir = tempDir('stadtschreiber-bench-');
const fake = new FakeOllama();
await fake.start();
try {
  let n = 0;
  const fresh = await timeIt(() => createCore({ dataDir: join(dir.path, `fresh-${n++}`), env: {}, logger: silentLogger }).close(), 30, 3);
  report({ bench: BENCH, figure: 'createCore, new data folder (p50)', value: fresh.p50, unit: 'ms' });
  report({ bench: BENCH, figure: 'createCore, new data folder (p95)', value: fresh.p95, unit: 'ms' });

  const existing = join(dir.path, 'existing');
  createCore({ dataDir: existing, env: {}, logger: silentLogger }).close();
  const reopen = await timeIt(() => createCore({ dataDir: existing, env: {}, logger: silentLogger }).close(), 50);
  report({ bench: BENCH, figure: 'createCore, existing data folder (p50)', value: reopen.p50, unit: 'ms' });

  const core = createCore({ dataDir: existing, env: {}, logger: silentLogger, settings: { ollamaHost: fake.url } });
  let i = 0;
  const save = await timeIt(() => core.updateSettings({ letterhead: { authority: `Stadt ${i++}` } }), 500);
  report({ bench: BENCH, figure: 'updateSettings (p95)', value: save.p95, unit: 'ms' });
  const status = await timeIt(() => core.getOllamaStatus(), 100);
  report({ bench: BENCH, figure: 'getOllamaStatus against a loopback server (p95)', value: status.p95, unit: 'ms' });
  report({ bench: BENCH, figure: 'process RSS with the core open', value: rssMb(), unit: 'MB' });
  core.close();
} finally {
  await fake.stop();
  dir.remove();
}
