import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { appErrorOf } from '../../e2e/fixtures/app-error';
import { latestVersion, migrate, schemaVersionOf, type Migration } from './migrate';
import { migrations } from './migrations';
import { openDatabase } from './open';
import { Vocabulary } from '../analysis/vocabulary';
import { IndexStore } from '../index/index-store';
import { indexFile } from '../ingest/index-file';
import { statSync } from 'node:fs';
import { vocabularyStore } from '../index/vocabulary-store';

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'test.db');
});
afterEach(() => dir.remove());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const tables = (db: Database.Database) =>
  db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((r) => r.name);

describe('openDatabase', () => {
  it('creates a fresh database at the latest schema with WAL, foreign keys and a busy timeout', () => {
    const db = openDatabase(file);
    expect(schemaVersionOf(db)).toBe(migrations.length);
    expect(tables(db)).toContain('settings');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('is idempotent: reopening changes nothing', () => {
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(schemaVersionOf(db)).toBe(migrations.length);
    db.close();
  });

  it('refuses a database from a newer version without changing a byte of it', async () => {
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x INTEGER) STRICT');
    newer.pragma('user_version = 99');
    newer.close();
    const before = sha(file);

    const error = await appErrorOf(() => openDatabase(file));
    expect(error.code).toBe('db_too_new');
    expect(error.userMessage).toMatch(/neueren Version von Stadtschreiber.*Schema 99/);
    expect(sha(file)).toBe(before);
  });

  it('refuses a file that is not a database, with a German message, and leaves it alone', async () => {
    writeFileSync(file, 'Dies ist keine Datenbank, sondern ein Brief.'.repeat(100));
    const before = sha(file);
    expect((await appErrorOf(() => openDatabase(file))).userMessage).toMatch(/keine Stadtschreiber-Datenbank oder beschädigt/);
    expect(sha(file)).toBe(before);
  });
});

describe('migrate', () => {
  const v1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT) STRICT') };
  const v2: Migration = {
    version: 2,
    name: 'two',
    up: (db) => {
      db.exec('ALTER TABLE a ADD COLUMN w TEXT');
      db.exec("UPDATE a SET w = upper(v)");
    },
  };
  const broken: Migration = {
    version: 2,
    name: 'broken',
    up: (db) => {
      db.exec('CREATE TABLE b (x INTEGER) STRICT');
      throw new Error('boom');
    },
  };

  it('upgrades an existing database and keeps its data', () => {
    const db = new Database(file);
    expect(migrate(db, [v1])).toEqual({ from: 0, to: 1 });
    db.prepare('INSERT INTO a (v) VALUES (?)').run('anhörung');
    expect(migrate(db, [v1, v2])).toEqual({ from: 1, to: 2 });
    expect(db.prepare('SELECT v, w FROM a').get()).toEqual({ v: 'anhörung', w: 'ANHöRUNG' });
    expect(schemaVersionOf(db)).toBe(2);
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const db = new Database(file);
    expect(() => migrate(db, [v1, broken])).toThrow('boom');
    expect(schemaVersionOf(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const db = new Database(file);
    expect(() => migrate(db, [v2])).toThrow(/expected 1/);
    db.close();
  });
});

describe('migration 6: the vocabulary as one snapshot', () => {
  it("keeps the counts of a version-5 database's words table, and drops words that no longer occur", () => {
    const db = new Database(file);
    migrate(db, migrations.slice(0, 5));
    const insert = db.prepare('INSERT INTO words (word, freq) VALUES (?, ?)');
    for (const [word, freq] of [['hundesteuer', 3], ['ausweis', 12], ['verloren', 0]] as const) insert.run(word, freq);
    expect(migrate(db, migrations)).toEqual({ from: 5, to: migrations.length });
    expect(tables(db)).not.toContain('words');
    const vocabulary = new Vocabulary(vocabularyStore(db));
    expect([vocabulary.freq('hundesteuer'), vocabulary.freq('ausweis'), vocabulary.freq('verloren')]).toEqual([3, 12, 0]);
    expect(vocabulary.size).toBe(2);
    db.close();
  });

  it('starts empty from an empty words table, and a flush writes what reopening reads', () => {
    const db = new Database(file);
    migrate(db, migrations.slice(0, 5));
    migrate(db, migrations);
    expect(db.prepare('SELECT count(*) AS n FROM vocabulary').get()).toEqual({ n: 0 });
    const vocabulary = new Vocabulary(vocabularyStore(db));
    vocabulary.add(vocabulary.entry('widerspruch'), 4);
    vocabulary.add(vocabulary.entry('frist'), 1);
    vocabulary.flush();
    vocabulary.add(vocabulary.entry('frist'), -1);
    vocabulary.flush();
    const reopened = new Vocabulary(vocabularyStore(db));
    expect([reopened.freq('widerspruch'), reopened.freq('frist'), reopened.size]).toEqual([4, 0, 1]);
    db.close();
  });
});


describe('migration 8: chunk roles and document metadata', () => {
  it('migrates a version-7 index, and the next job reads its unchanged documents again, with roles and metadata', async () => {
    const doc = join(dir.path, 'hundesteuer.md');
    const text = ['---', 'titel: Satzung über die Erhebung der Hundesteuer', 'gemeinde: Konstanz', 'gueltig_ab: 2022-01-01', '---', '', '## Inhaltsverzeichnis', '', '- § 1 Steuergegenstand', '- § 2 Steuerschuldner', '- § 3 Steuersatz', '', '### § 3 Steuersatz', '', 'Die Steuer beträgt 108 Euro.', ''].join('\n');
    writeFileSync(doc, text);
    const { size, mtimeMs } = statSync(doc);
    const old = new Database(file);
    migrate(old, migrations.slice(0, 7));
    const folderId = Number(old.prepare("INSERT INTO folders (path, added_at) VALUES (?, '2024-01-01')").run(dir.path).lastInsertRowid);
    // Stored by the old version exactly as the file is now: size, mtime and hash all match.
    const documentId = Number(
      old
        .prepare("INSERT INTO documents (folder_id, path, title, kind, size, mtime_ms, sha256, status, chunks, indexed_at) VALUES (?, ?, 'hundesteuer', 'md', ?, ?, ?, 'indexed', 1, '2024-01-01')")
        .run(folderId, doc, size, Math.trunc(mtimeMs), sha(doc)).lastInsertRowid,
    );
    const chunkId = Number(old.prepare("INSERT INTO chunks (document_id, ord, heading, text) VALUES (?, 0, 'Inhaltsverzeichnis › § 3 Steuersatz', 'Die Steuer beträgt 108 Euro.')").run(documentId).lastInsertRowid);
    old.prepare("INSERT INTO chunks_fts (rowid, title, heading, context, body) VALUES (?, 'hundesteu', 'steuersatz', 'inhaltsverzeichnis', 'steu betrag')").run(chunkId);
    old.close();

    const db = openDatabase(file);
    expect(schemaVersionOf(db)).toBe(latestVersion(migrations));
    expect(db.prepare('SELECT validity, authority, mtime_ms FROM documents').get()).toEqual({ validity: 'unknown', authority: null, mtime_ms: -1 });
    expect(db.prepare('SELECT role FROM chunks').get()).toEqual({ role: 'body' });
    expect(() => db.prepare("UPDATE chunks SET role = 'kapitel'").run()).toThrow(/CHECK/);

    const store = new IndexStore(db);
    expect(await indexFile(store, folderId, doc)).toMatchObject({ kind: 'indexed' });
    const row = store.documentByPath(doc)!;
    expect([row.title, row.authority, row.valid_from, row.validity]).toEqual(['Satzung über die Erhebung der Hundesteuer', 'Konstanz', '2022-01-01', 'current']);
    expect(db.prepare('SELECT role, heading FROM chunks WHERE document_id = ? ORDER BY ord').all(row.id)).toEqual([
      { role: 'toc', heading: 'Inhaltsverzeichnis' },
      { role: 'body', heading: '§ 3 Steuersatz' },
    ]);
    // Read once: the job after that finds it unchanged again.
    expect(await indexFile(store, folderId, doc)).toEqual({ kind: 'unchanged' });
    db.close();
  });
});
