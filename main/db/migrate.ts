import type Database from 'better-sqlite3';
import { AppError } from '../errors';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(list: readonly Migration[]): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

export function tooNewError(found: number, known: number): AppError {
  return new AppError(
    'db_too_new',
    `Die Datenbank wurde von einer neueren Version von Stadtschreiber angelegt (Schema ${found}, diese Version kennt bis ${known}). ` +
      'Bitte installieren Sie die aktuelle Version. Die Datenbank wurde nicht verändert.',
    { detail: `database schema ${found} is newer than the latest known migration ${known}` },
  );
}

/**
 * Brings the database to the latest schema. All pending migrations run in one
 * transaction, so a failure leaves the database exactly as it was.
 */
export function migrate(db: Database.Database, list: readonly Migration[]): { from: number; to: number } {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = latestVersion(list);
  const from = schemaVersionOf(db);
  if (from > latest) throw tooNewError(from, latest);
  if (from === latest) return { from, to: from };
  db.transaction(() => {
    for (const m of list.slice(from)) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: latest };
}
