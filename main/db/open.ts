import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors';
import { latestVersion, migrate, schemaVersionOf, tooNewError, type Migration } from './migrate';
import { migrations as allMigrations } from './migrations';

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for another runtime (Electron in development). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

/**
 * Opens (or creates) the database and brings it to the current schema.
 * A database from a newer app version is refused before anything is written
 * to it, not even a pragma that changes the file.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  const list = options.migrations ?? allMigrations;
  mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (cause) {
    throw new AppError('unavailable', `Die Datenbank ${file} kann nicht geöffnet werden. Prüfen Sie die Zugriffsrechte auf den Datenordner.`, {
      cause,
      detail: `cannot open database ${file}`,
    });
  }
  try {
    const found = schemaVersionOf(db);
    const latest = latestVersion(list);
    if (found > latest) throw tooNewError(found, latest);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // 32 MiB of page cache (default 2 MiB): FTS5 segment writes during indexing touch many pages.
    db.pragma('cache_size = -32768');
    migrate(db, list);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError('unavailable', `Die Datei ${file} ist keine Stadtschreiber-Datenbank oder beschädigt. Sie wurde nicht verändert.`, {
        cause: error,
        detail: `not a database: ${file}`,
      });
    }
    throw new AppError('internal', 'Die Datenbank konnte nicht vorbereitet werden. Die Einzelheiten stehen in der Protokolldatei.', {
      cause: error,
      detail: `cannot prepare database ${file}`,
    });
  }
}
