import { defaultChecklistsDir, loadChecklists } from '../precheck/checklists';
import type { CliIo } from './io';

const KIND = { data: 'Angabe', document: 'Unterlage', rule: 'Regel' } as const;

/**
 * `stadtschreiber checklists [--json]`: the Prüflisten (shipped and the
 * office's own). JSON: [{ id, title, legalBasis, items }]. A broken file
 * is named on stderr with its reasons and the exit code is 1.
 */
export function checklistsCommand(dataDir: string, json: boolean, io: CliIo, shippedDir = defaultChecklistsDir()): number {
  const { checklists, problems } = loadChecklists(shippedDir, dataDir);
  if (json) {
    io.stdout(JSON.stringify(checklists.map(({ id, title, legalBasis, items }) => ({ id, title, legalBasis, items })), null, 2) + '\n');
  } else if (checklists.length === 0) {
    io.stdout('Keine Prüflisten gefunden.\n');
  } else {
    for (const c of checklists) {
      const count = (kind: keyof typeof KIND) => c.items.filter((i) => i.kind === kind).length;
      io.stdout(`${c.id.padEnd(32)} ${c.title}${c.source === 'office' ? ' (eigene Prüfliste)' : ''}\n`);
      io.stdout(`${''.padEnd(32)} ${c.legalBasis}; ${count('data')} ${KIND.data}n, ${count('document')} ${KIND.document}n, ${count('rule')} ${KIND.rule}n\n`);
    }
  }
  for (const problem of problems) io.stderr(`Fehler: ${problem}\n`);
  return problems.length > 0 ? 1 : 0;
}
