import type { Migration } from '../migrate';
import { settingsMigration } from './0001-settings';
import { indexMigration } from './0002-index';

/** Every migration, in order. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [settingsMigration, indexMigration];
