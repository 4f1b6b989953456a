import { opendir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

type WalkEntry = { type: 'file'; path: string } | { type: 'error'; path: string; reason: string; detail: string };

/** Office lock files and hidden entries are never documents. */
const ignored = (name: string) => name.startsWith('.') || name.startsWith('~$') || name === 'Thumbs.db' || name === 'desktop.ini';

/**
 * Every file below `root`, following symbolic links but never the same
 * directory twice (a link loop ends with an error entry, not a hang).
 * Unreadable directories become error entries; the walk goes on.
 */
export async function* walk(root: string, signal?: AbortSignal): AsyncGenerator<WalkEntry> {
  const seen = new Set<string>();
  const stack: string[] = [root];
  while (stack.length > 0) {
    if (signal?.aborted) return;
    const dir = stack.pop()!;
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      yield { type: 'error', path: dir, reason: 'Der Ordner ist nicht erreichbar.', detail: String(error) };
      continue;
    }
    if (seen.has(real)) {
      if (dir !== root) yield { type: 'error', path: dir, reason: 'Übersprungen: Die Verknüpfung führt in einen bereits durchsuchten Ordner (Schleife).', detail: `symlink loop to ${real}` };
      continue;
    }
    seen.add(real);
    let handle;
    try {
      handle = await opendir(dir);
    } catch (error) {
      yield { type: 'error', path: dir, reason: 'Der Ordner kann nicht gelesen werden (fehlende Rechte?).', detail: String(error) };
      continue;
    }
    const subdirs: string[] = [];
    for await (const entry of handle) {
      if (ignored(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(path);
      else if (entry.isFile()) yield { type: 'file', path };
      else if (entry.isSymbolicLink()) {
        try {
          const target = await stat(path);
          if (target.isDirectory()) subdirs.push(path);
          else if (target.isFile()) yield { type: 'file', path };
        } catch (error) {
          yield { type: 'error', path, reason: 'Die Verknüpfung zeigt ins Leere.', detail: String(error) };
        }
      }
    }
    // Reverse so that the walk visits subfolders in name order.
    stack.push(...subdirs.sort().reverse());
  }
}

export const fileTitle = (path: string) => basename(path).replace(/\.[^.]+$/, '');
