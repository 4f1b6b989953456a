import { renameSync, writeFileSync } from 'node:fs';
import { AppError } from './errors';

/** A file name from free text (a question, a letter's title): letters, digits, spaces and dashes only. */
export function safeFileName(text: string, extension: string, fallback: string, maxLength = 80): string {
  const base = text.replace(/[^\p{L}\p{N} -]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, maxLength).trim() || fallback;
  return `${base}.${extension}`;
}

/** Written beside the target and renamed: an existing file is never left half-overwritten. */
export function writeFileAtomically(path: string, content: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    throw new AppError('unavailable', `Die Datei konnte nicht gespeichert werden: ${path}. Ist der Ordner schreibgeschützt oder die Datei in einem anderen Programm geöffnet?`, {
      cause: error,
      detail: `writing ${path} failed`,
    });
  }
}
