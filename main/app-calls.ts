/**
 * The app as a whole: its version and data folder, the state of the
 * database, and the repair the clerk can ask for.
 */
import type Database from 'better-sqlite3';
import type { CoreCalls, DatabaseState } from './contract';
import { checkHealth, type HealthReport } from './db/health';
import { schemaVersionOf } from './db/migrate';
import { repairScheduled, scheduleRepair } from './db/recover';
import { AppError } from './errors';
import type { Logger } from './log';
import { databaseFile } from './paths';
import type { Platform } from './platform';
import { APP_VERSION } from './version';

/** The last health check of the database (null: not checked at open), and what follows from it. */
export class DatabaseHealth {
  constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
    public report: HealthReport | null,
  ) {}

  /** Refuses work that would write into a damaged database, with its German reason. */
  assertWritable(): void {
    const report = this.report;
    if (report?.state === 'damaged') throw new AppError('unavailable', report.message!, { detail: `database damaged (${report.scope}): ${report.problems[0] ?? ''}` });
  }

  /** Checks again (after a failed job, which may have met a damaged page), so that the state says so instead of "0 Probleme". */
  recheck(): void {
    try {
      this.report = checkHealth(this.db, { log: this.log });
    } catch (error) {
      this.log.warn('health check after a failed job could not run', { error });
    }
  }
}

type AppCalls = Pick<CoreCalls, 'getAppInfo' | 'repairDatabase'>;

interface AppCallsOptions {
  dataDir: string;
  db: Database.Database;
  health: DatabaseHealth;
  /** What the repair at this start did, in German (null: none ran). */
  repairNotice: string | null;
  /** Restarting the app; without it the repair waits for the next start. */
  platform: Pick<Platform, 'restartApp'>;
  log: Logger;
  /** How long the answer has to reach the window before the app restarts. */
  restartDelayMs?: number;
}

export function appCalls({ dataDir, db, health, repairNotice, platform, log, restartDelayMs = 300 }: AppCallsOptions): AppCalls {
  return {
    async getAppInfo() {
      const report = health.report;
      const state: DatabaseState['state'] = report === null ? 'unchecked' : report.state;
      const database: DatabaseState = { state, message: report?.message ?? repairNotice, repairScheduled: repairScheduled(databaseFile(dataDir)) };
      return { version: APP_VERSION, dataDir, schemaVersion: schemaVersionOf(db), database };
    },

    async repairDatabase() {
      scheduleRepair(databaseFile(dataDir));
      const restart = platform.restartApp?.bind(platform);
      log.info('database repair scheduled', { restarting: Boolean(restart) });
      if (restart) setTimeout(() => restart(), restartDelayMs);
      return { scheduled: true as const, restarting: Boolean(restart) };
    },
  };
}
