import type { Migration } from '../migrate';
import { settingsMigration } from './0001-settings';

/** Every migration, in order. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [settingsMigration];
