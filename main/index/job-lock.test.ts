import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { silentLogger } from '../log';
import { JobLock, type LockHolder } from './job-lock';

let dir: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  dir = tempDir();
  file = join(dir.path, 'index.lock');
});
afterEach(() => dir.remove());

const fast = { pollMs: 10, heartbeatMs: 20, staleMs: 1_000 };
const never = new AbortController().signal;
/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;
const writeHolder = (holder: LockHolder) => writeFileSync(file, JSON.stringify(holder));

describe('JobLock', () => {
  it('lets one job in at a time: the second waits, hears who holds it, and gets it when the first releases', async () => {
    const first = await new JobLock(file, silentLogger, fast).acquire(never, () => {});
    expect(first).not.toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    const heard: LockHolder[] = [];
    let second: (() => void) | null = null;
    const waiting = new JobLock(file, silentLogger, fast).acquire(never, (h) => heard.push(h)).then((r) => (second = r));
    await new Promise((r) => setTimeout(r, 200));
    expect(second).toBeNull();
    expect(heard).toEqual([expect.objectContaining({ pid: process.pid })]);
    first!();
    await waiting;
    expect(second).not.toBeNull();
    second!();
    expect(existsSync(file)).toBe(false);
  });

  it('stops waiting when the job is cancelled', async () => {
    const held = await new JobLock(file, silentLogger, fast).acquire(never, () => {});
    const controller = new AbortController();
    const waiting = new JobLock(file, silentLogger, fast).acquire(controller.signal, () => controller.abort());
    await expect(waiting).resolves.toBeNull();
    held!();
  });

  it('takes over at once from a process on this machine that is gone', async () => {
    writeHolder({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z' });
    let waited = false;
    const release = await new JobLock(file, silentLogger, fast).acquire(never, () => (waited = true));
    expect(waited).toBe(false);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    release!();
  });

  it('takes over from its own pid when this process does not hold it (a crashed process whose pid came back)', async () => {
    writeHolder({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00Z' });
    const lock = new JobLock(file, silentLogger, fast);
    expect(lock.heldElsewhere()).toBe(false);
    const release = await lock.acquire(never, () => {
      throw new Error('must not wait');
    });
    release!();
  });

  it('waits for a holder on another machine while its heartbeat goes on, and takes over once it stopped', async () => {
    writeHolder({ pid: 1, host: 'other-pc', since: '2026-01-01T00:00:00Z' });
    const lock = new JobLock(file, silentLogger, fast);
    expect(lock.heldElsewhere()).toBe(true);
    const old = new Date(Date.now() - 10_000);
    utimesSync(file, old, old);
    expect(lock.heldElsewhere()).toBe(false);
    const release = await lock.acquire(never, () => {
      throw new Error('must not wait');
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).host).toBe(hostname());
    release!();
  });

  it('keeps its heartbeat while it holds the lock', async () => {
    const release = await new JobLock(file, silentLogger, fast).acquire(never, () => {});
    const old = new Date(Date.now() - 10_000);
    utimesSync(file, old, old);
    await vi.waitFor(() => expect(Date.now() - statSync(file).mtimeMs).toBeLessThan(5_000), { timeout: 20_000, interval: 20 });
    release!();
  });
});

describe('JobLock between creating and writing its file', () => {
  it('waits for a lock file that was just created and is still empty, and takes over one left empty long ago', async () => {
    writeFileSync(file, '');
    let second: (() => void) | null = null;
    const heard: LockHolder[] = [];
    const waiting = new JobLock(file, silentLogger, fast).acquire(never, (h) => heard.push(h)).then((r) => (second = r));
    await new Promise((r) => setTimeout(r, 200));
    expect(second).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    await waiting;
    expect(second).not.toBeNull();
    expect(heard).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    second!();
  });
});
