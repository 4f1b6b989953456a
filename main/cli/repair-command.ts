import { checkDatabaseFile, type FileHealth } from '../db/health';
import { recoverDatabase, recoverySentences, type RecoveryReport } from '../db/recover';
import { AppError } from '../errors';
import { createFileLogger, silentLogger, type Logger } from '../log';
import { databaseFile, logFile } from '../paths';
import type { CliIo } from './io';

interface RepairOptions {
  json: boolean;
  /** Rebuild a database that the check finds sound, too. */
  force: boolean;
  nativeBinding?: string;
}

/** The log of the data folder; none when it cannot be written (a read-only or full drive): the repair goes on. */
function logOf(dataDir: string): Logger {
  try {
    return createFileLogger(logFile(dataDir));
  } catch {
    return silentLogger;
  }
}

const quoted = (path: string) => `"${path.replace(/(["\\$`])/g, '\\$1')}"`;

/**
 * `stadtschreiber repair [--force] [--json]`: checks the database and, when
 * it is damaged (or with --force), copies it aside and builds a fresh one
 * with everything still readable of settings, folders, conversations and
 * drafts; the index is rebuilt by the next `stadtschreiber index`. Runs
 * without the core: the core would refuse or trip over the damage.
 * Exit codes: 0 sound or repaired, 1 no database or the repair failed.
 */
export function repairCommand(dataDir: string, options: RepairOptions, io: CliIo): number {
  const file = databaseFile(dataDir);
  const log = logOf(dataDir);
  const fail = (error: unknown) => {
    const message = error instanceof AppError ? error.userMessage : String(error);
    if (!(error instanceof AppError)) log.error('repair command crashed', { error });
    io.stderr(`Fehler: ${message}\n`);
    return 1;
  };
  let check: FileHealth;
  try {
    check = checkDatabaseFile(file, { log, nativeBinding: options.nativeBinding });
  } catch (error) {
    return fail(error);
  }
  if (check.finding.kind === 'missing') {
    io.stderr(`Fehler: Im Datenordner ${dataDir} gibt es keine Datenbank; es gibt nichts zu reparieren.\n`);
    return 1;
  }
  const checkMs = check.health?.ms ?? null;
  if (!check.damaged && !options.force) {
    if (options.json) io.stdout(JSON.stringify({ state: 'ok', repaired: false, file, checkMs }, null, 2) + '\n');
    else io.stdout(`Die Datenbank ${file} ist in Ordnung (geprüft in ${checkMs} ms); es gibt nichts zu reparieren.\nMit --force wird sie trotzdem neu angelegt und der Suchindex neu aufgebaut.\n`);
    return 0;
  }
  let report: RecoveryReport;
  try {
    report = recoverDatabase(file, { log, nativeBinding: options.nativeBinding });
  } catch (error) {
    return fail(error);
  }
  const state = check.damaged ? 'damaged' : 'ok';
  if (options.json) {
    const problems = check.health?.problems ?? [];
    io.stdout(JSON.stringify({ state, finding: check.finding.kind, problems, repaired: true, checkMs, ...report }, null, 2) + '\n');
    return 0;
  }
  const found = check.damaged ? `Befund: ${check.message}` : 'Befund: Die Datenbank ist in Ordnung; sie wird auf Wunsch (--force) trotzdem neu angelegt.';
  const lines = [found, ...recoverySentences(report)];
  if (report.folders.length > 0) lines.push('Lesen Sie die Ordner jetzt neu ein:', `  stadtschreiber index ${report.folders.map(quoted).join(' ')}`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
