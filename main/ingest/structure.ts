import type { ChunkRole } from '../contract';
import { joinLetterSpaced } from './letter-spacing';
import type { Block, ParsedDocument } from './types';

/*
 * The structure documents have beyond their heading markup: section
 * headings recognised by their wording (plain text, PDF, Word without
 * heading styles), and the apparatus that is no answer to anything — a
 * table of contents, the enacting formula, title lines before the text.
 */

/** Heading levels of headings recognised by wording: the divisions above the §. */
const LEVEL = { buch: 1, teil: 1, kapitel: 2, abschnitt: 3, unterabschnitt: 4, section: 5 } as const;

const PARAGRAPH = /^(?:§{1,2}\s*\d+\s*[a-z]?|Art(?:ikel|\.)\s*\d+\s*[a-z]?)\s+(\S.*)$/;
const DIVISION_BEFORE = /^(?:\d{1,2}\.|[IVX]{1,5}\.|(?:Erst|Zweit|Dritt|Viert|Fünft|Sechst|Siebt|Acht|Neunt|Zehnt|Elft|Zwölft)(?:er|es|e))\s*(Buch|Teil|Kapitel|Unterabschnitt|Abschnitt)\b\s*(.*)$/;
const DIVISION_AFTER = /^(Buch|Teil|Kapitel|Unterabschnitt|Abschnitt)\s+(?:\d{1,3}[a-z]?|[IVX]{1,6}|[A-Z])\b\.?\s*(.*)$/;
/** What follows "§ 5" in a reference, not in a heading: "§ 5 Abs. 2 gilt …". */
const REFERENCE = /^(?:Abs\b|Absatz|Satz|Nr\b|Nummer|S\.|Ziff|Buchst|Unterabs|Halbsatz|bis\b|und\b|oder\b|i\.\s?V)/;
const MAX_HEADING_CHARS = 120;

/** First characters a heading by wording can start with (checked before any regular expression). */
const STARTS = new Set([...'§AEZDVFSNTKUBI0123456789']);

/** A title after the number that is no sentence: starts like a title, ends without sentence punctuation, is short. */
function titleLike(rest: string): boolean {
  if (rest === '') return true;
  const first = rest.charCodeAt(0);
  const lower = first >= 97 && first <= 122;
  if (lower || REFERENCE.test(rest)) return false;
  const last = rest.charCodeAt(rest.length - 1);
  if (last === 44 /* , */ || last === 59 /* ; */ || last === 58 /* : */) return false;
  // "§ 3 Begriffsbestimmungen." is a heading; a sentence ending in a full stop has more words.
  if (last === 46 /* . */ && rest.split(' ').length > 5) return false;
  return true;
}

/**
 * The heading level of a line that is a section heading by its wording
 * ("§ 5 Steuersatz", "Art. 3 Gleichheit", "Abschnitt 2 Verfahren",
 * "Erster Teil"), or 0. Cheap for every other line: one character check
 * comes before any regular expression.
 */
export function sectionHeadingLevel(line: string): number {
  const text = line.trim();
  if (text.length < 3 || text.length > MAX_HEADING_CHARS || !STARTS.has(text[0]!)) return 0;
  if (text[0] === '§' || text[0] === 'A') {
    const m = PARAGRAPH.exec(text);
    if (m) return titleLike(m[1]!) ? LEVEL.section : 0;
  }
  const division = DIVISION_BEFORE.exec(text) ?? DIVISION_AFTER.exec(text);
  if (!division) return 0;
  const rest = division[2]!.replace(/^[-–—:.]\s*/, '');
  if (!titleLike(rest)) return 0;
  return LEVEL[division[1]!.toLowerCase() as keyof typeof LEVEL];
}

/** Whether a heading (of any format) names a § or Art. section: such headings mark the document's body. */
export const isParagraphHeading = (text: string) => (text.charCodeAt(0) === 0xa7 /* § */ || text.startsWith('Art')) && PARAGRAPH.test(text);

const TOC_NAMES = new Set(['inhaltsverzeichnis', 'inhaltsübersicht', 'inhalt', 'übersicht', 'inhaltsangabe', 'gliederung']);
const PREAMBLE_NAMES = new Set(['rechtsgrundlage', 'rechtsgrundlagen', 'präambel', 'eingangsformel']);

/** The role a heading gives the text under it: 'toc' for "Inhaltsverzeichnis" & co., 'preamble' for "(Rechtsgrundlage)", "Präambel"; else null. */
export function headingRole(text: string): 'toc' | 'preamble' | null {
  if (text.length > 40) return null;
  const name = text.replace(/[*_()[\]:.]/g, '').trim().toLowerCase();
  if (TOC_NAMES.has(name)) return 'toc';
  if (PREAMBLE_NAMES.has(name)) return 'preamble';
  return null;
}

