import { unzipSync, type UnzipFileInfo } from 'fflate';
import { FileError } from './file-error';

/** More than this uncompressed is not an office document but an attack or an archive. */
const MAX_TOTAL_UNCOMPRESSED = 150 * 1024 * 1024;
const MAX_RATIO = 200;

/**
 * Checks a ZIP container (DOCX, ODT) from its central directory before
 * anything is inflated: a zip bomb is refused, not unpacked.
 */
export function checkZip(bytes: Uint8Array, what: string): UnzipFileInfo[] {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push(file);
        return false;
      },
    });
  } catch (cause) {
    throw new FileError(`Die Datei ist keine gültige ${what}-Datei (beschädigt oder falsches Format).`, `invalid zip: ${String(cause)}`, { cause });
  }
  if (entries.length === 0) throw new FileError(`Die Datei ist keine gültige ${what}-Datei (leeres Archiv).`, 'empty zip');
  const total = entries.reduce((n, e) => n + e.originalSize, 0);
  const suspicious = entries.some((e) => e.originalSize > 10 * 1024 * 1024 && e.originalSize / Math.max(1, e.size) > MAX_RATIO);
  if (total > MAX_TOTAL_UNCOMPRESSED || suspicious) {
    throw new FileError(
      `Die Datei wurde nicht gelesen: Sie würde entpackt ${Math.round(total / 1024 / 1024)} MB belegen (Verdacht auf eine ZIP-Bombe).`,
      `zip bomb suspected: ${total} bytes uncompressed`,
    );
  }
  return entries;
}

/** Inflates the named entries of a checked archive. */
export function readZipEntries(bytes: Uint8Array, names: string[]): Record<string, Uint8Array> {
  return unzipSync(bytes, { filter: (file) => names.includes(file.name) });
}
