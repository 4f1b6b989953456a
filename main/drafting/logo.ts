/**
 * The letterhead logo: one PNG or JPEG in <data>/letterhead/, checked by
 * its bytes (not its name), at most 1 MB. Every letter prints it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogoInfo } from '../contract';
import { AppError } from '../errors';

export const MAX_LOGO_BYTES = 1024 * 1024;
const NAMES = { 'image/png': 'logo.png', 'image/jpeg': 'logo.jpg' } as const;

export interface Logo extends LogoInfo {
  data: Buffer;
}

export const logoDir = (dataDir: string) => join(dataDir, 'letterhead');

/** Type and pixel size from the bytes; a German AppError when it is no PNG or JPEG we can print. */
export function inspectLogo(data: Uint8Array): LogoInfo {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length === 0) throw new AppError('invalid_argument', 'Die Bilddatei ist leer.');
  if (bytes.length > MAX_LOGO_BYTES) {
    throw new AppError('invalid_argument', `Das Logo ist zu groß (${(bytes.length / 1024 / 1024).toFixed(1).replace('.', ',')} MB); erlaubt ist höchstens 1 MB.`);
  }
  const size = bytes[0] === 0x89 && bytes.toString('latin1', 1, 4) === 'PNG' ? pngSize(bytes) : bytes[0] === 0xff && bytes[1] === 0xd8 ? jpegSize(bytes) : null;
  if (!size) throw new AppError('invalid_argument', 'Das Logo muss ein PNG- oder JPEG-Bild sein; diese Datei ist keins (oder sie ist beschädigt).');
  if (size.width < 1 || size.height < 1 || size.width > 10_000 || size.height > 10_000) {
    throw new AppError('invalid_argument', 'Das Logo hat ungewöhnliche Abmessungen (erlaubt sind 1 bis 10 000 Pixel je Seite).');
  }
  return { ...size, sizeBytes: bytes.length };
}

function pngSize(b: Buffer): { mimeType: 'image/png'; width: number; height: number } | null {
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { mimeType: 'image/png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Walks the JPEG segments to the first start-of-frame marker. */
function jpegSize(b: Buffer): { mimeType: 'image/jpeg'; width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { mimeType: 'image/jpeg', width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
    i += 2 + length;
  }
  return null;
}

/** Stores the logo (replacing the previous one); written to a temporary file first, then renamed. */
export function setLogo(dataDir: string, data: Uint8Array): LogoInfo {
  const info = inspectLogo(data);
  const dir = logoDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, NAMES[info.mimeType]);
  writeFileSync(`${target}.tmp`, data);
  for (const name of Object.values(NAMES)) if (name !== NAMES[info.mimeType]) rmSync(join(dir, name), { force: true });
  renameSync(`${target}.tmp`, target);
  return info;
}

export function clearLogo(dataDir: string): void {
  for (const name of Object.values(NAMES)) rmSync(join(logoDir(dataDir), name), { force: true });
}

/** The stored logo with its bytes, or null; a file that no longer checks out is ignored. */
export function readLogo(dataDir: string): Logo | null {
  let names: string[];
  try {
    names = readdirSync(logoDir(dataDir));
  } catch {
    return null;
  }
  for (const name of Object.values(NAMES)) {
    if (!names.includes(name)) continue;
    const data = readFileSync(join(logoDir(dataDir), name));
    try {
      return { ...inspectLogo(data), data };
    } catch {
      return null;
    }
  }
  return null;
}
