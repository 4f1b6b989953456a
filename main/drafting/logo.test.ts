import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPng } from '../../e2e/fixtures/letterhead';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { AppError } from '../errors';
import { clearLogo, inspectLogo, logoDir, MAX_LOGO_BYTES, readLogo, setLogo } from './logo';

/** A baseline JPEG header: SOI, an APP0 segment, then SOF0 with 300 × 100 pixels. */
function jpegHeader(): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof0 = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 100, 0x01, 0x2c, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, Buffer.from([0xff, 0xd9])]);
}

const messageOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.userMessage;
    throw error;
  }
  throw new Error('no error');
};

describe('letterhead logo', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('recognises PNG and JPEG by their bytes, with their pixel size', () => {
    expect(inspectLogo(testPng(120, 40))).toEqual({ mimeType: 'image/png', width: 120, height: 40, sizeBytes: testPng(120, 40).length });
    expect(inspectLogo(jpegHeader())).toMatchObject({ mimeType: 'image/jpeg', width: 300, height: 100 });
  });

  it('refuses other files, empty files and files over 1 MB with German messages', () => {
    expect(messageOf(() => inspectLogo(Buffer.from('GIF89a……')))).toBe('Das Logo muss ein PNG- oder JPEG-Bild sein; diese Datei ist keins (oder sie ist beschädigt).');
    expect(messageOf(() => inspectLogo(Buffer.alloc(0)))).toBe('Die Bilddatei ist leer.');
    const big = Buffer.concat([testPng(), Buffer.alloc(MAX_LOGO_BYTES)]);
    expect(messageOf(() => inspectLogo(big))).toBe('Das Logo ist zu groß (1,0 MB); erlaubt ist höchstens 1 MB.');
  });

  it('stores, replaces, reads and clears the logo in the data folder', () => {
    expect(readLogo(dir.path)).toBeNull();
    setLogo(dir.path, testPng());
    expect(readLogo(dir.path)).toMatchObject({ mimeType: 'image/png', width: 120, height: 40 });
    setLogo(dir.path, jpegHeader());
    expect(existsSync(join(logoDir(dir.path), 'logo.png'))).toBe(false);
    expect(readLogo(dir.path)?.mimeType).toBe('image/jpeg');
    clearLogo(dir.path);
    expect(readLogo(dir.path)).toBeNull();
  });

  it('keeps the previous logo when the new file is refused, and ignores a stored file that is no image', () => {
    setLogo(dir.path, testPng());
    expect(() => setLogo(dir.path, Buffer.from('kein Bild'))).toThrow(AppError);
    expect(readLogo(dir.path)?.mimeType).toBe('image/png');
    writeFileSync(join(logoDir(dir.path), 'logo.png'), 'kaputt');
    expect(readLogo(dir.path)).toBeNull();
  });
});
