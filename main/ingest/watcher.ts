import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../log';

/** Changes are collected for this long before a folder is re-indexed: a copy of 500 files is one job. */
const DEBOUNCE_MS = 1500;

/**
 * Watches the indexed folders while the app runs and asks for an
 * incremental re-index of a folder after its files changed. The re-index
 * itself skips unchanged files, so a burst of events costs one walk.
 */
export class FolderWatcher {
  private readonly watchers = new Map<number, { path: string; watcher: FSWatcher; timer?: NodeJS.Timeout }>();

  constructor(
    private readonly log: Logger,
    private readonly reindex: (folder: { id: number; path: string }) => void,
  ) {}

  sync(folders: { id: number; path: string }[]): void {
    const wanted = new Map(folders.map((f) => [f.id, f.path]));
    for (const [id, entry] of this.watchers) {
      if (wanted.get(id) !== entry.path) {
        clearTimeout(entry.timer);
        void entry.watcher.close();
        this.watchers.delete(id);
      }
    }
    for (const [id, path] of wanted) {
      if (this.watchers.has(id)) continue;
      const watcher = watch(path, { ignoreInitial: true, ignored: (p) => /(^|[/\\])(\.|~\$)/.test(p.slice(path.length)), awaitWriteFinish: { stabilityThreshold: 500 } });
      const entry: { path: string; watcher: FSWatcher; timer?: NodeJS.Timeout } = { path, watcher };
      watcher.on('all', () => {
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => this.reindex({ id, path }), DEBOUNCE_MS);
      });
      watcher.on('error', (error) => this.log.warn('folder watcher error', { path, error }));
      this.watchers.set(id, entry);
    }
  }

  async close(): Promise<void> {
    for (const entry of this.watchers.values()) {
      clearTimeout(entry.timer);
      await entry.watcher.close();
    }
    this.watchers.clear();
  }
}
