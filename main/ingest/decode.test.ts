import { describe, expect, it } from 'vitest';
import { decodeText, utf16Order } from './decode';
import { parsePlainText } from './parsers/plain-text';
import { FileError } from '../file-error';

const GERMAN = 'Gebührensatzung über die Straßenreinigung\r\n\r\n§ 3 Gebührenmaßstab: „Frontmeter“ – 5 € je Jahr. Größe, Höhe, Äcker, Öfen, Übermaß.\r\n';

const le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const withBom = (bom: number[], bytes: Uint8Array) => new Uint8Array([...bom, ...bytes]);

describe('decodeText: UTF-16 (Windows Notepad "Unicode")', () => {
  it('reads UTF-16 LE with a BOM, umlauts and ß included', () => {
    expect(decodeText(withBom([0xff, 0xfe], le(GERMAN)))).toEqual({ text: GERMAN, encoding: 'utf-16le' });
  });

  it('reads UTF-16 BE with a BOM', () => {
    expect(decodeText(withBom([0xfe, 0xff], be(GERMAN)))).toEqual({ text: GERMAN, encoding: 'utf-16be' });
  });

  it('reads UTF-16 LE and BE without a BOM when every other byte is zero', () => {
    expect(decodeText(le(GERMAN))).toEqual({ text: GERMAN, encoding: 'utf-16le' });
    expect(decodeText(be(GERMAN))).toEqual({ text: GERMAN, encoding: 'utf-16be' });
    expect(decodeText(le('Maß'))).toEqual({ text: 'Maß', encoding: 'utf-16le' });
  });

  it('reads characters outside the BMP and marks a damaged pair instead of failing', () => {
    const text = 'Akte 📁 Straße';
    expect(decodeText(withBom([0xff, 0xfe], le(text))).text).toBe(text);
    // A high surrogate without its low half, then "ß".
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x3d, 0xd8, 0xdf, 0x00])).text).toBe('\ufffdß');
  });

  it('drops an odd last byte of a file with a BOM', () => {
    expect(decodeText(new Uint8Array([...withBom([0xff, 0xfe], le('Grüße')), 0x41])).text).toBe('Grüße');
  });

  it('gives the plain-text parser the paragraphs of a UTF-16 file', () => {
    const parsed = parsePlainText(withBom([0xff, 0xfe], le(GERMAN)));
    expect(parsed.encoding).toBe('utf-16le');
    expect(parsed.title).toBe('Gebührensatzung über die Straßenreinigung');
    expect(parsed.blocks.map((b) => b.text).join('\n')).toContain('Übermaß');
  });

  it('still refuses binary data, also when it starts like UTF-16 or has the zero pattern', () => {
    expect(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x12]))).toThrow(FileError);
    // A BOM followed by control characters (UTF-32 LE's BOM FF FE 00 00 decodes to a NUL).
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]))).toThrow(FileError);
    // 16-bit numbers below 256: every high byte zero, but mostly control characters.
    const numbers = new Uint8Array(Buffer.from(Uint16Array.from({ length: 512 }, (_, i) => (i % 32) + 1).buffer));
    expect(utf16Order(numbers)).toBe('le');
    expect(() => decodeText(numbers)).toThrow(FileError);
    // Zeros everywhere: no pattern, and NUL bytes.
    expect(() => decodeText(new Uint8Array(64))).toThrow(FileError);
  });

  it('does not take single-byte text for UTF-16', () => {
    expect(utf16Order(new TextEncoder().encode('Straße und Gebühr'))).toBeNull();
    expect(decodeText(new TextEncoder().encode('Straße und Gebühr'))).toEqual({ text: 'Straße und Gebühr', encoding: 'utf-8' });
    // "Maß " in Windows-1252: no zero bytes at all.
    expect(decodeText(new Uint8Array([0x4d, 0x61, 0xdf, 0x20]))).toEqual({ text: 'Maß ', encoding: 'windows-1252' });
  });
});