const TOC_ENTRY = /^(?:(§{1,2}\s*\d+\s*[a-z]?|Art(?:ikel|\.)\s*\d+\s*[a-z]?|Anlage\s+\d+|(?:Abschnitt|Teil|Kapitel)\s+(?:\d+|[IVX]+)|\d{1,2}\.\s*(?:Abschnitt|Teil|Kapitel))|(\d{1,3}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.))\s+(\S.{0,110})$/;
/** Page numbers and dot leaders at the end of a printed toc line. */
const LEADER = /\s*(?:\.{2,}|…|\s)\s*\d{1,4}$/;

/** 0: no toc entry; 1: "§ 5 Steuersatz" and the like; 2: a bare number and a title ("3. Gebühren") — with the title. */
function tocEntry(line: string): { kind: 0 } | { kind: 1 | 2; title: string } {
  // Leading blanks and a list bullet skipped by characters: this runs for lines of many paragraphs.
  let i = 0;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  const bullet = line.charCodeAt(i);
  if ((bullet === 45 || bullet === 42 || bullet === 43 || bullet === 0x2022 || bullet === 0x2013) && (line.charCodeAt(i + 1) === 32 || line.charCodeAt(i + 1) === 9)) {
    i++;
    while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  }
  const c = line.charCodeAt(i);
  // § or a letter a division word starts with, or a digit, or a roman numeral.
  if (!(c === 0xa7 || (c >= 48 && c <= 57) || c === 65 || c === 84 || c === 75 || c === 73 || c === 86 || c === 88)) return { kind: 0 };
  const m = TOC_ENTRY.exec(line.slice(i).trimEnd());
  if (!m) return { kind: 0 };
  const title = m[3]!.replace(LEADER, '');
  // "§ 5 Abs. 1 …" is a reference, and a title starts with a capital or "(weggefallen)".
  const first = title.charCodeAt(0);
  if ((first >= 97 && first <= 122) || REFERENCE.test(title)) return { kind: 0 };
  const last = title.charCodeAt(title.length - 1);
  // A line that ends like a sentence or a clause is list text, not an entry.
  if (last === 46 || last === 44 || last === 59 || last === 58) return { kind: 0 };
  if (title.split(' ').length > 12) return { kind: 0 };
  return m[1] ? { kind: 1, title } : { kind: 2, title };
}

const normaliseTitle = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * A text block that is a table of contents by its structure, whatever its
 * heading: at least 3 lines, most of them entries ("§ 5 Steuersatz",
 * "Art. 3 …", "3. Gebühren") without sentences. A list of bare numbers
 * counts only if its titles are the document's own headings (else it is an
 * ordinary numbered list).
 */
export function isTocBlock(text: string, headingTitles: () => Set<string>): boolean {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  if (lines < 3) return false;
  const allowedMisses = Math.floor(lines * 0.34);
  let misses = 0;
  let strong = 0;
  const bare: string[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const entry = tocEntry(text.slice(start, end));
    start = end + 1;
    if (entry.kind === 0) {
      if (++misses > allowedMisses) return false;
    } else if (entry.kind === 1) strong++;
    else bare.push(entry.title);
  }
  if (strong + bare.length < 3) return false;
  if (strong >= bare.length) return true;
  const titles = headingTitles();
  const known = bare.filter((t) => titles.has(normaliseTitle(t))).length;
  return known * 2 >= bare.length;
}

/** Normalised heading texts of a document, and the same without their number ("§ 5 Steuersatz" → also "steuersatz"). */
function headingTitleSet(blocks: Block[]): Set<string> {
  const set = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== 'heading') continue;
    const title = normaliseTitle(b.text);
    set.add(title);
    set.add(title.replace(/^(?:\d+[a-z]? |[ivx]+ |art \d+ )/, '').replace(/^(?:abschnitt|teil|kapitel) /, ''));
  }
  return set;
}

const ENACTING = /(?:beschlossen|verordnet|erlassen|beschließt|erlässt|verordnen|verkündet|angeordnet)\s*:$/;

/**
 * The enacting formula: "Der Gemeinderat … hat aufgrund von … folgende
 * Satzung beschlossen:" (ends with a colon); `early`, before any body
 * text, also "Aufgrund von § 4 GemO …:" without the verb at its end.
 */
function isEnactingFormula(text: string, early: boolean): boolean {
  const end = text.trimEnd();
  if (end.charCodeAt(end.length - 1) !== 58 /* : */ || end.length > 3000 || end.length < 25) return false;
  return ENACTING.test(end) || (early && /^(?:Aufgrund|Auf Grund)\b/.test(end) && end.includes('§'));
}

/** Title and metadata lines ("Satzung über …", "vom 29.05.2008", "Stand: …"): short lines, no sentences. */
function isFrontBlock(text: string): boolean {
  if (text.length > 600) return false;
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (l.length > 150) return false;
    const last = l.charCodeAt(l.length - 1);
    if ((last === 46 || last === 33 || last === 63) && l.split(' ').length >= 6) return false;
  }
  return true;
}

