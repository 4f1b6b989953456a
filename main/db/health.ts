/**
 * Is the database sound? Two looks: the file itself before SQLite opens it
 * (empty, not a database, cut short: told apart without changing a byte),
 * and PRAGMA quick_check on an open connection (every b-tree's structure
 * and, since SQLite 3.44, FTS5's own integrity check; not whether an index
 * matches its table, which is what makes integrity_check slower). quick_check
 * reads every page (its cost per MB is in docs/performance.md), so open.ts
 * runs it only where it is cheap or needed (see OpenOptions.check).
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log';
import { isBusy, storageError, storageFault } from './sqlite-errors';
import { KEPT_TABLES } from './tables';

export const INDEX_DAMAGED_MESSAGE =
  'Der Suchindex ist beschädigt. Er kann aus den Dateien neu aufgebaut werden; Entwürfe, Einstellungen und Unterhaltungen bleiben erhalten. ' +
  'Wählen Sie dazu unter „Einstellungen“ die Schaltfläche „Suchindex neu aufbauen“ (Kommandozeile: stadtschreiber repair).';
export const DATA_DAMAGED_MESSAGE =
  'Die Datenbank ist beschädigt, nicht nur der Suchindex. Eine Reparatur übernimmt alle noch lesbaren Entwürfe, Einstellungen und Unterhaltungen in eine neue Datenbank ' +
  'und baut den Suchindex aus den Dateien neu auf; die beschädigte Datei wird daneben aufbewahrt. ' +
  'Wählen Sie dazu unter „Einstellungen“ die Schaltfläche „Suchindex neu aufbauen“ (Kommandozeile: stadtschreiber repair).';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export type FileFinding =
  | { kind: 'missing'; walBytes: number }
  | { kind: 'empty'; walBytes: number }
  | { kind: 'not_sqlite'; size: number }
  | { kind: 'truncated'; size: number; expected: number; pageSize: number; walBytes: number }
  | { kind: 'present'; size: number; pageSize: number; pages: number; userVersion: number; walBytes: number };

const sizeOf = (path: string): number | null => {
  try {
    return statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/**
 * What the file is, from its size and its 100-byte header, without SQLite
 * and without writing. "Truncated": a size that is not a whole number of
 * pages, or fewer pages than the header counts while no write-ahead log could
 * hold the rest. Throws the file system's error (EACCES …) as it is.
 */
export function inspectDatabaseFile(file: string): FileFinding {
  const walBytes = sizeOf(`${file}-wal`) ?? 0;
  const size = sizeOf(file);
  if (size === null) return { kind: 'missing', walBytes };
  if (size === 0) return { kind: 'empty', walBytes };
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  const magicLength = Math.min(read, SQLITE_MAGIC.length);
  if (!header.subarray(0, magicLength).equals(SQLITE_MAGIC.subarray(0, magicLength))) return { kind: 'not_sqlite', size };
  if (read < 100) return { kind: 'truncated', size, expected: 512, pageSize: 512, walBytes };
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return { kind: 'not_sqlite', size };
  const pages = header.readUInt32BE(28);
  // The header's page count is only kept up to date when these two counters agree (SQLite ≥ 3.7.0).
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92) && pages > 0;
  if (size % pageSize !== 0) return { kind: 'truncated', size, expected: countValid ? pages * pageSize : Math.ceil(size / pageSize) * pageSize, pageSize, walBytes };
  if (countValid && size < pages * pageSize && walBytes === 0) return { kind: 'truncated', size, expected: pages * pageSize, pageSize, walBytes };
  return { kind: 'present', size, pageSize, pages: countValid ? pages : size / pageSize, userVersion: header.readInt32BE(60), walBytes };
}

export interface HealthReport {
  state: 'ok' | 'damaged';
  /** index: only tables the next indexing job rebuilds; data: tables of the clerk's own work as well. */
  scope: 'none' | 'index' | 'data';
  /** Kept tables (see tables.ts) whose own check failed. */
  damagedTables: string[];
  /** quick_check's findings (at most maxProblems), or the error that stopped it. */
  problems: string[];
  /** German, for the clerk; null when sound. */
  message: string | null;
  ms: number;
}

