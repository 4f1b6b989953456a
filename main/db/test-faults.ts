/**
 * Storage faults for the tests of main/db and the repair command: a
 * database with the clerk's work and an index, damaged pages, read-only
 * files and folders, a full disk. Only tests import this file.
 *
 * Tests run as root here, and root writes a file whatever its mode: where
 * chmod cannot make something read-only, a read-only bind mount does (or a
 * small tmpfs a full disk); when mounting is not allowed either, the helper
 * returns null and the test is skipped with the reason printed.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, rmdirSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../log';
import { openDatabase } from './open';

interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  data?: Record<string, unknown>;
}

export function recordingLog(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, data?: Record<string, unknown>) => void entries.push({ level, message, data });
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries };
}

export const NOTES_PER_DRAFT = 600;

/**
 * A database as a clerk leaves it: two folders, an index of 400 chunks
 * (with FTS rows) over 40 documents, two settings, a conversation with two
 * turns, and `drafts` drafts. The clerk's rows are written first, so that
 * they sit on the first pages (a file cut in the middle keeps them).
 */
export function buildWorkDatabase(file: string, options: { drafts?: number } = {}): void {
  const db = openDatabase(file);
  const now = '2025-03-01T09:00:00.000Z';
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('chatModel', JSON.stringify('qwen2.5:7b'), now);
  db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('letterhead', JSON.stringify({ authority: 'Stadt Konstanz' }), now);
  db.prepare('INSERT INTO folders (id, path, added_at) VALUES (?, ?, ?)').run(1, '/srv/satzungen', now);
  db.prepare('INSERT INTO folders (id, path, added_at) VALUES (?, ?, ?)').run(2, '/srv/dienstanweisungen', now);
  db.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(1, 'Hundesteuer', now, now);
  const turn = db.prepare("INSERT INTO answer_turns (conversation_id, question, answer, mode, created_at) VALUES (1, ?, ?, 'generated', ?)");
  turn.run('Wie hoch ist die Hundesteuer?', 'Die Steuer beträgt 108 Euro im Jahr [1].', now);
  turn.run('Und für einen Zweithund?', 'Für jeden weiteren Hund 216 Euro [1].', now);
  const draft = db.prepare("INSERT INTO drafts (id, template_id, template_title, field_values, notes, created_at, updated_at) VALUES (?, 'anhoerung', 'Anhörung', ?, ?, ?, ?)");
  db.transaction(() => {
    for (let i = 1; i <= (options.drafts ?? 1); i++) {
      draft.run(i, JSON.stringify({ empfaenger: `Frau Muster ${i}` }), `Entwurf ${i}: ` + 'Anhörung zur Beseitigung. '.repeat(NOTES_PER_DRAFT / 26), now, now);
    }
  }).immediate();
  const doc = db.prepare("INSERT INTO documents (id, folder_id, path, title, kind, size, mtime_ms, sha256, status, chunks, indexed_at) VALUES (?, 1, ?, ?, 'md', 100, 1, 'x', 'indexed', 10, ?)");
  const chunk = db.prepare('INSERT INTO chunks (id, document_id, ord, heading, text) VALUES (?, ?, ?, ?, ?)');
  const fts = db.prepare('INSERT INTO chunks_fts (rowid, title, heading, context, body) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let d = 1; d <= 40; d++) {
      doc.run(d, `/srv/satzungen/satzung-${d}.md`, `Satzung ${d}`, now);
      for (let c = 0; c < 10; c++) {
        const id = d * 100 + c;
        const words = Array.from({ length: 120 }, (_, w) => `wort${(id * 7 + w * 13) % 997}`).join(' ');
        chunk.run(id, d, c, `§ ${c + 1}`, `Paragraph ${c + 1} der Satzung ${d}. ${words}`);
        fts.run(id, `satzung ${d}`, `paragraph ${c + 1}`, '', words);
      }
    }
  }).immediate();
  db.close();
}

/**
 * The pages SQLite keeps `table` in (dbstat). The database must be closed (its log checkpointed). Read-write, so
 * that closing removes the -wal and -shm again (a read-only connection leaves them).
 */
export function pagesOf(file: string, table: string, type: 'leaf' | 'internal' | 'overflow' = 'leaf'): number[] {
  const db = new Database(file);
  try {
    return db
      .prepare<[string, string], { pageno: number }>('SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno')
      .all(table, type)
      .map((r) => r.pageno);
  } finally {
    db.close();
  }
}

/** Overwrites `length` bytes at `offset` within page `page` (1-based) with `byte`. */
export function overwrite(file: string, page: number, offset: number, length: number, byte = 0x5a, pageSize = 4096): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(length, byte), 0, length, (page - 1) * pageSize + offset);
  } finally {
    closeSync(fd);
  }
}

/** Damages a b-tree page so that SQLite cannot read it: its header and cell pointers overwritten. */
/** How many cells (rows, for a table leaf) page `page` holds. */
export function cellsOn(file: string, page: number): number {
  const db = new Database(file);
  try {
    return (db.prepare('SELECT ncell FROM dbstat WHERE pageno = ?').get(page) as { ncell: number }).ncell;
  } finally {
    db.close();
  }
}

export const breakPage = (file: string, page: number) => overwrite(file, page, 0, 64, 0xff);

/** Bytes overwritten in the middle of every page of the FTS5 index: its structure check fails, the b-trees stay sound. */
export function scrambleFts(file: string): void {
  for (const page of pagesOf(file, 'chunks_fts_data')) overwrite(file, page, 1500, 1024);
}

let mountable: boolean | null = null;
let mountReason = '';
/** Whether this process may mount (root with CAP_SYS_ADMIN); the reason when not. */
function canMount(): { ok: boolean; reason: string } {
  if (mountable === null) {
    const dir = mkdtempSync(join(tmpdir(), 'stadtschreiber-mount-probe-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'pipe' });
      execFileSync('umount', [dir], { stdio: 'pipe' });
      mountable = true;
    } catch (error) {
      mountable = false;
      mountReason = `mount is not allowed here (${(error as Error).message.split('\n')[0]})`;
    } finally {
      rmdirSync(dir);
    }
  }
  return { ok: mountable, reason: mountReason };
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Makes a file or folder read-only for this process; returns the undo, or
 * null (with the reason logged to the console) when it cannot be done.
 * Not root: chmod. Root: a read-only bind mount of the path onto itself.
 */
export function makeReadOnly(path: string): (() => void) | null {
  if (!isRoot()) {
    const mode = statSync(path).mode & 0o777;
    chmodSync(path, mode & ~0o222);
    return () => chmodSync(path, mode);
  }
  const mount = canMount();
  if (!mount.ok) {
    console.log(`skipped: cannot make ${path} read-only as root: ${mount.reason}`);
    return null;
  }
  execFileSync('mount', ['--bind', path, path], { stdio: 'pipe' });
  execFileSync('mount', ['-o', 'remount,ro,bind', path], { stdio: 'pipe' });
  return () => execFileSync('umount', [path], { stdio: 'pipe' });
}

/** A tmpfs of `size` (e.g. "64k") on the empty folder `dir`: a disk that fills up. Null (reason printed) when mounting is not allowed. */
export function smallDisk(dir: string, size: string): (() => void) | null {
  const mount = canMount();
  if (!mount.ok) {
    console.log(`skipped: no small disk: ${mount.reason}`);
    return null;
  }
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
  return () => execFileSync('umount', [dir], { stdio: 'pipe' });
}
