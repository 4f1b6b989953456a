import iconv from 'iconv-lite';
import { FileError } from './types';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'windows-1252' | 'iso-8859-15';
}

/**
 * Reads text as UTF-8 when the bytes are valid UTF-8, else as the legacy
 * encodings common in German offices: Windows-1252 when its typographic
 * characters (0x80–0x9F: „ “ – €) occur, ISO-8859-15 when a 0xA4 (€ there)
 * occurs without them, Windows-1252 otherwise. Binary data is refused.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (looksBinary(bytes)) {
    throw new FileError('Die Datei enthält keinen lesbaren Text (Binärdaten).', 'binary content in text file');
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // not UTF-8: a legacy single-byte encoding
  }
  let c1 = false;
  let euro15 = false;
  for (const b of body) {
    if (b >= 0x80 && b <= 0x9f) c1 = true;
    else if (b === 0xa4) euro15 = true;
  }
  const encoding = !c1 && euro15 ? 'iso-8859-15' : 'windows-1252';
  // iconv-lite, not TextDecoder: Node without full ICU reads "windows-1252" as Latin-1 and loses „ “ –.
  return { text: iconv.decode(Buffer.from(body), encoding), encoding };
}

/** NUL bytes or many control characters in the first 8 KB: not text. UTF-16 with BOM counts as binary here. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / sample.length > 0.05;
}