/**
 * The role of every block: 'toc', 'preamble', 'front' or 'body' (headings
 * get the role of their section). One pass; the rules, in order:
 * a formula before the first § is 'preamble'; a section under a toc or
 * preamble heading has that role (prose in a "toc" section stays body);
 * a block structured as a toc is 'toc'; title and metadata lines before
 * the first heading are 'front' (unless they are the whole text).
 */
export function blockRoles(blocks: Block[]): ChunkRole[] {
  const roles: ChunkRole[] = new Array<ChunkRole>(blocks.length);
  let titles: Set<string> | null = null;
  const headingTitles = () => (titles ??= headingTitleSet(blocks));
  let sectionRole: 'toc' | 'preamble' | null = null;
  let seenParagraph = false;
  let seenHeading = false;
  let seenBody = false;
  let front = true;
  const frontBlocks: number[] = [];
  blocks.forEach((block, i) => {
    if (block.kind === 'heading') {
      sectionRole = headingRole(block.text);
      seenHeading = true;
      if (!seenParagraph && isParagraphHeading(block.text)) seenParagraph = true;
      roles[i] = sectionRole ?? 'body';
      return;
    }
    let role: ChunkRole = 'body';
    if (!seenParagraph && isEnactingFormula(block.text, !seenBody)) role = 'preamble';
    else if (sectionRole === 'preamble') role = 'preamble';
    else if (sectionRole === 'toc') role = isFrontBlock(block.text) || isTocBlock(block.text, headingTitles) ? 'toc' : 'body';
    else if (isTocBlock(block.text, headingTitles)) role = 'toc';
    else if (!seenHeading && front && frontBlocks.length < 5 && isFrontBlock(block.text)) {
      role = 'front';
      frontBlocks.push(i);
    }
    if (role !== 'front') front = false;
    if (role === 'body') seenBody = true;
    roles[i] = role;
  });
  // A document that is nothing but short lines is its own text, not its front matter.
  if (frontBlocks.length > 0 && !blocks.some((b, i) => b.kind === 'text' && roles[i] !== 'front')) for (const i of frontBlocks) roles[i] = 'body';
  return roles;
}

/** Whether lines i+1 and i+2 are headings by wording too: then line i starts a list (a table of contents), not a section. */
export function startsList(isHeadingLine: (i: number) => boolean, i: number): boolean {
  return isHeadingLine(i + 1) && isHeadingLine(i + 2);
}

/**
 * In a document without heading markup for its sections (Word without
 * heading styles, HTML of plain paragraphs): a paragraph whose first line
 * is a heading by wording becomes that heading (and the rest of it a
 * paragraph). Runs of three or more such lines are a list — a table of
 * contents — and stay text.
 */
export function headingsFromParagraphs(blocks: Block[]): Block[] {
  if (!blocks.some((b) => b.kind === 'text') || blocks.some((b) => b.kind === 'heading' && sectionHeadingLevel(b.text) > 0)) return blocks;
  // Levels of the single-line paragraphs that are headings by wording (0 for every other block).
  const single = blocks.map((b) => (b.kind === 'text' && !b.text.includes('\n') ? sectionHeadingLevel(b.text) : 0));
  const inRun = (i: number) => (single[i] ?? 0) > 0;
  const out: Block[] = [];
  blocks.forEach((block, i) => {
    if (block.kind !== 'text') return out.push(block);
    if (single[i]! > 0) {
      // A run of three or more single-line headings is a list.
      const run = (inRun(i - 1) && inRun(i + 1)) || startsList(inRun, i) || (inRun(i - 1) && inRun(i - 2));
      out.push(run ? block : { ...block, kind: 'heading', level: single[i]!, text: block.text.trim().replace(/\s+/g, ' ') });
      return;
    }
    const lines = block.text.split('\n');
    const levels = (n: number) => (n < lines.length ? sectionHeadingLevel(lines[n]!) : 0);
    let n = 0;
    while (n < lines.length - 1 && levels(n) > 0 && !startsList((k) => levels(k) > 0, n)) {
      out.push({ ...block, kind: 'heading', level: levels(n), text: lines[n]!.trim().replace(/\s+/g, ' '), ...(block.lineStart !== undefined ? { lineStart: block.lineStart + n, lineEnd: block.lineStart + n } : {}) });
      n++;
    }
    if (n === 0) return out.push(block);
    out.push({ ...block, text: lines.slice(n).join('\n').trim(), ...(block.lineStart !== undefined ? { lineStart: block.lineStart + n } : {}) });
  });
  return out;
}

/** What every parser does last: letter-spaced words joined in the title and every block. */
export function finishParsed(doc: ParsedDocument): ParsedDocument {
  const title = doc.title === null ? null : joinLetterSpaced(doc.title);
  let changed = title !== doc.title;
  const blocks = doc.blocks.map((b) => {
    const text = joinLetterSpaced(b.text);
    if (text === b.text) return b;
    changed = true;
    return { ...b, text };
  });
  return changed ? { ...doc, title, blocks } : doc;
}
