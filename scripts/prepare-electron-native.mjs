// `npm start` runs the app in Electron, whose Node ABI differs from the system's.
// This builds better-sqlite3 once for the installed Electron version into
// .native/electron-<version>/, leaving node_modules built for Node (tests, CLI).
// Packaged builds do not need it: electron-builder rebuilds native modules itself.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');

// Only the version is needed; the binary itself is fetched by `electron .` on first start.
let electronVersion;
try {
  electronVersion = require('electron/package.json').version;
} catch {
  console.log('prepare-electron-native: the electron package is not installed; nothing to prepare.');
  process.exit(0);
}

const target = join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`prepare-electron-native: building better-sqlite3 for Electron ${electronVersion} (once) …`);
const { rebuild } = await import('@electron/rebuild');
const work = mkdtempSync(join(tmpdir(), 'stadtschreiber-native-'));
try {
  const pkgDir = join(work, 'node_modules', 'better-sqlite3');
  cpSync(join(root, 'node_modules', 'better-sqlite3'), pkgDir, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'native-build', version: '1.0.0', dependencies: { 'better-sqlite3': '*' } }));
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  mkdirSync(join(target, '..'), { recursive: true });
  cpSync(join(pkgDir, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`prepare-electron-native: ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