const ok = (rows: { quick_check: string }[]) => rows.length === 1 && rows[0]!.quick_check === 'ok';
const lines = (rows: { quick_check: string }[]) =>
  rows.flatMap((r) => String(r.quick_check).split('\n')).filter((line) => line.trim() !== '' && !line.startsWith('*** in database'));
const text = (error: unknown) => (error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error));

/**
 * PRAGMA quick_check, and when it finds damage, the same check per kept
 * table, so that the message says whether only the index (rebuilt from the
 * files) or also the clerk's own work is affected. A check that SQLite
 * cannot even run on damaged pages counts as damage; "busy" is thrown as
 * the AppError it is. Logs the outcome when a log is given.
 */
export function checkHealth(db: Database.Database, options: { log?: Logger; maxProblems?: number } = {}): HealthReport {
  const started = performance.now();
  const max = options.maxProblems ?? 20;
  const run = (arg: string): string[] => {
    try {
      const rows = db.pragma(`quick_check(${arg})`) as { quick_check: string }[];
      return ok(rows) ? [] : lines(rows);
    } catch (error) {
      if (!storageFault(error) || isBusy(error)) throw storageError(error, { file: db.name, operation: 'quick_check' });
      return [text(error)];
    }
  };
  const problems = run(String(max)).slice(0, max);
  if (problems.length === 0) {
    const ms = Math.round(performance.now() - started);
    options.log?.info('database checked', { file: db.name, ms });
    return { state: 'ok', scope: 'none', damagedTables: [], problems, message: null, ms };
  }
  let damagedTables: string[];
  try {
    const present = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((row) => row.name));
    damagedTables = KEPT_TABLES.filter((table) => present.has(table) && run(`"${table}"`).length > 0);
  } catch (error) {
    damagedTables = ['sqlite_schema'];
    problems.push(text(error));
  }
  const scope = damagedTables.length > 0 ? 'data' : 'index';
  const ms = Math.round(performance.now() - started);
  options.log?.error('database damaged', { file: db.name, scope, damagedTables, problems, ms });
  return { state: 'damaged', scope, damagedTables, problems, message: scope === 'index' ? INDEX_DAMAGED_MESSAGE : DATA_DAMAGED_MESSAGE, ms };
}

export interface FileHealth {
  finding: FileFinding;
  /** The check of a file that opened; null when the file itself is the problem (or missing). */
  health: HealthReport | null;
  /** Whether anything is wrong: a damaged, empty, cut or foreign file, or one SQLite cannot open. */
  damaged: boolean;
  /** German: what is wrong (null when sound or missing). */
  message: string | null;
}

const FINDING_MESSAGES = {
  empty: 'Die Datenbankdatei ist leer (0 Byte).',
  not_sqlite: 'Die Datei ist keine SQLite-Datenbank.',
  truncated: 'Die Datenbankdatei ist unvollständig (abgeschnitten).',
  unopenable: 'Die Datenbank ist so beschädigt, dass sie sich nicht öffnen lässt.',
};

/**
 * The health of a database no connection of ours has open (the repair
 * command asks before it repairs): the file's look, then quick_check on a
 * read-only connection, which changes nothing (it neither checkpoints nor
 * recovers into the file). The -wal and -shm such a connection creates are
 * removed again when they were not there and stayed empty.
 */
export function checkDatabaseFile(file: string, options: { log?: Logger; nativeBinding?: string } = {}): FileHealth {
  const finding = inspectDatabaseFile(file);
  if (finding.kind === 'missing') return { finding, health: null, damaged: false, message: null };
  if (finding.kind !== 'present') return { finding, health: null, damaged: true, message: FINDING_MESSAGES[finding.kind] };
  const strays = ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix));
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    const health = checkHealth(db, options);
    return { finding, health, damaged: health.state === 'damaged', message: health.message };
  } catch (error) {
    if (!storageFault(error) || isBusy(error) || !['corrupt', 'not_a_database', 'io'].includes(storageFault(error)!.kind)) throw storageError(error, { file, operation: 'check database' });
    options.log?.error('database cannot be opened for its check', { file, error });
    return { finding, health: null, damaged: true, message: FINDING_MESSAGES.unopenable };
  } finally {
    db?.close();
    if (strays.includes('-wal') && (sizeOf(`${file}-wal`) ?? 1) === 0) for (const suffix of strays) rmSync(file + suffix, { force: true });
  }
}
