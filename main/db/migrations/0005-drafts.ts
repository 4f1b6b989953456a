import type { Migration } from '../migrate';

/**
 * Letter drafts of the Entwürfe page, autosaved while the clerk types and
 * before every AI call. Values, the AI's marks per field (model, time,
 * edited afterwards), the sources of its last suggestion and the clerk's
 * review ("geprüft": name and time) are stored with the draft, so that the
 * record says which parts the AI wrote. The template's title is kept as a
 * snapshot: an imported Word template may be deleted later.
 */
export const draftsMigration: Migration = {
  version: 5,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id             INTEGER PRIMARY KEY,
        template_id    TEXT NOT NULL,
        template_title TEXT NOT NULL,
        field_values   TEXT NOT NULL DEFAULT '{}',
        ai_fields      TEXT NOT NULL DEFAULT '{}',
        ai_sources     TEXT NOT NULL DEFAULT '[]',
        notes          TEXT NOT NULL DEFAULT '',
        citizen_letter TEXT NOT NULL DEFAULT '',
        ai_notice      INTEGER NOT NULL DEFAULT 1,
        reviewed_by    TEXT,
        reviewed_at    TEXT,
        exported_at    TEXT,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drafts_updated ON drafts(updated_at);
    `);
  },
};
