import type { Migration } from '../migrate';

/**
 * Each answer turn keeps the check of its sentences against the sources
 * they cite (JSON, like sources and citations: the check stays readable
 * when the documents change), and, when it abstained, why the closest hits
 * were not enough.
 */
export const claimsMigration: Migration = {
  version: 7,
  name: 'answer-claims',
  up(db) {
    db.exec(`
      ALTER TABLE answer_turns ADD COLUMN claims TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE answer_turns ADD COLUMN abstain_reason TEXT;
    `);
  },
};
