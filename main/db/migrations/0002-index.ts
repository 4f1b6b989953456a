import type { Migration } from '../migrate';

/**
 * The document index: folders the clerk added, the documents found in them,
 * their chunks, and an FTS5 index over our own normalised German terms
 * (contentless: the original text lives in `chunks`, the index holds terms;
 * `heading` is the chunk's own heading, `context` the headings above it).
 * `words` counts surface words across the index: the vocabulary that
 * compound splitting is judged against.
 */
export const indexMigration: Migration = {
  version: 2,
  name: 'index',
  up(db) {
    db.exec(`
      CREATE TABLE folders (
        id       INTEGER PRIMARY KEY,
        path     TEXT NOT NULL UNIQUE,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE documents (
        id         INTEGER PRIMARY KEY,
        folder_id  INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        path       TEXT NOT NULL UNIQUE,
        title      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        size       INTEGER NOT NULL,
        mtime_ms   INTEGER NOT NULL,
        sha256     TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('indexed', 'scan', 'error', 'unsupported')),
        error      TEXT,
        encoding   TEXT,
        pages      INTEGER,
        chunks     INTEGER NOT NULL DEFAULT 0,
        indexed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX documents_folder ON documents(folder_id);

      CREATE TABLE chunks (
        id          INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ord         INTEGER NOT NULL,
        heading     TEXT NOT NULL,
        text        TEXT NOT NULL,
        line_start  INTEGER,
        line_end    INTEGER,
        page        INTEGER
      ) STRICT;
      CREATE INDEX chunks_document ON chunks(document_id, ord);

      CREATE VIRTUAL TABLE chunks_fts USING fts5(
        title, heading, context, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );

      CREATE TABLE words (
        word TEXT PRIMARY KEY,
        freq INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
