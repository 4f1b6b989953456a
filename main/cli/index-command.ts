import type { IndexProgress } from '../contract';
import type { Core } from '../core';
import { AppError } from '../errors';
import type { CliIo } from './io';

const TERMINAL: IndexProgress['phase'][] = ['done', 'cancelled', 'failed'];

/** `stadtschreiber index <dir…>`: adds the folders (or re-indexes them) and waits, with progress on stderr. */
export async function indexCommand(core: Core, dirs: string[], options: { force: boolean }, io: CliIo): Promise<number> {
  if (dirs.length === 0) {
    io.stderr('Fehler: Bitte mindestens einen Ordner angeben: stadtschreiber index <Ordner…>\n');
    return 2;
  }
  let failed = false;
  for (const dir of dirs) {
    try {
      const result = await followJob(core, io, async () => {
        const existing = (await core.listFolders()).find((f) => f.path === dir);
        if (existing && options.force) return (await core.startIndexing({ folderId: existing.id, force: true })).jobId;
        return (await core.addFolder({ path: dir })).jobId;
      });
      const outcome = result.phase === 'cancelled' ? ' – abgebrochen' : result.phase === 'failed' ? ` – ${result.message}` : '';
      io.stderr(`${dir}: ${result.indexed} indexiert, ${result.unchanged} unverändert, ${result.removed} entfernt, ${result.problems.length} Probleme${outcome}\n`);
      for (const problem of result.problems) io.stderr(`  ${problem.path}: ${problem.reason}\n`);
      if (result.phase !== 'done') failed = true;
    } catch (error) {
      io.stderr(`Fehler: ${error instanceof AppError ? error.userMessage : String(error)}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

/** Starts a job and prints its progress until it ends; Ctrl+C cancels it. */
async function followJob(core: Core, io: CliIo, start: () => Promise<string>): Promise<IndexProgress> {
  let jobId: string | null = null;
  const early: IndexProgress[] = [];
  let finish!: (p: IndexProgress) => void;
  const finished = new Promise<IndexProgress>((resolve) => (finish = resolve));
  const handle = (p: IndexProgress) => {
    if (p.jobId !== jobId) return;
    if (p.phase === 'waiting' && p.message) io.stderr(`${p.message}\n`);
    if (p.phase === 'indexing' && p.currentFile) io.stderr(`[${p.done + 1}/${p.total}] ${p.currentFile}\n`);
    if (p.phase === 'refining') io.stderr('Zusammengesetzte Wörter werden verfeinert …\n');
    if (p.phase === 'optimizing') io.stderr('Suchindex wird verdichtet …\n');
    if (TERMINAL.includes(p.phase)) finish(p);
  };
  const off = core.on('indexProgress', (p) => (jobId === null ? early.push(p) : handle(p)));
  const offInterrupt = io.onInterrupt?.(() => {
    io.stderr('Abbruch angefordert …\n');
    if (jobId) void core.cancelIndexing({ jobId });
  });
  try {
    jobId = await start();
    early.forEach(handle);
    return await finished;
  } finally {
    off();
    offInterrupt?.();
  }
}
