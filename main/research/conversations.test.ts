import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { openDatabase } from '../db/open';
import { ConversationStore } from './conversations';
import type Database from 'better-sqlite3';

let dir: ReturnType<typeof tempDir>;
let db: Database.Database;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'stadtschreiber.db'));
});
afterEach(() => {
  db.close();
  dir.remove();
});

describe('stored answers', () => {
  it('reads a turn stored with joined heading paths (before they were arrays) with heading paths as arrays', () => {
    const store = new ConversationStore(db);
    const turnId = store.addTurn(store.create('Wie hoch ist die Hundesteuer?'), 'Wie hoch ist die Hundesteuer?');
    const old = { chunkId: 1, documentId: 1, path: '/d/hundesteuer.md', title: 'Hundesteuersatzung', heading: 'Hundesteuersatzung › § 5 Steuersatz', lineStart: 3, lineEnd: 5, page: null, kind: 'md', score: 1, snippet: '', highlights: [] };
    db.prepare('UPDATE answer_turns SET sources = ?, citations = ?, extract = ?, unfinished = 0 WHERE id = ?').run(
      JSON.stringify([old]),
      JSON.stringify([{ n: 1, chunkId: 1, documentId: 1, path: old.path, title: old.title, heading: old.heading, lineStart: 3, lineEnd: 5, page: null }]),
      JSON.stringify([{ n: 1, hit: old, text: 'Die Steuer beträgt 108 Euro.', highlights: [] }]),
      turnId,
    );
    const turn = store.turn(turnId)!;
    const path = ['Hundesteuersatzung', '§ 5 Steuersatz'];
    expect(turn.sources[0]).toMatchObject({ headingPath: path, role: 'body' });
    expect(turn.citations[0]).toMatchObject({ n: 1, headingPath: path });
    expect(turn.extract[0]!.hit.headingPath).toEqual(path);
    for (const stored of [turn.sources[0], turn.citations[0], turn.extract[0]!.hit]) expect(stored).not.toHaveProperty('heading');
  });
});
