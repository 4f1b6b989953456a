import iconv from 'iconv-lite';
import { FileError } from '../file-error';

interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-15';
}

const BINARY = () => new FileError('Die Datei enthält keinen lesbaren Text (Binärdaten).', 'binary content in text file');

/** How much of a file the binary and UTF-16 checks look at. */
const SAMPLE_BYTES = 8192;

/**
 * Reads text as UTF-16 when it says so (a BOM: what Windows Notepad saves as
 * "Unicode") or its bytes show it (see utf16Order), as UTF-8 when the bytes
 * are valid UTF-8, else as the legacy encodings common in German offices:
 * Windows-1252 when its typographic characters (0x80–0x9F: „ “ – €)
 * occur, ISO-8859-15 when a 0xA4 (€ there) occurs without them,
 * Windows-1252 otherwise. Binary data is refused.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const order = utf16Order(bytes);
  if (order) {
    const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 0;
    // An odd last byte is half a character: dropped.
    const body = Buffer.from(bytes.subarray(bom, bom + ((bytes.length - bom) & ~1)));
    if (order === 'be') body.swap16();
    const text = wellFormed(body.toString('utf16le'));
    if (looksBinaryText(text)) throw BINARY();
    return { text, encoding: order === 'le' ? 'utf-16le' : 'utf-16be' };
  }
  if (looksBinary(bytes)) throw BINARY();
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

/**
 * The byte order of UTF-16 text, or null for anything else. With a BOM
 * (FF FE little endian, FE FF big endian) it is UTF-16. Without one, the
 * pattern decides: German text is almost all Latin characters (U+0000 to
 * U+00FF, umlauts and ß included), whose high byte is zero, so in the
 * first 8 KB at least half of the high bytes are zero and hardly any low
 * byte (2 %). Binary data that happens to fit is refused after decoding
 * by its control characters.
 */
export function utf16Order(bytes: Uint8Array): 'le' | 'be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const pairs = sample.length >> 1;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const clear = (high: number, low: number) => high >= pairs * 0.5 && low <= pairs * 0.02;
  if (clear(oddZeros, evenZeros)) return 'le';
  if (clear(evenZeros, oddZeros)) return 'be';
  return null;
}

/** Lone surrogates (a damaged file) as U+FFFD, so that the text stores as valid UTF-8. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** NUL bytes or many control characters in the first 8 KB: not text. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  if (sample.length === 0) return false;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / sample.length > 0.05;
}

/** The same check on decoded text (UTF-16): NUL or many control characters in the first 4 096 characters. */
function looksBinaryText(text: string): boolean {
  const sample = text.slice(0, SAMPLE_BYTES / 2);
  if (sample.length === 0) return false;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) control++;
  }
  return control / sample.length > 0.05;
}
