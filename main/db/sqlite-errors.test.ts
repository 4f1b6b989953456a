import Database from 'better-sqlite3';
import { accessSync, constants, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { AppError } from '../errors';
import {
  isBusy,
  isCorrupt,
  isDiskFull,
  isReadOnly,
  STORAGE_MESSAGES,
  storageError,
  storageFault,
  type StorageFaultKind,
} from './sqlite-errors';
import { breakPage, buildWorkDatabase, makeReadOnly, pagesOf, smallDisk } from './test-faults';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

/** What `fn` threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, nothing was thrown');
}

describe('storageError: real SQLite and file system errors', () => {
  it('full disk: SQLITE_FULL (PRAGMA max_page_count), with the rows written before still there', () => {
    const file = join(dir.path, 'full.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x BLOB)');
    db.prepare('INSERT INTO t VALUES (randomblob(100))').run();
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const error = thrown(() => db.prepare('INSERT INTO t VALUES (randomblob(100000))').run());
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    const app = storageError(error, { file, operation: 'save draft' });
    expect(app.code).toBe('unavailable');
    expect(app.userMessage).toMatch(/^Auf dem Datenträger ist kein Platz mehr\..*Bereits gespeicherte Daten bleiben erhalten\.$/);
    expect(app.message).toBe(`save draft on ${file} failed (disk_full, SQLITE_FULL): SqliteError: database or disk is full`);
    expect(app.cause).toBe(error);
    expect(isDiskFull(error)).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });

  it('full disk: ENOSPC from the file system (/dev/full)', () => {
    const error = thrown(() => writeFileSync('/dev/full', 'Entwurf'));
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(storageError(error).userMessage).toMatch(/kein Platz mehr/);
    expect(isDiskFull(error)).toBe(true);
  });

  it('read-only: SQLITE_READONLY from a connection opened { readonly: true }', () => {
    const file = join(dir.path, 'ro.db');
    new Database(file).exec('CREATE TABLE t (x)');
    const db = new Database(file, { readonly: true });
    const error = thrown(() => db.prepare('INSERT INTO t VALUES (1)').run());
    db.close();
    expect((error as { code: string }).code).toBe('SQLITE_READONLY');
    const app = storageError(error, { file });
    expect(app.userMessage).toBe(STORAGE_MESSAGES.read_only(file));
    expect(app.userMessage).toMatch(/schreibgeschützt/);
    expect(isReadOnly(error)).toBe(true);
  });

  it('read-only: EROFS from a read-only file system', (ctx) => {
    const target = join(dir.path, 'ro-folder');
    mkdirSync(target);
    const undo = makeReadOnly(target);
    if (!undo) return ctx.skip();
    try {
      const error = thrown(() => writeFileSync(join(target, 'x'), 'x'));
      const code = (error as NodeJS.ErrnoException).code;
      expect(['EROFS', 'EACCES']).toContain(code);
      expect(storageFault(error)!.kind).toBe(code === 'EROFS' ? 'read_only' : 'permission');
      expect(isReadOnly(error)).toBe(true);
    } finally {
      undo();
    }
  });

  it('permission: EACCES and EPERM from the file system', () => {
    const file = join(dir.path, 'not-executable');
    writeFileSync(file, 'x', { mode: 0o644 });
    // Even root may not execute a file without an x bit: a real EACCES.
    const eacces = thrown(() => accessSync(file, constants.X_OK));
    expect((eacces as NodeJS.ErrnoException).code).toBe('EACCES');
    // A hard link to a folder: a real EPERM.
    const eperm = thrown(() => linkSync(dir.path, join(dir.path, 'link')));
    expect((eperm as NodeJS.ErrnoException).code).toBe('EPERM');
    for (const error of [eacces, eperm]) {
      const app = storageError(error, { file: '/daten' });
      expect(app.userMessage).toBe('Stadtschreiber hat keine Berechtigung, auf /daten zuzugreifen. Bitte lassen Sie die Zugriffsrechte prüfen.');
      expect(isReadOnly(error)).toBe(true);
    }
  });

  it('cannot open: SQLITE_CANTOPEN for a database path that is a folder', () => {
    const file = join(dir.path, 'ordner.db');
    mkdirSync(file);
    const error = thrown(() => new Database(file));
    expect((error as { code: string }).code).toBe('SQLITE_CANTOPEN');
    expect(storageError(error, { file }).userMessage).toMatch(/kann nicht geöffnet werden: Der Datenordner ist nicht erreichbar/);
  });

  it('corrupt: SQLITE_CORRUPT from a damaged page, and SQLITE_NOTADB from a file that is not a database', () => {
    const file = join(dir.path, 'corrupt.db');
    buildWorkDatabase(file);
    breakPage(file, pagesOf(file, 'chunks')[3]!);
    const db = new Database(file);
    const corrupt = thrown(() => db.prepare('SELECT sum(length(text)) FROM chunks').get());
    db.close();
    expect((corrupt as { code: string }).code).toMatch(/^SQLITE_CORRUPT/);
    expect(storageError(corrupt).userMessage).toMatch(/^Die Datenbank ist beschädigt; der Vorgang wurde abgebrochen\..*„Suchindex neu aufbauen“/);
    expect(isCorrupt(corrupt)).toBe(true);

    const letter = join(dir.path, 'brief.db');
    writeFileSync(letter, 'Sehr geehrte Damen und Herren, '.repeat(200));
    const notADb = thrown(() => new Database(letter).pragma('user_version'));
    expect((notADb as { code: string }).code).toBe('SQLITE_NOTADB');
    expect(storageError(notADb, { file: letter }).userMessage).toBe(`Die Datei ${letter} ist keine Stadtschreiber-Datenbank oder beschädigt. Sie wurde nicht verändert.`);
    expect(isCorrupt(notADb)).toBe(true);
  });

  it('busy: SQLITE_BUSY while another connection writes', () => {
    const file = join(dir.path, 'busy.db');
    const a = new Database(file);
    a.pragma('journal_mode = WAL');
    a.exec('CREATE TABLE t (x)');
    a.exec('BEGIN IMMEDIATE');
    a.prepare('INSERT INTO t VALUES (1)').run();
    const b = new Database(file, { timeout: 0 });
    const error = thrown(() => b.prepare('INSERT INTO t VALUES (2)').run());
    a.exec('ROLLBACK');
    a.close();
    b.close();
    expect((error as { code: string }).code).toBe('SQLITE_BUSY');
    expect(storageError(error).userMessage).toMatch(/gerade durch einen anderen Vorgang belegt/);
    expect(isBusy(error)).toBe(true);
  });

  it('locked: SQLITE_LOCKED when a table is dropped while it is being read', () => {
    const db = new Database(':memory:');
    db.unsafeMode(true);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2)");
    const error = thrown(() => {
      for (const _row of db.prepare('SELECT * FROM t').iterate()) db.exec('DROP TABLE t');
    });
    db.close();
    expect((error as { code: string }).code).toBe('SQLITE_LOCKED');
    expect(storageError(error).userMessage).toMatch(/durch einen laufenden Vorgang dieser Sitzung gesperrt/);
    expect(isBusy(error)).toBe(true);
  });

  it('constraint: SQLITE_CONSTRAINT_* is an internal error with its own message', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY) STRICT');
    db.prepare("INSERT INTO t VALUES ('a')").run();
    const error = thrown(() => db.prepare("INSERT INTO t VALUES ('a')").run());
    db.close();
    expect((error as { code: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    const app = storageError(error, { operation: 'save setting' });
    expect(app.code).toBe('internal');
    expect(app.userMessage).toMatch(/einer Regel der Datenbank widersprechen/);
    expect(app.message).toMatch(/^save setting failed \(constraint, SQLITE_CONSTRAINT_PRIMARYKEY\): SqliteError: UNIQUE constraint failed: t\.k$/);
  });
});

describe('storageError on a really full disk (a 64 KB tmpfs)', () => {
  it('SQLite reports the -shm that cannot grow as SQLITE_IOERR_SHMSIZE; an I/O error where no block is free is the full disk', (ctx) => {
    const disk = join(dir.path, 'disk');
    mkdirSync(disk);
    const unmount = smallDisk(disk, '64k');
    if (!unmount) return ctx.skip();
    try {
      writeFileSync(join(disk, 'ballast'), Buffer.alloc(40 * 1024));
      const file = join(disk, 'voll.db');
      const db = new Database(file);
      const error = thrown(() => {
        db.pragma('journal_mode = WAL');
        for (let i = 0; i < 100; i++) db.exec(`CREATE TABLE t${i} (x)`);
      });
      db.close();
      expect(['SQLITE_IOERR_SHMSIZE', 'SQLITE_FULL']).toContain((error as { code: string }).code);
      expect(isDiskFull(error)).toBe(true);
      expect(storageError(error, { file }).userMessage).toMatch(/kein Platz mehr/);
      const write = new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
      expect(storageError(write, { file }).userMessage).toMatch(/kein Platz mehr/);
      expect(storageError(write, { file: join(dir.path, 'x.db') }).userMessage).toMatch(/hat der Datenträger einen Fehler gemeldet/);
    } finally {
      unmount();
    }
  });
});

describe('storageError: codes that cannot be provoked here, with better-sqlite3 own error class', () => {
  const cases: [string, StorageFaultKind][] = [
    ['SQLITE_IOERR_WRITE', 'io'],
    ['SQLITE_IOERR_SHMSIZE', 'disk_full'],
    ['SQLITE_IOERR_SHORT_READ', 'io'],
    ['SQLITE_IOERR_NOMEM', 'out_of_memory'],
    ['SQLITE_READONLY_DBMOVED', 'moved'],
    ['SQLITE_READONLY_DIRECTORY', 'read_only'],
    ['SQLITE_CANTOPEN_ISDIR', 'cannot_open'],
    ['SQLITE_CORRUPT_VTAB', 'corrupt'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_PERM', 'permission'],
    ['SQLITE_TOOBIG', 'too_big'],
    ['SQLITE_MISMATCH', 'other'],
  ];
  it.each(cases)('%s is %s', (code, kind) => {
    const error = new Database.SqliteError('some text', code);
    expect(storageFault(error)).toEqual({ kind, code, message: 'some text' });
    expect(storageError(error).userMessage).toBe(STORAGE_MESSAGES[kind](undefined));
  });

  it('gives each kind its own German message', () => {
    const kinds = Object.keys(STORAGE_MESSAGES) as StorageFaultKind[];
    const messages = kinds.map((kind) => STORAGE_MESSAGES[kind]('/daten/stadtschreiber.db'));
    expect(new Set(messages).size).toBe(kinds.length);
    for (const message of messages) expect(message).not.toMatch(/SQLITE|database|disk|error/i);
  });
});

describe('storageFault: through causes and across threads', () => {
  it('finds the fault in a cause chain, so that the predicates work on an AppError that wraps it', () => {
    const full = new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    const wrapped = new AppError('unavailable', 'Indexieren fehlgeschlagen.', { cause: new Error('batch failed', { cause: full }) });
    expect(isDiskFull(wrapped)).toBe(true);
    expect(isCorrupt(wrapped)).toBe(false);
  });

  it('reads the writer thread error text, which has lost its code', () => {
    expect(storageFault('SqliteError: database or disk is full')?.kind).toBe('disk_full');
    expect(storageFault(new Error('SqliteError: database disk image is malformed'))?.kind).toBe('corrupt');
    expect(storageFault('SqliteError: fts5: corruption on page 55, segment 1, table "chunks_fts"')?.kind).toBe('corrupt');
    expect(storageFault('Error: database is locked')?.kind).toBe('busy');
    expect(isDiskFull('Error: database or disk is full')).toBe(true);
  });

  it('is null for what is no storage fault; storageError keeps an AppError and makes a bug "internal"', () => {
    expect(storageFault(new TypeError('x is undefined'))).toBeNull();
    expect(storageFault(undefined)).toBeNull();
    const app = new AppError('not_found', 'Nicht gefunden.');
    expect(storageError(app)).toBe(app);
    const bug = storageError(new TypeError('x is undefined'), { operation: 'index job write' });
    expect(bug.code).toBe('internal');
    expect(bug.userMessage).toBe('Die Datenbank hat einen unerwarteten Fehler gemeldet. Die Einzelheiten stehen in der Protokolldatei.');
    expect(bug.message).toBe('index job write failed: TypeError: x is undefined');
  });
});
