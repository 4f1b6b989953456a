import type { Migration } from '../migrate';
import { settingsMigration } from './0001-settings';
import { indexMigration } from './0002-index';
import { vectorsMigration } from './0003-vectors';
import { conversationsMigration } from './0004-conversations';
import { draftsMigration } from './0005-drafts';
import { vocabularyMigration } from './0006-vocabulary';
import { claimsMigration } from './0007-claims';
import { structureMigration } from './0008-structure';
import { vocabularyCoverageMigration } from './0009-vocabulary-coverage';

/** Every migration, in order. Append only: a shipped migration never changes. */
export const migrations: readonly Migration[] = [settingsMigration, indexMigration, vectorsMigration, conversationsMigration, draftsMigration, vocabularyMigration, claimsMigration, structureMigration, vocabularyCoverageMigration];
