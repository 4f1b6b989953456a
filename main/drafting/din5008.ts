/**
 * DIN 5008 Form B on A4, in millimetres from the page's top left corner.
 * Form B: letterhead 45 mm high; address field 20 mm from the left edge,
 * 45 mm from the top, 85 × 45 mm, of which the upper 17.7 mm are the
 * Zusatz- und Vermerkzone (with the return address at its foot) and the
 * lower 27.3 mm the Anschriftzone; information block to the right from
 * 50 mm; text starts at 25 mm from the left.
 */
export const PAGE = { width: 210, height: 297 };
export const MARGIN = { left: 25, right: 20, top: 27, bottom: 30, header: 10, footer: 8 };
export const ADDRESS_FIELD = { x: 20, y: 45, width: 85, height: 45 };
const NOTE_ZONE_HEIGHT = 17.7;
/** Text in the address field starts at the writing edge (25 mm), 5 mm inside the window. */
export const ADDRESS_TEXT_X = 25;
export const ADDRESS_ZONE = { y: ADDRESS_FIELD.y + NOTE_ZONE_HEIGHT, height: ADDRESS_FIELD.height - NOTE_ZONE_HEIGHT };
export const INFO_BLOCK = { x: 125, y: 50, width: 75 };
/** Where the subject line begins (first line below the address field and the information block). */
export const SUBJECT_Y = 98.46;
/** Fold marks (105 mm, 210 mm) and the punch mark (148.5 mm, the middle of the page), on the left edge. */
export const MARKS = [105, 148.5, 210];

export const mm = (value: number) => Math.round((value * 1440) / 25.4);
export const emu = (value: number) => Math.round(value * 36_000);

/** Width of the text in the window: from the writing edge to the window's right edge. */
export const WINDOW_TEXT_WIDTH = ADDRESS_FIELD.x + ADDRESS_FIELD.width - ADDRESS_TEXT_X;
/** At most this many lines fit the Anschriftzone (27.3 mm at 12.5 pt lines). */
export const MAX_ADDRESS_LINES = 6;
/** At most this many lines of Vermerke ("Einschreiben") above the return address. */
export const MAX_NOTE_LINES = 3;
/** Fold and punch marks: from the page's left edge, length in mm. */
export const MARK_X = 5;
export const MARK_LENGTH = { fold: 5, punch: 8 };

/** Points to millimetres. */
export const ptToMm = (pt: number) => (pt * 25.4) / 72;

/*
 * Advance widths of Arial (= Helvetica = Liberation Sans) in 1/1000 em, for
 * ASCII 32…126; used to fit the return address and to check address lines.
 */
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584,
  556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278,
  469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260,
  334, 584,
];
const OTHER_WIDTHS: Record<string, number> = { ä: 556, ö: 556, ü: 556, Ä: 667, Ö: 778, Ü: 722, ß: 611, '·': 278, '–': 556, '—': 1000, '„': 333, '“': 333, '”': 333, '€': 556, '§': 556, é: 556, è: 556, á: 556, à: 556 };

/** The printed width of a text in Arial, in mm (a little generous: unknown characters count as wide). */
export function textWidthMm(text: string, sizePt: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32]! : (OTHER_WIDTHS[ch] ?? 722);
  }
  return ptToMm((units / 1000) * sizePt * (bold ? 1.08 : 1));
}

/** The return address as printed: font size and line height in points, and its lines. */
export interface ReturnAddressLayout {
  sizePt: number;
  linePt: number;
  lines: string[];
}

/**
 * Fits the Rücksendeangabe into the window's width (DIN 5008: 6 to 8 pt):
 * one line at 7 pt, else one line at 6 pt, else wrapped at 6 pt (between
 * the " · " parts, within a part between words). Never clipped: the frame
 * grows upwards into the Vermerkzone.
 */
export function layoutReturnAddress(text: string): ReturnAddressLayout {
  const budget = WINDOW_TEXT_WIDTH - 2;
  for (const sizePt of [7, 6]) {
    if (textWidthMm(text, sizePt) <= budget) return { sizePt, linePt: sizePt + 1, lines: text ? [text] : [] };
  }
  const sizePt = 6;
  const fits = (line: string) => textWidthMm(line, sizePt) <= budget;
  const lines: string[] = [];
  let current = '';
  const add = (piece: string, separator: string) => {
    const candidate = current ? `${current}${separator}${piece}` : piece;
    if (fits(candidate) || !current) current = candidate;
    else {
      lines.push(current);
      current = piece;
    }
  };
  for (const part of text.split(' · ')) {
    if (fits(part)) add(part, ' · ');
    else part.split(' ').forEach((word, i) => add(word, i === 0 ? ' · ' : ' '));
  }
  if (current) lines.push(current);
  return { sizePt, linePt: sizePt + 1, lines };
}
