import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors';
import { formatBytes } from '../format';
import type { Logger } from '../log';
import { checkHealth, inspectDatabaseFile, type FileFinding, type HealthReport } from './health';
import { latestVersion, migrate, schemaVersionOf, tooNewError, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';
import { storageError, storageFault } from './sqlite-errors';

/** Below this size quick_check at open is cheap enough for every start (docs/performance.md). */
const CHECK_ALWAYS_BELOW_BYTES = 32 * 1024 * 1024;

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another runtime (Electron in development). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /** Where a refused database (with the reason) and the result of a health check are logged. */
  log?: Logger;
  /**
   * PRAGMA quick_check at open. 'auto': when the last session did not end
   * cleanly (a write-ahead log was left behind) or the file is small (below
   * `checkBelowBytes`); 'always'; 'never' (the default: a second connection
   * to a database the first one has opened and checked).
   */
  check?: 'auto' | 'always' | 'never';
  /** The size up to which 'auto' always checks (default CHECK_ALWAYS_BELOW_BYTES). */
  checkBelowBytes?: number;
  /** How long a statement waits for another connection's write (default 5 s: the app's own thread must not hang longer). */
  busyTimeoutMs?: number;
  /** Internal: create a missing file where it is, not under a private name first (the private build itself). */
  createInPlace?: boolean;
}

interface OpenedDatabase {
  db: Database.Database;
  /** The check made at open; null when none was made (see OpenOptions.check). */
  health: HealthReport | null;
  /** Whether this open created the database (a fresh install). */
  created: boolean;
  /** Whether a write-ahead log was left behind: the last session ended without closing, or is still running. */
  uncleanEnd: boolean;
}

const REPAIR_ADVICE =
  'Ihre IT-Betreuung kann mit dem Befehl „stadtschreiber repair“ eine neue Datenbank anlegen: Dabei werden alle noch lesbaren Entwürfe, Einstellungen und Unterhaltungen übernommen, ' +
  'und die bisherige Datei wird daneben aufbewahrt.';

const openMessages = {
  empty: (file: string, walBytes: number) =>
    `Die Datenbankdatei ${file} ist leer (0 Byte). Stadtschreiber legt an ihrer Stelle keine neue an, damit nichts verloren geht, was sich vielleicht noch retten lässt; ` +
    `die Datei wurde nicht verändert.${walBytes > 0 ? ` Daneben liegt ein Protokoll (${file}-wal, ${formatBytes(walBytes)}), das noch Daten enthalten kann.` : ''} ` +
    `Gibt es eine Sicherung, spielen Sie diese zurück. ${REPAIR_ADVICE}`,
  truncated: (file: string, size: number, expected: number) =>
    `Die Datenbankdatei ${file} ist unvollständig: Sie ist ${formatBytes(size)} groß, müsste aber ${formatBytes(expected)} groß sein ` +
    `(abgeschnitten, zum Beispiel beim Kopieren oder auf einem vollen Datenträger). Sie wurde nicht verändert. ${REPAIR_ADVICE}`,
  notADatabase: (file: string) => `Die Datei ${file} ist keine Stadtschreiber-Datenbank oder beschädigt. Sie wurde nicht verändert. ${REPAIR_ADVICE}`,
  corrupt: (file: string) => `Die Datenbank ${file} ist so beschädigt, dass sie sich nicht öffnen lässt. Sie wurde nicht verändert. ${REPAIR_ADVICE}`,
  folderUnwritable: (dir: string, code: string) =>
    `In den Datenordner ${dir} kann nicht geschrieben werden (${code === 'EROFS' ? 'das Laufwerk ist nur lesbar' : 'keine Berechtigung'}). ` +
    'Stadtschreiber braucht dort Schreibrechte für seine Datenbank und deren Protokolldateien. Bitte lassen Sie die Rechte prüfen oder wählen Sie mit STADTSCHREIBER_DATA einen anderen Datenordner.',
  fileReadOnly: (file: string, code: string) =>
    `Die Datenbankdatei ${file} ist schreibgeschützt (${code === 'EROFS' ? 'sie liegt auf einem nur lesbaren Laufwerk' : 'keine Schreibberechtigung'}). ` +
    'So könnte Stadtschreiber weder Einstellungen noch Entwürfe speichern. Bitte heben Sie den Schreibschutz auf. Die Datei wurde nicht verändert.',
};

