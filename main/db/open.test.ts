import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../e2e/fixtures/app-error';
import { workDatabase } from '../../e2e/fixtures/work-database';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { DATA_DAMAGED_MESSAGE, INDEX_DAMAGED_MESSAGE } from './health';
import type { Migration } from './migrate';
import { migrations } from './migrations';
import { openDatabase, openDatabaseChecked, refusalOf, REPAIRABLE_REFUSALS } from './open';
import { breakPage, makeReadOnly, overwrite, pagesOf, recordingLog, scrambleFts, smallDisk } from './test-faults';

const work = workDatabase({ drafts: 120 });

const dataDir = (options: { empty?: boolean } = {}) => work.dataDir(options);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const refusals = (entries: ReturnType<typeof recordingLog>['entries']) => entries.filter((e) => e.message === 'database refused').map((e) => e.data?.reason);

describe('openDatabaseChecked: a fresh install and an empty file are not the same', () => {
  it('creates the database where there is none (a fresh install), and checks it', () => {
    const { file } = dataDir({ empty: true });
    const { log, entries } = recordingLog();
    const opened = openDatabaseChecked(file, { log, check: 'auto' });
    expect(opened.created).toBe(true);
    expect(opened.health).toMatchObject({ state: 'ok', scope: 'none', message: null });
    opened.db.close();
    expect(entries.map((e) => e.message)).toEqual(['database checked']);
  });

  it('refuses a 0-byte database file, with a German message and a log line, and leaves it (and its -wal) untouched', async () => {
    const { file } = dataDir({ empty: true });
    writeFileSync(file, '');
    writeFileSync(`${file}-wal`, Buffer.alloc(4152, 7));
    const before = { mtime: statSync(file).mtimeMs, wal: sha(`${file}-wal`) };
    const { log, entries } = recordingLog();
    const error = await appErrorOf(() => openDatabaseChecked(file, { log, check: 'auto' }));
    expect(error.code).toBe('unavailable');
    expect(error.userMessage).toMatch(/^Die Datenbankdatei .*stadtschreiber\.db ist leer \(0 Byte\)\. Stadtschreiber legt an ihrer Stelle keine neue an/);
    expect(error.userMessage).toMatch(/Daneben liegt ein Protokoll \(.*-wal, 4,2 KB\), das noch Daten enthalten kann/);
    expect(error.userMessage).toMatch(/stadtschreiber repair/);
    expect(error.message).toMatch(/refused \(empty\): 0-byte database file, write-ahead log 4152 bytes/);
    expect(refusals(entries)).toEqual(['empty']);
    expect(statSync(file).size).toBe(0);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
    expect(sha(`${file}-wal`)).toBe(before.wal);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  it('leaves nothing behind when a fresh database cannot be completed (SQLITE_FULL), so the next start is a fresh install again', async () => {
    const { dir, file } = dataDir({ empty: true });
    const filling: Migration = {
      version: 1,
      name: 'fills the disk',
      up: (db) => {
        db.pragma('max_page_count = 3');
        db.exec('CREATE TABLE a (x BLOB); CREATE TABLE b (x BLOB); CREATE TABLE c (x BLOB); INSERT INTO a VALUES (randomblob(20000))');
      },
    };
    const { log, entries } = recordingLog();
    const error = await appErrorOf(() => openDatabaseChecked(file, { log, migrations: [filling] }));
    expect(error.userMessage).toMatch(/^Auf dem Datenträger ist kein Platz mehr\..*Bereits gespeicherte Daten bleiben erhalten\.$/);
    expect(refusals(entries)).toEqual(['disk_full']);
    expect(readdirSync(dir)).toEqual([]);
    openDatabase(file).close();
  });

  it('on a really full disk (a 64 KB tmpfs): a German message, and no empty file left to be refused later', async (ctx) => {
    const { dir, file } = dataDir({ empty: true });
    const unmount = smallDisk(dir, '64k');
    if (!unmount) return ctx.skip();
    try {
      writeFileSync(join(dir, 'ballast'), Buffer.alloc(40 * 1024));
      const error = await appErrorOf(() => openDatabaseChecked(file, {}));
      expect(error.userMessage).toMatch(/kein Platz mehr/);
      expect(readdirSync(dir)).toEqual(['ballast']);
    } finally {
      unmount();
    }
  });
});

describe('openDatabaseChecked: damaged files are told apart and left as they are', () => {
  it('refuses a database cut in the middle (truncated), naming both sizes', async () => {
    const { file } = dataDir();
    truncateSync(file, Math.floor(statSync(file).size / 2) + 1000);
    const before = sha(file);
    const { log, entries } = recordingLog();
    const error = await appErrorOf(() => openDatabaseChecked(file, { log, check: 'auto' }));
    expect(error.userMessage).toMatch(/^Die Datenbankdatei .* ist unvollständig: Sie ist .* groß, müsste aber .* groß sein \(abgeschnitten/);
    expect(error.userMessage).toMatch(/Sie wurde nicht verändert\..*stadtschreiber repair/);
    expect(error.message).toMatch(/refused \(truncated\): file has \d+ bytes, its header counts \d+ \(page size 4096\)/);
    expect(refusals(entries)).toEqual(['truncated']);
    expect(sha(file)).toBe(before);
  });

  it('refuses a database cut at a page boundary too (the header counts more pages)', async () => {
    const { file } = dataDir();
    truncateSync(file, 4096 * Math.floor(statSync(file).size / 4096 / 2));
    expect((await appErrorOf(() => openDatabaseChecked(file))).userMessage).toMatch(/ist unvollständig/);
  });

  it('refuses a file that is not a database, with its reason in the log', async () => {
    const { file } = dataDir({ empty: true });
    writeFileSync(file, 'Sehr geehrte Frau Muster, '.repeat(300));
    const before = sha(file);
    const { log, entries } = recordingLog();
    const error = await appErrorOf(() => openDatabaseChecked(file, { log }));
    expect(error.userMessage).toMatch(/ist keine Stadtschreiber-Datenbank oder beschädigt\. Sie wurde nicht verändert\./);
    expect(refusals(entries)).toEqual(['not_a_database']);
    expect(sha(file)).toBe(before);
  });

  it('refuses a database whose schema page is damaged (SQLITE_CORRUPT before it is open)', async () => {
    const { file } = dataDir();
    overwrite(file, 1, 100, 64, 0xff);
    const before = sha(file);
    const { log, entries } = recordingLog();
    const error = await appErrorOf(() => openDatabaseChecked(file, { log }));
    expect(error.userMessage).toMatch(/^Die Datenbank .* ist so beschädigt, dass sie sich nicht öffnen lässt\. Sie wurde nicht verändert\./);
    expect(refusals(entries)).toEqual(['corrupt']);
    expect(entries[0]!.data!.error).toBeInstanceOf(Error);
    expect(((entries[0]!.data!.error as Error).cause as { code: string }).code).toMatch(/^SQLITE_CORRUPT/);
    expect(sha(file)).toBe(before);
  });

  it('opens a database with a damaged FTS page and reports the index as damaged, not "0 Probleme"', () => {
    const { file } = dataDir();
    scrambleFts(file);
    const { log, entries } = recordingLog();
    const { db, health } = openDatabaseChecked(file, { log, check: 'auto' });
    db.close();
    expect(health).toMatchObject({ state: 'damaged', scope: 'index', damagedTables: [], message: INDEX_DAMAGED_MESSAGE });
    expect(health!.problems.join('\n')).toMatch(/fts5: corruption/);
    expect(INDEX_DAMAGED_MESSAGE).toMatch(/^Der Suchindex ist beschädigt\. Er kann aus den Dateien neu aufgebaut werden; Entwürfe, Einstellungen und Unterhaltungen bleiben erhalten\./);
    expect(entries.find((e) => e.message === 'database damaged')?.data).toMatchObject({ scope: 'index' });
  });

  it('reports a damaged chunk page as damage of the index', () => {
    const { file } = dataDir();
    breakPage(file, pagesOf(file, 'chunks')[5]!);
    const { db, health } = openDatabaseChecked(file, { check: 'auto' });
    db.close();
    expect(health).toMatchObject({ state: 'damaged', scope: 'index', message: INDEX_DAMAGED_MESSAGE });
    // SQLite lists what it found, or stops at the first page it cannot read.
    expect(health!.problems.join('\n')).toMatch(/Tree \d+ page \d+|database disk image is malformed/);
  });

  it('reports a damaged drafts page as damage of the clerk’s data, naming the table', () => {
    const { file } = dataDir();
    breakPage(file, pagesOf(file, 'drafts')[2]!);
    const { db, health } = openDatabaseChecked(file, { check: 'auto' });
    db.close();
    expect(health).toMatchObject({ state: 'damaged', scope: 'data', damagedTables: ['drafts'], message: DATA_DAMAGED_MESSAGE });
  });
});

describe('refusalOf: what the desktop shell offers a repair for', () => {
  it('names the reason of each refusal; the damaged files are the repairable ones', async () => {
    const empty = dataDir({ empty: true }).file;
    writeFileSync(empty, '');
    const cut = dataDir().file;
    truncateSync(cut, 50_000);
    const letter = dataDir({ empty: true }).file;
    writeFileSync(letter, 'Kein SQLite. '.repeat(100));
    const reasons = [];
    for (const file of [empty, cut, letter]) reasons.push(refusalOf(await appErrorOf(() => openDatabaseChecked(file))));
    expect(reasons).toEqual(['empty', 'truncated', 'not_a_database']);
    for (const reason of reasons) expect(REPAIRABLE_REFUSALS).toContain(reason);
    expect(refusalOf(new Error('x'))).toBeNull();
  });
});

describe('openDatabaseChecked: what cannot be written', () => {
  it('refuses a read-only data folder holding the database', async (ctx) => {
    const { dir, file } = dataDir();
    const undo = makeReadOnly(dir);
    if (!undo) return ctx.skip();
    const { log, entries } = recordingLog();
    try {
      const error = await appErrorOf(() => openDatabaseChecked(file, { log }));
      expect(error.userMessage).toMatch(new RegExp(`^In den Datenordner ${dir} kann nicht geschrieben werden \\((das Laufwerk ist nur lesbar|keine Berechtigung)\\)\\.`));
      expect(refusals(entries)).toEqual(['folder_unwritable']);
    } finally {
      undo();
    }
    expect(sha(file)).toBe(sha(work.pristine));
    expect(readdirSync(dir)).toEqual(['stadtschreiber.db']);
  });

  it('refuses a fresh install in a read-only folder, and one whose data folder cannot be created', async (ctx) => {
    const { dir } = dataDir({ empty: true });
    const undo = makeReadOnly(dir);
    if (!undo) return ctx.skip();
    try {
      const fresh = await appErrorOf(() => openDatabaseChecked(join(dir, 'stadtschreiber.db')));
      expect(fresh.userMessage).toMatch(/^In den Datenordner .* kann nicht geschrieben werden/);
      const below = join(dir, 'Stadtschreiber', 'daten');
      const nested = await appErrorOf(() => openDatabaseChecked(join(below, 'stadtschreiber.db')));
      expect(nested.userMessage).toMatch(new RegExp(`^In den Datenordner ${below} kann nicht geschrieben werden`));
      expect(nested.message).toMatch(/is not writable/);
    } finally {
      undo();
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a read-only database file in a writable folder', async (ctx) => {
    const { file } = dataDir();
    const undo = makeReadOnly(file);
    if (!undo) return ctx.skip();
    const { log, entries } = recordingLog();
    try {
      const error = await appErrorOf(() => openDatabaseChecked(file, { log }));
      expect(error.userMessage).toMatch(/^Die Datenbankdatei .* ist schreibgeschützt \((sie liegt auf einem nur lesbaren Laufwerk|keine Schreibberechtigung)\)\./);
      expect(refusals(entries)).toEqual(['file_read_only']);
    } finally {
      undo();
    }
    expect(sha(file)).toBe(sha(work.pristine));
  });
});

describe('openDatabaseChecked: when quick_check runs', () => {
  it("'never' is the default: a second connection does not check again", () => {
    const { file } = dataDir();
    const opened = openDatabaseChecked(file);
    expect(opened.health).toBeNull();
    opened.db.close();
  });

  it("'auto' checks a small file, skips a large one after a clean end, and checks it after an unclean end", () => {
    const { file } = dataDir();
    const small = openDatabaseChecked(file, { check: 'auto' });
    expect(small.health?.state).toBe('ok');
    small.db.close();

    const clean = openDatabaseChecked(file, { check: 'auto', checkBelowBytes: 0 });
    expect([clean.uncleanEnd, clean.health]).toEqual([false, null]);
    clean.db.close();

    // A session that has not closed leaves its write-ahead log: the next open checks.
    const running = new Database(file);
    running.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('ollamaHost', '\"\"', 'now')").run();
    const after = openDatabaseChecked(file, { check: 'auto', checkBelowBytes: 0 });
    expect(after.uncleanEnd).toBe(true);
    expect(after.health?.state).toBe('ok');
    after.db.close();
    running.close();
  });

  it('the check is the whole schema: a fresh database has every migration', () => {
    const { file } = dataDir({ empty: true });
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });
});

describe('the busy timeout', () => {
  it('is 5 s by default and what the caller asks for otherwise', () => {
    const dir = tempDir();
    try {
      const first = openDatabase(join(dir.path, 'a.db'));
      const second = openDatabase(join(dir.path, 'b.db'), { busyTimeoutMs: 30_000 });
      expect(first.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(second.pragma('busy_timeout', { simple: true })).toBe(30_000);
      first.close();
      second.close();
    } finally {
      dir.remove();
    }
  });
});

describe('two processes creating the database at the same moment', () => {
  it('a new database appears only complete, under its name; the one that comes second uses the first one’s file', () => {
    const { file } = dataDir({ empty: true });
    const seen: string[] = [];
    let rival: Database.Database | null = null;
    // While this process builds its database, "another process" finishes its own and puts it in place first.
    const racing: Migration[] = [
      ...migrations,
      {
        version: migrations.at(-1)!.version + 1,
        name: 'rival wins the race',
        up() {
          seen.push(existsSync(file) ? 'target present' : 'target absent');
          if (!rival) {
            rival = openDatabase(file, { migrations, createInPlace: true });
            rival.exec("CREATE TABLE rival_marker (x); INSERT INTO rival_marker VALUES ('first')");
          }
        },
      },
    ];
    const opened = openDatabaseChecked(file, { migrations: racing });
    try {
      // The build ran under a private name: the target did not exist, not even empty.
      expect(seen[0]).toBe('target absent');
      expect(opened.created).toBe(false);
      expect(opened.db.prepare('SELECT x FROM rival_marker').get()).toEqual({ x: 'first' });
      expect(readdirSync(dirname(file)).filter((name) => name.includes('.new-'))).toEqual([]);
    } finally {
      opened.db.close();
      (rival as Database.Database | null)?.close();
    }
  });

  it('alone, the database is built privately and linked into place', () => {
    const { file } = dataDir({ empty: true });
    const opened = openDatabaseChecked(file);
    try {
      expect(opened.created).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(0);
      expect(readdirSync(dirname(file)).filter((name) => name.includes('.new-'))).toEqual([]);
    } finally {
      opened.db.close();
    }
  });
});
