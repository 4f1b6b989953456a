/**
 * What a storage failure means for the clerk. better-sqlite3 throws a
 * SqliteError whose `code` is SQLite's extended result code
 * (SQLITE_FULL, SQLITE_READONLY_DBMOVED, SQLITE_CORRUPT_VTAB …); Node's fs
 * throws errors with an errno `code` (ENOSPC, EROFS …). Both, wherever they
 * sit in a `cause` chain, become one AppError with a German message per kind
 * and an English detail for the log. The writer thread reports its errors as
 * text ("SqliteError: database or disk is full"): SQLite's fixed result texts
 * are recognised too.
 */
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors';
import type { ErrorCode } from '../contract';

export type StorageFaultKind =
  | 'disk_full'
  | 'read_only'
  | 'moved'
  | 'permission'
  | 'cannot_open'
  | 'corrupt'
  | 'not_a_database'
  | 'io'
  | 'busy'
  | 'locked'
  | 'constraint'
  | 'out_of_memory'
  | 'too_big'
  | 'other';

interface StorageFault {
  kind: StorageFaultKind;
  /** The code as thrown (SQLITE_READONLY_DBMOVED, ENOSPC), or the SQLite code its text stands for. */
  code: string;
  /** The thrown error's own (English) message. */
  message: string;
}

/** sqlite3_errstr texts: what is left of a SqliteError that crossed a thread as a string. */
const SQLITE_TEXTS: [RegExp, string][] = [
  [/database or disk is full/i, 'SQLITE_FULL'],
  [/attempt to write a readonly database/i, 'SQLITE_READONLY'],
  [/database disk image is malformed/i, 'SQLITE_CORRUPT'],
  [/fts5: corruption/i, 'SQLITE_CORRUPT_VTAB'],
  [/file is not a database/i, 'SQLITE_NOTADB'],
  [/database table is locked/i, 'SQLITE_LOCKED'],
  [/database is locked/i, 'SQLITE_BUSY'],
  [/disk I\/O error/i, 'SQLITE_IOERR'],
  [/unable to open database file/i, 'SQLITE_CANTOPEN'],
  [/access permission denied/i, 'SQLITE_PERM'],
  [/constraint failed/i, 'SQLITE_CONSTRAINT'],
  [/string or blob too big/i, 'SQLITE_TOOBIG'],
];

