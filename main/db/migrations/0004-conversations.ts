import type { Migration } from '../migrate';

/**
 * Questions and answers of the Recherche page, kept on this PC only. A turn
 * is written before the model is asked (the question is never lost) and
 * updated when the answer is complete or breaks off. Sources and citations
 * are stored as JSON snapshots: the answer must stay readable when the
 * documents change or leave the index.
 */
export const conversationsMigration: Migration = {
  version: 4,
  name: 'conversations',
  up(db) {
    db.exec(`
      CREATE TABLE conversations (
        id         INTEGER PRIMARY KEY,
        title      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE answer_turns (
        id              INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        question        TEXT NOT NULL,
        answer          TEXT NOT NULL DEFAULT '',
        mode            TEXT NOT NULL CHECK (mode IN ('generated', 'extractive', 'abstained')),
        model           TEXT,
        sources         TEXT NOT NULL DEFAULT '[]',
        citations       TEXT NOT NULL DEFAULT '[]',
        removed         TEXT NOT NULL DEFAULT '[]',
        extract         TEXT NOT NULL DEFAULT '[]',
        verified        INTEGER NOT NULL DEFAULT 0,
        grounded        INTEGER NOT NULL DEFAULT 0,
        unfinished      INTEGER NOT NULL DEFAULT 1,
        notice          TEXT,
        num_ctx         INTEGER,
        prompt_tokens   INTEGER,
        created_at      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX answer_turns_conversation ON answer_turns(conversation_id, id);
    `);
  },
};