/** Why openDatabaseChecked refused a database, per error it threw. */
const refusals = new WeakMap<AppError, string>();
/** Refusals a repair (recover.ts) is the way out of: the file is there but damaged. */
export const REPAIRABLE_REFUSALS = ['empty', 'truncated', 'not_a_database', 'corrupt'] as const;

/**
 * The reason openDatabaseChecked refused with this error (empty, truncated,
 * not_a_database, corrupt, folder_unwritable, file_read_only, disk_full …),
 * or null: the desktop shell offers the repair for REPAIRABLE_REFUSALS.
 */
export function refusalOf(error: unknown): string | null {
  return error instanceof AppError ? (refusals.get(error) ?? null) : null;
}

/** The errno why `path` cannot be written (EROFS, EACCES, EPERM), or null. As root, only a read-only file system refuses. */
function writeFault(path: string): string | null {
  try {
    accessSync(path, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return ['EROFS', 'EACCES', 'EPERM'].includes(code) ? code : null;
  }
}

/** The nearest folder of `path` that exists (mkdir -p reports ENOENT, not EROFS, below a read-only mount). */
function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/**
 * Opens (or creates) the database and brings it to the current schema.
 * A database from a newer app version is refused before anything is written
 * to it, not even a pragma that changes the file. So is every file that is
 * there but cannot be a sound database (empty, not SQLite, cut short), a
 * file or folder that cannot be written, and a file SQLite finds damaged
 * before it is open: each with its own German message, logged with the
 * reason, the file left as it was. A database that opens but whose pages
 * are damaged is opened; the health check reports it (see `check`).
 */
export function openDatabaseChecked(file: string, options: OpenOptions = {}): OpenedDatabase {
  const list = options.migrations ?? allMigrations;
  const log = options.log;
  const dir = dirname(file);
  const refuse = (reason: string, message: string, detail: string, cause?: unknown): AppError => {
    const error = new AppError('unavailable', message, { cause, detail: `database ${file} refused (${reason}): ${detail}` });
    refusals.set(error, reason);
    log?.error('database refused', { file, reason, error });
    return error;
  };
  const translate = (cause: unknown, operation: string): AppError => {
    const fault = storageFault(cause);
    const own = cause instanceof Error ? cause.message : String(cause);
    if (fault?.kind === 'not_a_database') return refuse('not_a_database', openMessages.notADatabase(file), `${fault.code} during ${operation}: ${own}`, cause);
    if (fault?.kind === 'corrupt') return refuse('corrupt', openMessages.corrupt(file), `${fault.code} during ${operation}: ${own}`, cause);
    if (fault?.kind === 'read_only' || fault?.kind === 'permission' || fault?.kind === 'cannot_open') {
      const folder = writeFault(dir);
      if (folder) return refuse('folder_unwritable', openMessages.folderUnwritable(dir, folder), `${fault.code} during ${operation}, folder: ${folder}`, cause);
      const fileFault = existsSync(file) ? writeFault(file) : null;
      if (fileFault) return refuse('file_read_only', openMessages.fileReadOnly(file, fileFault), `${fault.code} during ${operation}, file: ${fileFault}`, cause);
    }
    if (fault) {
      const error = storageError(cause, { file, operation: `open database (${operation})` });
      refusals.set(error, fault.kind);
      log?.error('database refused', { file, reason: fault.kind, error });
      return error;
    }
    const error = new AppError('internal', 'Die Datenbank konnte nicht vorbereitet werden. Die Einzelheiten stehen in der Protokolldatei.', {
      cause,
      detail: `cannot prepare database ${file} (${operation})`,
    });
    log?.error('database refused', { file, reason: 'unexpected', error });
    return error;
  };

  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    const ancestor = nearestExisting(dir);
    const fault = writeFault(ancestor);
    if (fault) throw refuse('folder_unwritable', openMessages.folderUnwritable(dir, fault), `cannot create ${dir}: ${ancestor} is not writable (${fault})`, cause);
    const error = storageError(cause, { file: dir, operation: 'create data folder' });
    log?.error('database refused', { file, reason: storageFault(cause)?.kind ?? 'unexpected', error });
    throw error;
  }
  const folderFault = writeFault(dir);
  if (folderFault) throw refuse('folder_unwritable', openMessages.folderUnwritable(dir, folderFault), `data folder ${dir} is not writable (${folderFault})`);

  let finding: FileFinding;
  try {
    finding = inspectDatabaseFile(file);
  } catch (cause) {
    throw translate(cause, 'read header');
  }
  let linked = false;
  if (finding.kind === 'missing' && !options.createInPlace) {
    linked = createAtomically(file, options);
    try {
      finding = inspectDatabaseFile(file);
    } catch (cause) {
      throw translate(cause, 'read header');
    }
  }
  if (finding.kind === 'empty') throw refuse('empty', openMessages.empty(file, finding.walBytes), `0-byte database file, write-ahead log ${finding.walBytes} bytes`);
  if (finding.kind === 'not_sqlite') throw refuse('not_a_database', openMessages.notADatabase(file), `no SQLite header in ${finding.size} bytes`);
  if (finding.kind === 'truncated') {
    throw refuse('truncated', openMessages.truncated(file, finding.size, finding.expected), `file has ${finding.size} bytes, its header counts ${finding.expected} (page size ${finding.pageSize})`);
  }
  if (finding.kind === 'present') {
    const fault = writeFault(file);
    if (fault) throw refuse('file_read_only', openMessages.fileReadOnly(file, fault), `database file is not writable (${fault})`);
  }

  const created = finding.kind === 'missing' || linked;
  const uncleanEnd = finding.walBytes > 0;
  // A fresh database that cannot be completed (a full disk) leaves nothing behind: an empty file would be refused next time.
  const inPlace = finding.kind === 'missing';
  const strays = inPlace ? ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix)) : [];
  const removeCreated = () => {
    // Only a file this very call made; a linked one may already be open in another process.
    if (!inPlace) return;
    for (const path of [file, ...strays.map((suffix) => file + suffix)]) rmSync(path, { force: true });
  };

  let db: Database.Database;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding, fileMustExist: !inPlace });
  } catch (cause) {
    removeCreated();
    throw translate(cause, 'open');
  }
  try {
    const found = schemaVersionOf(db);
    const latest = latestVersion(list);
    if (found > latest) throw tooNewError(found, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('synchronous = NORMAL');
    // 32 MiB of page cache (default 2 MiB): FTS5 segment writes during indexing touch many pages.
    db.pragma('cache_size = -32768');
    migrate(db, list);
  } catch (error) {
    db.close();
    removeCreated();
    if (error instanceof AppError) {
      refusals.set(error, error.code);
      log?.error('database refused', { file, reason: error.code, error });
      throw error;
    }
    throw translate(error, 'prepare');
  }

  const mode = options.check ?? 'never';
  const small = finding.kind === 'missing' || finding.size <= (options.checkBelowBytes ?? CHECK_ALWAYS_BELOW_BYTES);
  let health: HealthReport | null = null;
  if (mode === 'always' || (mode === 'auto' && (uncleanEnd || small))) {
    try {
      health = checkHealth(db, { log });
    } catch (error) {
      db.close();
      throw error;
    }
  }
  return { db, health, created, uncleanEnd };
}

/**
 * A new database is built under a private name and hard-linked into place,
 * so that a second process starting at the same moment never finds a
 * half-made (empty) file, which it would refuse, and the two do not both
 * create the schema. True when this process's file was linked; false when
 * another process was first (its complete file is used).
 */
function createAtomically(file: string, options: OpenOptions): boolean {
  const temp = `${file}.new-${process.pid}-${randomBytes(4).toString('hex')}`;
  const cleanUp = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(temp + suffix, { force: true });
  };
  try {
    openDatabaseChecked(temp, { ...options, check: 'never', createInPlace: true }).db.close();
  } catch (error) {
    cleanUp();
    throw error;
  }
  try {
    linkSync(temp, file);
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // A file system without hard links: renaming cannot refuse an existing file, so look first.
    if (existsSync(file)) return false;
    renameSync(temp, file);
    return true;
  } finally {
    cleanUp();
  }
}

/** openDatabaseChecked without the report: the database, open and current. */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  return openDatabaseChecked(file, options).db;
}
