import type { Migration } from '../migrate';

/**
 * What documents say about themselves (authority, kind, validity) and what
 * each chunk is within its document (body, table of contents, front
 * matter, preamble). Both are read at indexing time, so every stored
 * document is read again by the next job: its mtime and hash are cleared,
 * which makes the unchanged-file check (size + mtime, then hash) fail.
 */
export const structureMigration: Migration = {
  version: 8,
  name: 'structure',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN authority TEXT;
      ALTER TABLE documents ADD COLUMN doc_type TEXT;
      ALTER TABLE documents ADD COLUMN valid_from TEXT;
      ALTER TABLE documents ADD COLUMN valid_until TEXT;
      ALTER TABLE documents ADD COLUMN validity TEXT NOT NULL DEFAULT 'unknown' CHECK (validity IN ('current', 'superseded', 'unknown'));
      ALTER TABLE chunks ADD COLUMN role TEXT NOT NULL DEFAULT 'body' CHECK (role IN ('body', 'toc', 'front', 'preamble'));
      UPDATE documents SET mtime_ms = -1, sha256 = '';
    `);
  },
};
