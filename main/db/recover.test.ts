import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../e2e/fixtures/app-error';
import { workDatabase } from '../../e2e/fixtures/work-database';
import { checkDatabaseFile } from './health';
import { latestVersion, migrate } from './migrate';
import { migrations } from './migrations';
import { openDatabaseChecked } from './open';
import {
  IN_USE_MESSAGE,
  RECOVERED_CONVERSATION_TITLE,
  recoverDatabase,
  recoverySentences,
  repairMarker,
  repairScheduled,
  runScheduledRepair,
  scheduleRepair,
} from './recover';
import { breakPage, cellsOn, NOTES_PER_DRAFT, pagesOf, recordingLog, scrambleFts } from './test-faults';

const DRAFTS = 120;
const NOW = new Date('2025-03-02T08:15:00.000Z');
const STAMP = '2025-03-02T08-15-00';

const work = workDatabase({ drafts: DRAFTS });

const dataDir = (options: { empty?: boolean } = {}) => work.dataDir(options);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** What the clerk would find in the repaired database, and what is left of the index. */
function contents(file: string) {
  const { db, health } = openDatabaseChecked(file, { check: 'always' });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      health: health!.state,
      schema: db.pragma('user_version', { simple: true }),
      settings: db.prepare('SELECT key, value FROM settings ORDER BY key').all(),
      folders: db.prepare('SELECT path FROM folders ORDER BY id').all().map((r) => (r as { path: string }).path),
      conversations: db.prepare('SELECT id, title FROM conversations').all(),
      turns: db.prepare('SELECT conversation_id, question, answer FROM answer_turns ORDER BY id').all(),
      drafts: n('SELECT count(*) AS n FROM drafts'),
      draft7: db.prepare('SELECT field_values, notes FROM drafts WHERE id = 7').get() as { field_values: string; notes: string } | undefined,
      index: {
        documents: n('SELECT count(*) AS n FROM documents'),
        chunks: n('SELECT count(*) AS n FROM chunks'),
        fts: n('SELECT count(*) AS n FROM chunks_fts'),
        vectors: n('SELECT count(*) AS n FROM chunk_vectors'),
      },
    };
  } finally {
    db.close();
  }
}

const TURNS = [
  { conversation_id: 1, question: 'Wie hoch ist die Hundesteuer?', answer: 'Die Steuer beträgt 108 Euro im Jahr [1].' },
  { conversation_id: 1, question: 'Und für einen Zweithund?', answer: 'Für jeden weiteren Hund 216 Euro [1].' },
];
const SETTINGS = [
  { key: 'chatModel', value: '"qwen2.5:7b"' },
  { key: 'letterhead', value: '{"authority":"Stadt Konstanz"}' },
];
const EMPTY_INDEX = { documents: 0, chunks: 0, fts: 0, vectors: 0 };

