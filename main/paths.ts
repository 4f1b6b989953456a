import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const APP_NAME = 'Stadtschreiber';

/**
 * The same folder Electron's app.getPath('userData') gives the desktop app,
 * so that the CLI and the app share one index and one set of settings.
 * STADTSCHREIBER_DATA moves it (a network drive, a test folder).
 */
export function defaultDataDir(env: Record<string, string | undefined> = process.env, platform = process.platform): string {
  if (env.STADTSCHREIBER_DATA) return resolve(env.STADTSCHREIBER_DATA);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

export const databaseFile = (dataDir: string) => join(dataDir, 'stadtschreiber.db');
/** Held by the indexing job that writes this data folder's index (see index/job-lock.ts). */
export const indexLockFile = (dataDir: string) => join(dataDir, 'index.lock');
export const logFile = (dataDir: string) => join(dataDir, 'logs', 'stadtschreiber.log');
