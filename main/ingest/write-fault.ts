import { storageFault } from '../db/sqlite-errors';

/**
 * A write that failed for a reason no file is to blame for (a full disk, a
 * read-only, busy or damaged database): the job ends with that reason
 * instead of writing an error entry per file over good ones. Only SQLite's
 * own faults: a file the system will not let us read is that file's problem.
 */
export function endsTheJob(error: unknown): boolean {
  const fault = storageFault(error);
  return fault !== null && fault.code.startsWith('SQLITE_') && fault.kind !== 'constraint' && fault.kind !== 'too_big' && fault.kind !== 'other';
}
