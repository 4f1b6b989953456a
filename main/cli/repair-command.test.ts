import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workDatabase } from '../../e2e/fixtures/work-database';
import { runCli } from '../cli';
import { INDEX_DAMAGED_MESSAGE } from '../db/health';
import { IN_USE_MESSAGE } from '../db/recover';
import { scrambleFts } from '../db/test-faults';
import { databaseFile, logFile } from '../paths';

const work = workDatabase({ drafts: 3 });

/** A data folder with a copy of the work database (damaged when asked). */
function dataDir(options: { damaged?: boolean; empty?: boolean } = {}): string {
  const { dir, file } = work.dataDir({ empty: options.empty });
  if (options.damaged) scrambleFts(file);
  return dir;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

const backups = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('stadtschreiber.db.beschaedigt-'));

describe('stadtschreiber repair', () => {
  it('repairs a damaged index and says in German what it kept and how to rebuild the index', async () => {
    const dir = dataDir({ damaged: true });
    const { code, stdout, stderr } = await cli(['repair', '--data-dir', dir]);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Befund: ${INDEX_DAMAGED_MESSAGE}`);
    expect(lines[1]).toMatch(/^Die Datenbank wurde neu angelegt\. Die bisherige Datei liegt unverändert unter .*stadtschreiber\.db\.beschaedigt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.$/);
    expect(lines[2]).toBe('Übernommen: 2 Einstellungen, 2 Ordner, 1 Unterhaltung, 2 Antworten, 3 Entwürfe.');
    expect(lines.slice(-3)).toEqual([
      'Der Suchindex ist leer und wird beim nächsten Einlesen der Ordner aus den Dateien neu aufgebaut.',
      'Lesen Sie die Ordner jetzt neu ein:',
      '  stadtschreiber index "/srv/satzungen" "/srv/dienstanweisungen"',
    ]);
    expect(backups(dir)).toHaveLength(1);
    const db = new Database(databaseFile(dir), { readonly: true });
    expect(db.prepare('SELECT (SELECT count(*) FROM drafts) AS drafts, (SELECT count(*) FROM chunks) AS chunks').get()).toEqual({ drafts: 3, chunks: 0 });
    db.close();
    // The log says what was done, for whoever looks later.
    expect(readFileSync(logFile(dir), 'utf8')).toMatch(/"message":"database repaired"/);
  });

  it('--json gives the finding and the report', async () => {
    const dir = dataDir({ damaged: true });
    const { code, stdout } = await cli(['repair', '--json', '--data-dir', dir]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ state: 'damaged', finding: 'present', repaired: true, readable: true, folders: ['/srv/satzungen', '/srv/dienstanweisungen'] });
    expect(result.problems.join('\n')).toMatch(/fts5: corruption/);
    expect(result.tables.find((t: { table: string }) => t.table === 'drafts')).toEqual({ table: 'drafts', carried: 3, skipped: 0, unreadable: false });
    expect(result.backup).toBe(join(dir, backups(dir)[0]!));
  });

  it('leaves a sound database alone (exit 0), and rebuilds it with --force', async () => {
    const dir = dataDir();
    const sound = await cli(['repair', '--data-dir', dir]);
    expect(sound.code).toBe(0);
    expect(sound.stdout).toMatch(/^Die Datenbank .* ist in Ordnung \(geprüft in \d+ ms\); es gibt nichts zu reparieren\.\nMit --force/);
    expect(readdirSync(dir).filter((name) => name.startsWith('stadtschreiber.db'))).toEqual(['stadtschreiber.db']);
    expect(JSON.parse((await cli(['repair', '--json', '--data-dir', dir])).stdout)).toMatchObject({ state: 'ok', repaired: false });

    const forced = await cli(['repair', '--force', '--data-dir', dir]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Befund: Die Datenbank ist in Ordnung; sie wird auf Wunsch \(--force\) trotzdem neu angelegt\.\n/);
    expect(backups(dir)).toHaveLength(1);
  });

  it('fails (exit 1) where there is no database, and while the database is in use', async () => {
    const empty = dataDir({ empty: true });
    const none = await cli(['repair', '--data-dir', empty]);
    expect([none.code, none.stdout]).toEqual([1, '']);
    expect(none.stderr).toBe(`Fehler: Im Datenordner ${empty} gibt es keine Datenbank; es gibt nichts zu reparieren.\n`);

    const dir = dataDir({ damaged: true });
    const app = new Database(databaseFile(dir));
    app.pragma('journal_mode = WAL');
    app.prepare('SELECT count(*) FROM drafts').get();
    try {
      const busy = await cli(['repair', '--data-dir', dir]);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toBe(`Fehler: ${IN_USE_MESSAGE}\n`);
      expect(backups(dir)).toEqual([]);
    } finally {
      app.close();
    }
  });

  it('is listed in the help', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/\n {2}repair \[--force\] \[--json\] +Datenbank prüfen und, wenn sie beschädigt ist, reparieren/);
  });
});
