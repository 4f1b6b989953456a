import type { Migration } from '../migrate';

/**
 * The vocabulary's word counts as one snapshot ("word<TAB>count" lines)
 * instead of a row per word. An indexing job changes the counts of tens of
 * thousands of words; writing them row by row took a tenth of indexing the
 * laws, one text value takes a few milliseconds, and loading it at start
 * is faster too. The counts only steer compound splitting (see
 * search/vocabulary.ts).
 */
export const vocabularyMigration: Migration = {
  version: 6,
  name: 'vocabulary-snapshot',
  up(db) {
    db.exec(`
      CREATE TABLE vocabulary (
        id    INTEGER PRIMARY KEY CHECK (id = 1),
        words TEXT NOT NULL
      ) STRICT;
      INSERT INTO vocabulary (id, words)
        SELECT 1, group_concat(word || char(9) || freq, char(10)) FROM words WHERE freq > 0 HAVING count(*) > 0;
      DROP TABLE words;
    `);
  },
};