describe('recoverDatabase', () => {
  it('a damaged index: drafts, settings and the conversation are carried over, the index is empty, the damaged copy lies beside it', () => {
    const { dir, file } = dataDir();
    scrambleFts(file);
    breakPage(file, pagesOf(file, 'chunks')[5]!);
    const damaged = sha(file);
    const { log, entries } = recordingLog();

    const report = recoverDatabase(file, { log, now: NOW });

    const backup = `${file}.beschaedigt-${STAMP}`;
    expect(report.backup).toBe(backup);
    expect(report.backupFiles).toEqual([backup]);
    expect(sha(backup)).toBe(damaged);
    expect(report.readable).toBe(true);
    expect(report.tables).toEqual([
      { table: 'settings', carried: 2, skipped: 0, unreadable: false },
      { table: 'folders', carried: 2, skipped: 0, unreadable: false },
      { table: 'conversations', carried: 1, skipped: 0, unreadable: false },
      { table: 'answer_turns', carried: 2, skipped: 0, unreadable: false },
      { table: 'drafts', carried: DRAFTS, skipped: 0, unreadable: false },
    ]);
    expect(report.folders).toEqual(['/srv/satzungen', '/srv/dienstanweisungen']);
    expect(report.notCarried).toEqual([]);

    const found = contents(file);
    expect(found).toMatchObject({
      health: 'ok',
      schema: latestVersion(migrations),
      settings: SETTINGS,
      folders: ['/srv/satzungen', '/srv/dienstanweisungen'],
      conversations: [{ id: 1, title: 'Hundesteuer' }],
      turns: TURNS,
      drafts: DRAFTS,
      index: EMPTY_INDEX,
    });
    expect(JSON.parse(found.draft7!.field_values)).toEqual({ empfaenger: 'Frau Muster 7' });
    expect(found.draft7!.notes).toMatch(/^Entwurf 7: Anhörung zur Beseitigung\./);
    expect(readdirSync(dir).sort()).toEqual(['stadtschreiber.db', `stadtschreiber.db.beschaedigt-${STAMP}`]);
    expect(entries.find((e) => e.message === 'database repaired')?.data).toMatchObject({ backup });
    expect(recoverySentences(report)).toEqual([
      `Die Datenbank wurde neu angelegt. Die bisherige Datei liegt unverändert unter ${backup}.`,
      `Übernommen: 2 Einstellungen, 2 Ordner, 1 Unterhaltung, 2 Antworten, ${DRAFTS} Entwürfe.`,
      'Der Suchindex ist leer und wird beim nächsten Einlesen der Ordner aus den Dateien neu aufgebaut.',
    ]);
  });

  it('a database cut in the middle: the clerk’s rows on the first pages are carried over, the copy aside is the cut file', () => {
    const { file } = dataDir();
    const cut = Math.floor(statSync(file).size / 2) + 1000;
    truncateSync(file, cut);
    const report = recoverDatabase(file, { now: NOW });
    expect(statSync(report.backup).size).toBe(cut);
    expect(contents(file)).toMatchObject({ health: 'ok', settings: SETTINGS, turns: TURNS, drafts: DRAFTS, index: EMPTY_INDEX });
  });

  it('a damaged drafts page: the other drafts are carried over, the unreadable ones counted (by the index) and logged', () => {
    const { file } = dataDir();
    const page = pagesOf(file, 'drafts')[2]!;
    const onPage = cellsOn(file, page);
    expect(onPage).toBeGreaterThan(0);
    breakPage(file, page);
    const { log, entries } = recordingLog();

    const report = recoverDatabase(file, { log, now: NOW });

    expect(report.tables.find((t) => t.table === 'drafts')).toEqual({ table: 'drafts', carried: DRAFTS - onPage, skipped: onPage, unreadable: false });
    const lost = entries.find((e) => e.message === 'unreadable rows');
    expect(lost?.data).toMatchObject({ table: 'drafts', count: onPage });
    expect(entries.some((e) => e.message === 'damaged rows skipped' && e.data?.table === 'drafts')).toBe(true);
    const found = contents(file);
    expect(found).toMatchObject({ health: 'ok', drafts: DRAFTS - onPage, settings: SETTINGS, turns: TURNS });
    // Every draft that came over is whole.
    const db = new Database(file, { readonly: true });
    const notes = db.prepare('SELECT id, notes FROM drafts').all() as { id: number; notes: string }[];
    db.close();
    for (const draft of notes) expect(draft.notes.length, `draft ${draft.id}`).toBeGreaterThan(NOTES_PER_DRAFT - 30);
    expect(recoverySentences(report)).toContain(`Nicht lesbar und übersprungen: mindestens ${onPage} ${onPage === 1 ? 'Entwurf' : 'Entwürfe'} (Einzelheiten in der Protokolldatei).`);
  });

  it('a lost conversation: its turns are kept under a recovered conversation of the same id', () => {
    const { file } = dataDir();
    breakPage(file, pagesOf(file, 'conversations')[0]!);
    const report = recoverDatabase(file, { now: NOW });
    expect(report.tables.find((t) => t.table === 'conversations')).toMatchObject({ carried: 0 });
    expect(report.orphanTurns).toBe(2);
    expect(contents(file)).toMatchObject({ conversations: [{ id: 1, title: RECOVERED_CONVERSATION_TITLE }], turns: TURNS, drafts: DRAFTS });
    expect(recoverySentences(report)).toContain(`2 Antworten ohne ihre Unterhaltung stehen unter „${RECOVERED_CONVERSATION_TITLE}“.`);
  });

  it('a 0-byte file: a fresh database; the empty file and its -wal are kept beside it', () => {
    const { file } = dataDir({ empty: true });
    writeFileSync(file, '');
    writeFileSync(`${file}-wal`, Buffer.alloc(4152, 7));
    const report = recoverDatabase(file, { now: NOW });
    expect(report.readable).toBe(false);
    expect(report.backupFiles).toEqual([report.backup, `${report.backup}-wal`]);
    expect(statSync(report.backup).size).toBe(0);
    expect(statSync(`${report.backup}-wal`).size).toBe(4152);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(contents(file)).toMatchObject({ health: 'ok', settings: [], drafts: 0, index: EMPTY_INDEX });
    expect(recoverySentences(report)[1]).toBe('Aus der bisherigen Datei ließ sich nichts lesen; die neue Datenbank ist leer.');
  });

  it('a session that crashed: what is only in its -wal is carried over, and the -wal is copied aside with the database', () => {
    const { dir: live, file: liveFile } = dataDir();
    const crashed = dataDir({ empty: true });
    scrambleFts(liveFile);
    const session = new Database(liveFile);
    session.pragma('journal_mode = WAL');
    session.prepare("INSERT INTO drafts (id, template_id, template_title, created_at, updated_at) VALUES (999, 'anhoerung', 'Nach dem Absturz', 'x', 'x')").run();
    // The state a crash leaves: the draft is committed to the -wal only.
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(liveFile + suffix, crashed.file + suffix);
    session.close();
    expect(readdirSync(live)).toEqual(['stadtschreiber.db']);
    const walBytes = statSync(`${crashed.file}-wal`).size;
    expect(walBytes).toBeGreaterThan(0);

    const report = recoverDatabase(crashed.file, { now: NOW });

    expect(report.backupFiles).toEqual([report.backup, `${report.backup}-wal`, `${report.backup}-shm`]);
    expect(statSync(`${report.backup}-wal`).size).toBe(walBytes);
    expect(contents(crashed.file)).toMatchObject({ health: 'ok', drafts: DRAFTS + 1 });
    const db = new Database(crashed.file, { readonly: true });
    expect(db.prepare('SELECT template_title FROM drafts WHERE id = 999').get()).toEqual({ template_title: 'Nach dem Absturz' });
    db.close();
  });

  it('refuses a database another process has open, and changes nothing', async () => {
    const { dir, file } = dataDir();
    scrambleFts(file);
    const before = sha(file);
    const app = new Database(file);
    app.pragma('journal_mode = WAL');
    app.prepare('SELECT count(*) FROM drafts').get();
    try {
      const error = await appErrorOf(() => recoverDatabase(file, { now: NOW }));
      expect(error.userMessage).toBe(IN_USE_MESSAGE);
      expect(readdirSync(dir).filter((name) => name.includes('beschaedigt') || name.includes('.neu-'))).toEqual([]);
    } finally {
      app.close();
    }
    expect(sha(file)).toBe(before);
  });

  it('refuses when there is no database, and a database of a newer version', async () => {
    const { file } = dataDir({ empty: true });
    expect((await appErrorOf(() => recoverDatabase(file))).code).toBe('not_found');
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.exec('CREATE TABLE future (x)');
    newer.close();
    expect((await appErrorOf(() => recoverDatabase(file))).code).toBe('db_too_new');
  });

  it('carries an older schema’s rows into the current one (columns the old one lacks get their defaults)', () => {
    const { file } = dataDir({ empty: true });
    const old = new Database(file);
    migrate(old, migrations.slice(0, 6));
    old.prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (1, 'Alt', 'x', 'x')").run();
    old.prepare("INSERT INTO answer_turns (conversation_id, question, mode, created_at) VALUES (1, 'Frage?', 'extractive', 'x')").run();
    old.close();
    recoverDatabase(file, { now: NOW });
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT question, claims, abstain_reason FROM answer_turns').get()).toEqual({ question: 'Frage?', claims: '[]', abstain_reason: null });
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(migrations));
    db.close();
  });
});

