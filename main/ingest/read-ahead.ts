import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

export interface FileIo {
  stat(path: string): Promise<Stats>;
  readFile(path: string): Promise<Buffer>;
}

export const directIo: FileIo = { stat, readFile };

/**
 * Starts reading the next file while the current one is analysed and
 * written, so that the disk (or the network share) and the CPU work at the
 * same time. Bytes are only fetched when `wanted` says the file must be
 * read at all (an unchanged file is skipped by size and date alone).
 */
export class ReadAhead implements FileIo {
  private readonly pending = new Map<string, { info: Promise<Stats>; bytes: Promise<Buffer | null> }>();

  constructor(private readonly wanted: (path: string, info: Stats) => boolean) {}

  prefetch(path: string): void {
    if (this.pending.has(path)) return;
    const info = stat(path);
    const bytes = info.then((i) => (this.wanted(path, i) ? readFile(path) : null));
    // Never an unhandled rejection: the error surfaces when the file's turn comes (or not, after a cancel).
    info.catch(() => undefined);
    bytes.catch(() => undefined);
    this.pending.set(path, { info, bytes });
  }

  stat(path: string): Promise<Stats> {
    return this.pending.get(path)?.info ?? stat(path);
  }

  async readFile(path: string): Promise<Buffer> {
    const entry = this.pending.get(path);
    this.pending.delete(path);
    const prefetched = entry ? await entry.bytes : null;
    return prefetched ?? readFile(path);
  }
}
