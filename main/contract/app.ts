/* The app itself: version, data folder, the database's health. */

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  /** The database's health (always set by the core). */
  database?: DatabaseState;
}

export interface DatabaseState {
  /** ok: checked since the start and sound; unchecked: not checked (a large index after a clean end); damaged: see message. */
  state: 'ok' | 'unchecked' | 'damaged';
  /** German: what is damaged, or what the repair at this start did. */
  message: string | null;
  /** A repair (repairDatabase) runs at the next start. */
  repairScheduled: boolean;
}
