import type Database from 'better-sqlite3';
import type { VocabularyStorage } from '../analysis/vocabulary';

/** The vocabulary's snapshot in the index's `vocabulary` table (one row; migrations 6 and 9). */
export function vocabularyStore(db: Database.Database): VocabularyStorage {
  const read = db.prepare<[], { words: string; covers: string | null }>('SELECT words, covers FROM vocabulary WHERE id = 1');
  const write = db.prepare<[string, string | null]>(
    'INSERT INTO vocabulary (id, words, covers) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET words = excluded.words, covers = excluded.covers',
  );
  return { read: () => read.get(), write: (words, covers) => void write.run(words, covers) };
}
