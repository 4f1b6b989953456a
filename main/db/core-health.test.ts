import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../e2e/fixtures/app-error';
import { workDatabase } from '../../e2e/fixtures/work-database';
import { createCore } from '../core';
import { INDEX_DAMAGED_MESSAGE } from './health';
import { breakPage, makeReadOnly, pagesOf, recordingLog, scrambleFts } from './test-faults';

const work = workDatabase({ drafts: 3 });

/** A data folder whose database has a damaged index and one real folder of documents. */
function damagedDataDir(): { dir: string; docs: string } {
  const { dir, file } = work.dataDir();
  const docs = work.folder('docs');
  writeFileSync(join(docs, 'hundesteuer.md'), '# Hundesteuersatzung\n\n## § 3 Steuersatz\n\nDie Steuer beträgt 108 Euro im Jahr.\n');
  const db = new Database(file);
  db.prepare('UPDATE folders SET path = ? WHERE id = 1').run(docs);
  db.prepare('DELETE FROM folders WHERE id = 2').run();
  db.close();
  scrambleFts(file);
  breakPage(file, pagesOf(file, 'chunks')[5]!);
  return { dir, docs };
}

describe('the core and a damaged database', () => {
  it('starts anyway, says the index is damaged, and refuses to index into it', async () => {
    const { dir } = damagedDataDir();
    const { log } = recordingLog();
    const core = createCore({ dataDir: dir, env: {}, logger: log });
    try {
      expect((await core.getAppInfo()).database).toEqual({ state: 'damaged', message: INDEX_DAMAGED_MESSAGE, repairScheduled: false });
      const refused = await appErrorOf(() => core.startIndexing());
      expect([refused.code, refused.userMessage]).toEqual(['unavailable', INDEX_DAMAGED_MESSAGE]);
      expect((await appErrorOf(() => core.addFolder({ path: work.folder('docs') }))).userMessage).toBe(INDEX_DAMAGED_MESSAGE);
      // The clerk's work is still there.
      expect((await core.listDrafts()).length).toBe(3);
    } finally {
      core.close();
    }
  });

  it('repairDatabase schedules the repair (and asks the shell to restart); the next start repairs and rebuilds the index', async () => {
    const { dir, docs } = damagedDataDir();
    let restarts = 0;
    const first = createCore({ dataDir: dir, env: {}, logger: recordingLog().log, platform: { restartApp: () => restarts++ } });
    try {
      expect(await first.repairDatabase()).toEqual({ scheduled: true, restarting: true });
      expect((await first.getAppInfo()).database?.repairScheduled).toBe(true);
      await expect.poll(() => restarts, { timeout: 10_000 }).toBe(1);
    } finally {
      first.close();
    }

    const { log, entries } = recordingLog();
    const second = createCore({ dataDir: dir, env: {}, logger: log });
    try {
      const { database } = await second.getAppInfo();
      expect(database).toMatchObject({ state: 'ok', repairScheduled: false });
      expect(database!.message).toMatch(/^Die Datenbank wurde neu angelegt\. .* Übernommen: 2 Einstellungen, 1 Ordner, 1 Unterhaltung, 2 Antworten, 3 Entwürfe\. Der Suchindex ist leer/);
      expect((await second.listDrafts()).length).toBe(3);
      await second.idle();
      const documents = await second.listDocuments();
      expect(documents.map((d) => d.path)).toEqual([join(docs, 'hundesteuer.md')]);
      expect((await second.search({ query: 'Steuersatz' })).hits.length).toBeGreaterThan(0);
      expect(entries.some((e) => e.message === 'database repaired')).toBe(true);
    } finally {
      second.close();
    }
  });

  it('without a shell that restarts, the repair waits for the next start', async () => {
    const { dir } = damagedDataDir();
    const core = createCore({ dataDir: dir, env: {}, logger: recordingLog().log });
    try {
      expect(await core.repairDatabase()).toEqual({ scheduled: true, restarting: false });
    } finally {
      core.close();
    }
  });

  it('a read-only data folder: the start fails with the German reason, not the log folder’s EROFS', async (ctx) => {
    const { dir } = work.dataDir();
    const undo = makeReadOnly(dir);
    if (!undo) return ctx.skip();
    try {
      const error = await appErrorOf(() => createCore({ dataDir: dir, env: {} }));
      expect(error.userMessage).toMatch(new RegExp(`^In den Datenordner ${dir} kann nicht geschrieben werden`));
    } finally {
      undo();
    }
  });
});
