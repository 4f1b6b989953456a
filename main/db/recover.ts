/**
 * The one way back from a damaged database. The damaged file (with its
 * -wal and -shm) is first copied aside, byte for byte, as
 * `stadtschreiber.db.beschaedigt-<time>`; then what can still be read of the
 * clerk's own tables (tables.ts: settings, folders, conversations and their
 * answer turns, drafts) is carried into a fresh database, table by table
 * and, past damaged pages, row by row; the index tables stay empty, so that
 * the next indexing job rebuilds them from the files. The fresh database
 * replaces the damaged one only when it is complete.
 *
 * Runs on a closed database: from the command line (`stadtschreiber
 * repair`), or at the start of the core when the app scheduled it
 * (scheduleRepair). A database another process has open is refused.
 */
import Database from 'better-sqlite3';
import { constants, copyFileSync, existsSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { AppError } from '../errors';
import { silentLogger, type Logger } from '../log';
import { inspectDatabaseFile, type FileFinding } from './health';
import { latestVersion, tooNewError, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';
import { openDatabase } from './open';
import { isBusy, isCorrupt, storageError, storageFault } from './sqlite-errors';
import { isIndexTable, isSqliteTable, KEPT_TABLES } from './tables';

export const RECOVERED_CONVERSATION_TITLE = 'Wiederhergestellte Unterhaltung';

export const IN_USE_MESSAGE =
  'Die Datenbank wird gerade benutzt (Stadtschreiber läuft noch, oder ein anderer Befehl arbeitet mit ihr). Bitte beenden Sie Stadtschreiber und versuchen Sie es erneut. Es wurde nichts verändert.';

interface TableRecovery {
  table: string;
  carried: number;
  /** Rows that could not be read or not be stored (at least this many: without an index, a damaged page's rows cannot be counted). */
  skipped: number;
  /** Whether nothing of the table could be read (its definition or first page is damaged). */
  unreadable: boolean;
}

export interface RecoveryReport {
  file: string;
  /** The damaged database as it was, beside the new one. */
  backup: string;
  /** Every file copied aside: the database and, when there were any, its -wal and -shm. */
  backupFiles: string[];
  /** Whether the damaged database could be opened at all (an empty file or one that is not SQLite cannot). */
  readable: boolean;
  tables: TableRecovery[];
  /** Answer turns whose conversation was lost: kept under a conversation titled RECOVERED_CONVERSATION_TITLE. */
  orphanTurns: number;
  /** Tables of the damaged database that are neither carried over nor part of the index (logged; still in the backup). */
  notCarried: string[];
  /** The folders carried over: the next indexing job reads them again. */
  folders: string[];
  ms: number;
}

interface RecoverOptions {
  log?: Logger;
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /** The time in the backup's name (tests). */
  now?: Date;
}

type Row = Record<string, unknown>;
interface Salvage {
  columns: string[];
  rows: Row[];
  skipped: number;
  unreadable: boolean;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const isDamage = (error: unknown) => isCorrupt(error) || storageFault(error)?.kind === 'io';
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `stadtschreiber.db.beschaedigt-2026-03-01T09-30-00`, with -2, -3 … if that name is taken. */
function backupName(file: string, now: Date): string {
  const base = `${file}.beschaedigt-${now.toISOString().slice(0, 19).replace(/:/g, '-')}`;
  let name = base;
  for (let n = 2; ['', '-wal', '-shm'].some((suffix) => existsSync(name + suffix)); n++) name = `${base}-${n}`;
  return name;
}

/**
 * The smallest rowid x > from from which `rowid > x` can be read again, or
 * null when nothing readable follows. Seeks past the damage with growing
 * steps, then back to its end: a damaged page costs its own rows only.
 */
function resumeAfter(from: number, readable: (after: number) => 'row' | 'end' | 'bad'): number | null {
  let lo = from;
  let hi: number;
  for (let step = 1; ; step *= 2) {
    hi = lo + step;
    if (hi > Number.MAX_SAFE_INTEGER) return null;
    if (readable(hi) !== 'bad') break;
    lo = hi;
  }
  while (hi - lo > 1) {
    const mid: number = lo + Math.floor((hi - lo) / 2);
    if (readable(mid) === 'bad') lo = mid;
    else hi = mid;
  }
  return readable(hi) === 'row' ? hi : null;
}

/** Every row of `table` that can still be read, in rowid order. */
function salvageTable(db: Database.Database, table: string, log: Logger): Salvage {
  const q = quote(table);
  let columns: string[];
  try {
    columns = db.prepare(`SELECT * FROM ${q} LIMIT 0`).columns().map((c) => c.name);
  } catch (error) {
    log.error('table unreadable; nothing of it carried over', { table, error });
    return { columns: [], rows: [], skipped: 0, unreadable: true };
  }
  const rows = new Map<number, Row>();
  const scan = db.prepare(`SELECT rowid AS "__rowid", * FROM ${q} WHERE rowid > ? ORDER BY rowid`);
  const first = db.prepare(`SELECT rowid AS r FROM ${q} WHERE rowid > ? ORDER BY rowid LIMIT 1`);
  const readable = (after: number): 'row' | 'end' | 'bad' => {
    try {
      return first.get(after) ? 'row' : 'end';
    } catch (error) {
      if (!isDamage(error)) throw error;
      return 'bad';
    }
  };
  let after = Number.MIN_SAFE_INTEGER;
  let gaps = 0;
  for (;;) {
    try {
      for (const row of scan.iterate(after) as Iterable<Row>) {
        const id = row.__rowid as number;
        delete row.__rowid;
        rows.set(id, row);
        after = id;
      }
      break;
    } catch (error) {
      if (!isDamage(error)) throw error;
      gaps++;
      // Rowids of our tables start at 1: before the first row read, the damage is searched from 0.
      const from = after === Number.MIN_SAFE_INTEGER ? 0 : after;
      const resume = resumeAfter(from, readable);
      log.warn('damaged rows skipped', { table, afterRowid: from, resumeAfterRowid: resume, error });
      if (resume === null) break;
      after = resume;
    }
  }
  let skipped = gaps;
  if (gaps > 0) {
    // The table's indexes hold its rowids too: rows the scan could not reach are tried one by one, and counted when lost.
    const known = new Set<number>();
    let indexed = false;
    const indexes = (() => {
      try {
        return (db.pragma(`index_list(${q})`) as { name: string; partial: number }[]).filter((i) => i.partial === 0).map((i) => i.name);
      } catch {
        return [];
      }
    })();
    for (const index of indexes) {
      try {
        for (const r of db.prepare(`SELECT rowid AS r FROM ${q} INDEXED BY ${quote(index)}`).iterate() as Iterable<{ r: number }>) known.add(r.r);
        indexed = true;
      } catch (error) {
        if (!isDamage(error)) throw error;
      }
    }
    const one = db.prepare(`SELECT * FROM ${q} WHERE rowid = ?`);
    const lost: number[] = [];
    for (const id of known) {
      if (rows.has(id)) continue;
      try {
        const row = one.get(id) as Row | undefined;
        if (row) rows.set(id, row);
        else lost.push(id);
      } catch (error) {
        if (!isDamage(error)) throw error;
        lost.push(id);
      }
    }
    if (lost.length > 0) log.warn('unreadable rows', { table, rowids: lost.slice(0, 100), count: lost.length });
    if (indexed) skipped = lost.length;
  }
  return { columns, rows: [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row), skipped, unreadable: false };
}

/** The tables the damaged database names; null when its schema cannot be read. */
function tablesOf(db: Database.Database): string[] | null {
  try {
    return db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((r) => r.name);
  } catch {
    return null;
  }
}

/**
 * Repairs the database at `file`; see the top of this file. Throws an
 * AppError (and changes nothing) when there is no database, when it comes
 * from a newer version, when another process has it open, or when the copy
 * aside cannot be written (a full disk).
 */
export function recoverDatabase(file: string, options: RecoverOptions = {}): RecoveryReport {
  const started = performance.now();
  const log = options.log ?? silentLogger;
  const list = options.migrations ?? allMigrations;
  let finding: FileFinding;
  try {
    finding = inspectDatabaseFile(file);
  } catch (cause) {
    throw storageError(cause, { file, operation: 'inspect database for repair' });
  }
  if (finding.kind === 'missing') {
    throw new AppError('not_found', `Unter ${file} gibt es keine Datenbank; es gibt nichts zu reparieren.`, { detail: `repair: no database at ${file}` });
  }
  if (finding.kind === 'present' && finding.userVersion > latestVersion(list)) throw tooNewError(finding.userVersion, latestVersion(list));

  const backup = backupName(file, options.now ?? new Date());
  const backupFiles: string[] = [];
  const dropBackup = () => {
    for (const path of backupFiles) rmSync(path, { force: true });
  };
  try {
    for (const suffix of ['', '-wal', '-shm']) {
      if (!existsSync(file + suffix)) continue;
      copyFileSync(file + suffix, backup + suffix, constants.COPYFILE_EXCL);
      backupFiles.push(backup + suffix);
    }
  } catch (cause) {
    dropBackup();
    throw storageError(cause, { file: backup, operation: 'copy the damaged database aside' });
  }

  // Read the damaged database, holding it exclusively: no one else may use it meanwhile.
  let damaged: Database.Database | null = null;
  if (finding.kind === 'present' || finding.kind === 'truncated') {
    try {
      // A file cut short: what is missing reads as zeros, so the pages before the cut can be read (the copy aside keeps the cut file).
      if (finding.kind === 'truncated') truncateSync(file, finding.expected);
      damaged = new Database(file, { nativeBinding: options.nativeBinding, fileMustExist: true, timeout: 0 });
      damaged.pragma('locking_mode = EXCLUSIVE');
      damaged.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      damaged?.close();
      damaged = null;
      if (isBusy(error)) {
        dropBackup();
        log.warn('repair refused: database in use', { file, error });
        throw new AppError('unavailable', IN_USE_MESSAGE, { cause: error, detail: `repair of ${file}: database is in use` });
      }
      log.error('damaged database cannot be opened; a fresh one is created', { file, error });
    }
  } else {
    log.error('damaged database has no readable content; a fresh one is created', { file, finding: finding.kind });
  }

  const fresh = `${file}.neu-${backup.slice(`${file}.beschaedigt-`.length)}`;
  const removeFresh = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(fresh + suffix, { force: true });
  };
  const names = damaged ? tablesOf(damaged) : null;
  const salvaged = new Map<string, Salvage>();
  const tables: TableRecovery[] = [];
  let orphanTurns = 0;
  let notCarried: string[];
  try {
    for (const table of KEPT_TABLES) {
      const absent = names !== null && !names.includes(table);
      salvaged.set(table, damaged && !absent ? salvageTable(damaged, table, log) : { columns: [], rows: [], skipped: 0, unreadable: damaged === null || names === null });
    }
    notCarried = (names ?? []).filter((name) => !(KEPT_TABLES as readonly string[]).includes(name) && !isIndexTable(name) && !isSqliteTable(name));
    if (notCarried.length > 0) log.warn('tables not carried over (they stay in the backup)', { tables: notCarried, backup });

    removeFresh();
    const db = openDatabase(fresh, { nativeBinding: options.nativeBinding, migrations: list });
    try {
      db.transaction(() => {
        // The conversations actually stored: a turn of any other conversation is adopted (adoptOrphans).
        const conversationIds = new Set<unknown>();
        for (const table of KEPT_TABLES) {
          const { columns, rows, skipped, unreadable } = salvaged.get(table)!;
          const target = new Set((db.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name));
          const shared = columns.filter((c) => target.has(c));
          const result: TableRecovery = { table, carried: 0, skipped, unreadable };
          tables.push(result);
          if (shared.length === 0 || rows.length === 0) continue;
          if (table === 'answer_turns' && shared.includes('conversation_id')) orphanTurns = adoptOrphans(db, rows, conversationIds);
          const insert = db.prepare(`INSERT INTO ${quote(table)} (${shared.map(quote).join(', ')}) VALUES (${shared.map(() => '?').join(', ')})`);
          for (const row of rows) {
            try {
              insert.run(shared.map((c) => row[c]));
              result.carried++;
              if (table === 'conversations') conversationIds.add(row.id);
            } catch (error) {
              result.skipped++;
              log.warn('row not carried over', { table, id: row.id ?? row.key ?? null, error: messageOf(error) });
            }
          }
        }
      }).immediate();
    } finally {
      db.close();
    }
    if (damaged) {
      try {
        damaged.exec('ROLLBACK');
      } catch {
        // A damaged database may refuse even this; closing ends the transaction.
      }
      damaged.close();
      damaged = null;
    }
    // The old log would be replayed into the new file: it goes first; the new file then replaces the old one in one step.
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    renameSync(fresh, file);
    for (const suffix of ['-wal', '-shm']) if (existsSync(fresh + suffix)) renameSync(fresh + suffix, file + suffix);
  } catch (error) {
    damaged?.close();
    removeFresh();
    const failure = storageError(error, { file, operation: 'repair database' });
    log.error('repair failed; the damaged database stays in place', { file, backup, error: failure });
    throw failure;
  }

  const report: RecoveryReport = {
    file,
    backup,
    backupFiles,
    readable: names !== null,
    tables,
    orphanTurns,
    notCarried,
    folders: salvaged.get('folders')!.rows.map((r) => String(r.path)),
    ms: Math.round(performance.now() - started),
  };
  log.info('database repaired', { ...report });
  return report;
}

/** Turns whose conversation was lost get a conversation of their own again (same id), so that none is dropped. */
function adoptOrphans(db: Database.Database, turns: Row[], conversationIds: Set<unknown>): number {
  const orphans = new Map<unknown, Row[]>();
  for (const turn of turns) {
    if (conversationIds.has(turn.conversation_id)) continue;
    orphans.set(turn.conversation_id, [...(orphans.get(turn.conversation_id) ?? []), turn]);
  }
  const insert = db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)');
  let count = 0;
  for (const [id, list] of orphans) {
    if (typeof id !== 'number') continue;
    const times = list.map((t) => String(t.created_at ?? '')).filter(Boolean).sort();
    const now = new Date().toISOString();
    insert.run(id, RECOVERED_CONVERSATION_TITLE, times[0] ?? now, times[times.length - 1] ?? now);
    conversationIds.add(id);
    count += list.length;
  }
  return count;
}

/* ------------------------------------------------------- repair at start */

/** The marker of a repair the app asked for: it runs when the core starts next, before the database is opened. */
export const repairMarker = (file: string) => `${file}.reparatur-angefordert`;

export function scheduleRepair(file: string, now = new Date()): void {
  try {
    writeFileSync(repairMarker(file), JSON.stringify({ requestedAt: now.toISOString() }) + '\n');
  } catch (cause) {
    throw storageError(cause, { file: repairMarker(file), operation: 'schedule repair' });
  }
}

export const repairScheduled = (file: string) => existsSync(repairMarker(file));

/**
 * Runs a scheduled repair, if there is one: null when none was scheduled.
 * A failed repair is logged and not tried again (the marker goes), unless
 * the database was in use, which the next start may not find.
 */
export function runScheduledRepair(file: string, options: RecoverOptions = {}): { report: RecoveryReport } | { error: AppError } | null {
  if (!repairScheduled(file)) return null;
  const log = options.log ?? silentLogger;
  try {
    const report = recoverDatabase(file, options);
    rmSync(repairMarker(file), { force: true });
    return { report };
  } catch (cause) {
    const error = storageError(cause, { file, operation: 'scheduled repair' });
    if (!isBusy(error)) rmSync(repairMarker(file), { force: true });
    log.error('scheduled repair failed', { file, error });
    return { error };
  }
}

/* ------------------------------------------------------- what it did, in German */

const NOUNS: Record<string, [string, string]> = {
  settings: ['Einstellung', 'Einstellungen'],
  folders: ['Ordner', 'Ordner'],
  conversations: ['Unterhaltung', 'Unterhaltungen'],
  answer_turns: ['Antwort', 'Antworten'],
  drafts: ['Entwurf', 'Entwürfe'],
};
const counted = (table: string, n: number) => `${n} ${NOUNS[table]?.[n === 1 ? 0 : 1] ?? table}`;

/** The report for the clerk, sentence by sentence (the CLI prints them as lines, the app as one paragraph). */
export function recoverySentences(report: RecoveryReport): string[] {
  const carried = report.tables.filter((t) => t.carried > 0).map((t) => counted(t.table, t.carried));
  const skipped = report.tables.filter((t) => t.skipped > 0).map((t) => counted(t.table, t.skipped));
  const unreadable = report.tables.filter((t) => t.unreadable && t.carried === 0).map((t) => NOUNS[t.table]?.[1] ?? t.table);
  return [
    `Die Datenbank wurde neu angelegt. Die bisherige Datei liegt unverändert unter ${report.backup}.`,
    !report.readable
      ? 'Aus der bisherigen Datei ließ sich nichts lesen; die neue Datenbank ist leer.'
      : carried.length > 0
        ? `Übernommen: ${carried.join(', ')}.`
        : 'Es gab nichts zu übernehmen.',
    ...(skipped.length > 0 ? [`Nicht lesbar und übersprungen: mindestens ${skipped.join(', ')} (Einzelheiten in der Protokolldatei).`] : []),
    ...(report.readable && unreadable.length > 0 ? [`Nicht lesbar: alle ${unreadable.join(', ')}.`] : []),
    ...(report.orphanTurns > 0 ? [`${counted('answer_turns', report.orphanTurns)} ohne ihre Unterhaltung stehen unter „${RECOVERED_CONVERSATION_TITLE}“.`] : []),
    'Der Suchindex ist leer und wird beim nächsten Einlesen der Ordner aus den Dateien neu aufgebaut.',
  ];
}
