import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Logger } from '../log';

/** Who holds the lock: written into the lock file as JSON. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

interface JobLockTimings {
  /** The holder touches the file this often… */
  heartbeatMs: number;
  /** …and a holder that has not touched it for this long is gone (a crash on another machine, a pulled cable). */
  staleMs: number;
  /** A waiting job looks again this often. */
  pollMs: number;
}

const TIMINGS: JobLockTimings = { heartbeatMs: 5_000, staleMs: 120_000, pollMs: 500 };

/** A lock file younger than this without a holder in it is being written by its creator. */
const JUST_CREATED_MS = 10_000;
const NOT_WRITTEN_YET: LockHolder = { pid: -1, host: '', since: '' };

/** Lock files this process holds now. */
const HELD_HERE = new Set<string>();

/** Releases a lock once (further calls do nothing). */
export type Release = () => void;

/**
 * One indexing job at a time per data folder, across processes (the app
 * and the CLI, or two CLIs): a lock file created exclusively, holding the
 * holder's pid and host. A holder on this machine whose process is gone
 * (killed, crashed) is taken over at once; any holder (one on another
 * machine, with the data folder on a network drive) once its heartbeat is
 * older than `staleMs`.
 * The file, not SQLite, because the job must be able to wait for it
 * without holding the database's write lock.
 */
export class JobLock {
  private readonly timings: JobLockTimings;

  constructor(
    private readonly file: string,
    private readonly log: Logger,
    timings: Partial<JobLockTimings> = {},
  ) {
    this.timings = { ...TIMINGS, ...timings };
  }

  /**
   * Waits until this process holds the lock; `waiting` hears once who
   * holds it meanwhile. Null when `signal` aborted before.
   */
  async acquire(signal: AbortSignal, waiting: (holder: LockHolder) => void): Promise<Release | null> {
    let told = false;
    while (!signal.aborted) {
      const holder = this.tryTake();
      if (holder === null) return this.held();
      if (!told && holder !== NOT_WRITTEN_YET) {
        told = true;
        this.log.info('index job waits for another job on this data folder', { holder });
        waiting(holder);
      }
      await sleep(this.timings.pollMs, signal);
    }
    return null;
  }

  /** Whether a live job of another process holds the lock now. */
  heldElsewhere(): boolean {
    const holder = this.readHolder();
    if (!holder || HELD_HERE.has(this.file)) return false;
    return !this.gone(holder);
  }

  /** Takes the lock (null) or says who holds it. */
  private tryTake(): LockHolder | null {
    const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    try {
      this.create(JSON.stringify(me));
      return null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = this.readHolder();
    // Created but not written yet (its holder is between the two calls): it is someone's.
    if (holder === null && this.justCreated()) return NOT_WRITTEN_YET;
    if (holder && !this.gone(holder)) return holder;
    this.takeOver(holder);
    return this.tryTake();
  }

  /**
   * Creates the lock file with its content in one step: written beside it,
   * then linked to its name (fails if it exists), so that no other process
   * ever reads it empty. Where links are not possible, created exclusively
   * and then written.
   */
  private create(content: string): void {
    const draft = `${this.file}.${process.pid}.new`;
    writeFileSync(draft, content);
    try {
      linkSync(draft, this.file);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
    const fd = openSync(this.file, 'wx');
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
  }

  private justCreated(): boolean {
    try {
      return Date.now() - statSync(this.file).mtimeMs < JUST_CREATED_MS;
    } catch {
      return false;
    }
  }

  private readHolder(): LockHolder | null {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<LockHolder>;
      if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '') };
    } catch {
      // Gone meanwhile, or written by a holder that died between creating and writing it.
    }
    return null;
  }

  /**
   * A holder is gone when its process is (on this machine), when it is this
   * process without holding it here (the pid of a crashed process came
   * back: containers start the app under the same pid), or when its
   * heartbeat stopped.
   */
  private gone(holder: LockHolder): boolean {
    if (holder.host === hostname()) {
      if (holder.pid === process.pid ? !HELD_HERE.has(this.file) : !processAlive(holder.pid)) return true;
    }
    try {
      return Date.now() - statSync(this.file).mtimeMs > this.timings.staleMs;
    } catch {
      return true;
    }
  }

  /**
   * Moves a dead holder's file aside. The move is atomic, so of two
   * processes taking over at once only one moves the dead holder's file;
   * should the other have moved a live one's meanwhile, it puts it back.
   */
  private takeOver(dead: LockHolder | null): void {
    const aside = `${this.file}.${process.pid}.stale`;
    try {
      renameSync(this.file, aside);
    } catch {
      return;
    }
    const moved = this.readAside(aside);
    if (moved && dead && (moved.pid !== dead.pid || moved.host !== dead.host)) {
      try {
        linkSync(aside, this.file);
      } catch {
        // A third process holds it now: it stays theirs.
      }
    } else {
      this.log.warn('index lock of a job that ended without releasing it taken over', { holder: dead });
    }
    unlinkSync(aside);
  }

  private readAside(file: string): LockHolder | null {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    } catch {
      return null;
    }
  }

  private held(): Release {
    HELD_HERE.add(this.file);
    const beat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(this.file, now, now);
      } catch (error) {
        this.log.warn('index lock heartbeat failed', { error });
      }
    }, this.timings.heartbeatMs);
    beat.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(beat);
      HELD_HERE.delete(this.file);
      const holder = this.readHolder();
      if (holder?.pid !== process.pid || holder.host !== hostname()) return;
      try {
        unlinkSync(this.file);
      } catch (error) {
        this.log.warn('index lock not removed', { error });
      }
    };
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
