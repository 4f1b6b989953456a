import type { Migration } from '../migrate';

/**
 * Crash-consistent word statistics. The vocabulary snapshot records which
 * stored documents it counts (`covers`, see index/vocabulary-covers.ts):
 * when a job died before its snapshot was saved, the stored documents and
 * the counts disagree, and the counts are rebuilt from the stored chunks.
 * Each document records the vocabulary size its terms were derived
 * against (`analysed_with`), so that a later job also refines the
 * documents of a job that died before its refining phase. Rows from
 * before count as refined (NULL).
 */
export const vocabularyCoverageMigration: Migration = {
  version: 9,
  name: 'vocabulary-coverage',
  up(db) {
    db.exec(`
      ALTER TABLE vocabulary ADD COLUMN covers TEXT;
      ALTER TABLE documents ADD COLUMN analysed_with INTEGER;
    `);
  },
};
