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
export const RETURN_ADDRESS = { y: ADDRESS_FIELD.y + NOTE_ZONE_HEIGHT - 4.5, height: 4.5 };
export const ADDRESS_ZONE = { y: ADDRESS_FIELD.y + NOTE_ZONE_HEIGHT, height: ADDRESS_FIELD.height - NOTE_ZONE_HEIGHT };
export const INFO_BLOCK = { x: 125, y: 50, width: 75 };
/** Where the subject line begins (first line below the address field and the information block). */
export const SUBJECT_Y = 98.46;
/** Fold marks (105 mm, 210 mm) and the punch mark (148.5 mm), on the left edge. */
export const MARKS = [105, 148.5, 210];

export const mm = (value: number) => Math.round((value * 1440) / 25.4);
export const emu = (value: number) => Math.round(value * 36_000);