function kindOfCode(code: string): StorageFaultKind | null {
  if (code.startsWith('SQLITE_')) {
    // SHMSIZE: the -shm file could not grow, in practice because the disk is full (seen on a full tmpfs).
    if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE') return 'disk_full';
    if (code === 'SQLITE_READONLY_DBMOVED') return 'moved';
    if (code.startsWith('SQLITE_READONLY')) return 'read_only';
    if (code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'permission';
    if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot_open';
    if (code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
    if (code === 'SQLITE_NOTADB') return 'not_a_database';
    if (code === 'SQLITE_IOERR_NOMEM' || code === 'SQLITE_NOMEM') return 'out_of_memory';
    if (code.startsWith('SQLITE_IOERR')) return 'io';
    if (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_PROTOCOL') return 'busy';
    if (code.startsWith('SQLITE_LOCKED')) return 'locked';
    if (code.startsWith('SQLITE_CONSTRAINT')) return 'constraint';
    if (code === 'SQLITE_TOOBIG') return 'too_big';
    return 'other';
  }
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'disk_full';
    case 'EROFS':
      return 'read_only';
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'ENOENT':
    case 'ENOTDIR':
    case 'EISDIR':
      return 'cannot_open';
    case 'EIO':
      return 'io';
    case 'EBUSY':
      return 'busy';
    case 'ENOMEM':
      return 'out_of_memory';
    default:
      return null;
  }
}

/** The storage fault an error (or an error's text) stands for, looking through its causes; null if it is none. */
export function storageFault(error: unknown): StorageFault | null {
  const seen = new Set<unknown>();
  for (let current = error; current !== undefined && current !== null && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    if (typeof current === 'string') return faultOfText(current);
    if (typeof current !== 'object') return null;
    const { code, message } = current as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string') {
      const kind = kindOfCode(code);
      if (kind) return { kind, code, message: text };
    }
    if (!(current instanceof AppError)) {
      const fromText = faultOfText(text);
      if (fromText) return fromText;
    }
  }
  return null;
}

function faultOfText(text: string): StorageFault | null {
  for (const [pattern, code] of SQLITE_TEXTS) if (pattern.test(text)) return { kind: kindOfCode(code)!, code, message: text };
  return null;
}

const is = (...kinds: StorageFaultKind[]) => (error: unknown) => {
  const kind = storageFault(error)?.kind;
  return kind !== undefined && kinds.includes(kind);
};
/** No space left (SQLITE_FULL, ENOSPC, a quota): what was written before is still there. */
export const isDiskFull = is('disk_full');
/** Another connection or statement holds the database: worth trying again in a moment. */
export const isBusy = is('busy', 'locked');
/** The file's content is damaged (or not a database at all): a repair is the way out. */
export const isCorrupt = is('corrupt', 'not_a_database');
/** Writing is refused by the file system, the file's rights or an open in read-only mode. */
export const isReadOnly = is('read_only', 'permission');

interface StorageContext {
  /** The file or folder concerned (shown to the clerk where it helps, always logged). */
  file?: string;
  /** What was being done, in English, for the log: "index job write", "save draft". */
  operation?: string;
}

const REPAIR_HINT = 'Unter „Einstellungen“ kann sie mit „Suchindex neu aufbauen“ repariert werden (Kommandozeile: stadtschreiber repair).';

/** The German message per kind; `where` is the file or folder named to the clerk. */
export const STORAGE_MESSAGES: Record<StorageFaultKind, (where: string | undefined) => string> = {
  disk_full: (where) =>
    `Auf dem Datenträger ist kein Platz mehr. Bitte geben Sie Speicherplatz frei${where ? ` (die Daten liegen unter ${where})` : ''} und versuchen Sie es erneut. Bereits gespeicherte Daten bleiben erhalten.`,
  read_only: (where) =>
    `Stadtschreiber kann nicht speichern: ${where ? `${where} ist` : 'Die Datenbank ist'} schreibgeschützt oder liegt auf einem nur lesbaren Laufwerk. Bitte lassen Sie Schreibrechte einrichten oder wählen Sie einen anderen Datenordner.`,
  moved: () => 'Die Datenbankdatei wurde verschoben oder gelöscht, während Stadtschreiber lief. Bitte starten Sie Stadtschreiber neu.',
  permission: (where) =>
    `Stadtschreiber hat keine Berechtigung, auf ${where ?? 'den Datenordner'} zuzugreifen. Bitte lassen Sie die Zugriffsrechte prüfen.`,
  cannot_open: (where) =>
    `${where ? `${where} kann` : 'Die Datenbank kann'} nicht geöffnet werden: Der Datenordner ist nicht erreichbar oder nicht beschreibbar (zum Beispiel ein getrenntes Netzlaufwerk). Bitte prüfen Sie den Ordner und versuchen Sie es erneut.`,
  corrupt: () =>
    `Die Datenbank ist beschädigt; der Vorgang wurde abgebrochen. ${REPAIR_HINT} Dabei werden Entwürfe, Einstellungen und Unterhaltungen übernommen, soweit sie lesbar sind, und die beschädigte Datei wird aufbewahrt.`,
  not_a_database: (where) => `Die Datei ${where ? `${where} ` : ''}ist keine Stadtschreiber-Datenbank oder beschädigt. Sie wurde nicht verändert.`,
  io: () =>
    'Beim Lesen oder Schreiben der Datenbank hat der Datenträger einen Fehler gemeldet (zum Beispiel ein defektes Laufwerk oder eine unterbrochene Netzwerkverbindung). Bitte prüfen Sie das Laufwerk und versuchen Sie es erneut.',
  busy: () =>
    'Die Datenbank ist gerade durch einen anderen Vorgang belegt (zum Beispiel eine zweite Stadtschreiber-Sitzung oder die Kommandozeile). Bitte versuchen Sie es in einem Moment erneut.',
  locked: () => 'Die Datenbank ist durch einen laufenden Vorgang dieser Sitzung gesperrt. Bitte versuchen Sie es gleich noch einmal.',
  constraint: () => 'Die Daten konnten nicht gespeichert werden, weil sie einer Regel der Datenbank widersprechen. Die Einzelheiten stehen in der Protokolldatei.',
  out_of_memory: () => 'Der Arbeitsspeicher reicht für diesen Vorgang nicht aus. Bitte schließen Sie andere Programme und versuchen Sie es erneut.',
  too_big: () => 'Ein Eintrag ist zu groß, um in der Datenbank gespeichert zu werden.',
  other: () => 'Die Datenbank hat einen unerwarteten Fehler gemeldet. Die Einzelheiten stehen in der Protokolldatei.',
};

const CODES: Record<StorageFaultKind, ErrorCode> = {
  disk_full: 'unavailable',
  read_only: 'unavailable',
  moved: 'unavailable',
  permission: 'unavailable',
  cannot_open: 'unavailable',
  corrupt: 'unavailable',
  not_a_database: 'unavailable',
  io: 'unavailable',
  busy: 'unavailable',
  locked: 'unavailable',
  constraint: 'internal',
  out_of_memory: 'unavailable',
  too_big: 'invalid_argument',
  other: 'internal',
};

/** Whether the file system holding `path` (or its folder) has no free block left for us. */
function noSpaceLeft(path: string): boolean {
  try {
    const stats = statfsSync(existsSync(path) ? path : dirname(path));
    return stats.bavail === 0;
  } catch {
    return false;
  }
}

/**
 * Any error of a storage operation as an AppError: an AppError stays as it
 * is; a storage fault gets its kind's German message; anything else (a bug)
 * becomes "internal" with the generic message. The English detail names the
 * operation, the file, the code and SQLite's or the system's own text.
 */
export function storageError(error: unknown, context: StorageContext = {}): AppError {
  if (error instanceof AppError) return error;
  let fault = storageFault(error);
  const where = context.file;
  // An I/O error on a disk without a free block is the full disk (SQLite reports some write paths as SQLITE_IOERR_*).
  if (fault?.kind === 'io' && where && noSpaceLeft(where)) fault = { ...fault, kind: 'disk_full' };
  const operation = context.operation ?? 'database operation';
  const own = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (!fault) {
    return new AppError('internal', STORAGE_MESSAGES.other(where), { cause: error, detail: `${operation}${where ? ` on ${where}` : ''} failed: ${own}` });
  }
  return new AppError(CODES[fault.kind], STORAGE_MESSAGES[fault.kind](where), {
    cause: error,
    detail: `${operation}${where ? ` on ${where}` : ''} failed (${fault.kind}, ${fault.code}): ${own}`,
  });
}