describe('a repair scheduled by the app', () => {
  it('runs at the next start and removes its marker; without a marker nothing happens', () => {
    const { file } = dataDir();
    scrambleFts(file);
    expect(runScheduledRepair(file)).toBeNull();
    scheduleRepair(file);
    expect(repairScheduled(file)).toBe(true);
    const result = runScheduledRepair(file, { now: NOW });
    expect(result && 'report' in result && result.report.tables.find((t) => t.table === 'drafts')?.carried).toBe(DRAFTS);
    expect(existsSync(repairMarker(file))).toBe(false);
    expect(contents(file).index).toEqual(EMPTY_INDEX);
  });

  it('keeps its marker when the database is in use (the next start may find it free), drops it when the repair cannot be done', () => {
    const { file } = dataDir();
    const app = new Database(file);
    app.pragma('journal_mode = WAL');
    app.prepare('SELECT 1 FROM drafts').get();
    scheduleRepair(file);
    const busy = runScheduledRepair(file);
    app.close();
    expect(busy && 'error' in busy && busy.error.userMessage).toBe(IN_USE_MESSAGE);
    expect(repairScheduled(file)).toBe(true);

    const { file: none } = dataDir({ empty: true });
    scheduleRepair(none);
    const failed = runScheduledRepair(none);
    expect(failed && 'error' in failed && failed.error.code).toBe('not_found');
    expect(repairScheduled(none)).toBe(false);
  });
});

describe('checkDatabaseFile: the check before a repair', () => {
  it('finds a sound database sound and leaves no -wal or -shm behind', () => {
    const { dir, file } = dataDir();
    const check = checkDatabaseFile(file);
    expect([check.damaged, check.health?.state, check.message]).toEqual([false, 'ok', null]);
    expect(readdirSync(dir)).toEqual(['stadtschreiber.db']);
    expect(sha(file)).toBe(sha(work.pristine));
  });

  it('tells an empty, a cut and a damaged database apart without changing them', () => {
    const empty = dataDir({ empty: true }).file;
    writeFileSync(empty, '');
    expect(checkDatabaseFile(empty)).toMatchObject({ damaged: true, message: 'Die Datenbankdatei ist leer (0 Byte).' });
    const cut = dataDir().file;
    truncateSync(cut, 10_000);
    expect(checkDatabaseFile(cut)).toMatchObject({ damaged: true, message: 'Die Datenbankdatei ist unvollständig (abgeschnitten).' });
    const { file } = dataDir();
    scrambleFts(file);
    const before = sha(file);
    expect(checkDatabaseFile(file)).toMatchObject({ damaged: true, health: { scope: 'index' } });
    expect(sha(file)).toBe(before);
  });
});
