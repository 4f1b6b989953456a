import type { ChunkRole } from '../contract';
import { HEADING_SEPARATOR, type Chunk } from '../index/chunk-row';
import { blockRoles, headingRole } from './structure';
import type { Block, ParsedDocument } from './types';

interface ChunkOptions {
  /** A section longer than this is split on paragraph boundaries. */
  maxChars: number;
  /** A paragraph up to this length is repeated at the start of the next piece. */
  overlapChars: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { maxChars: 1800, overlapChars: 320 };

interface Piece {
  text: string;
  role: ChunkRole;
  lineStart?: number;
  lineEnd?: number;
  page?: number;
}

/**
 * Chunks that follow the document's own structure: every heading starts a
 * section that keeps its heading path ("§ 28 Anhörung Beteiligter" stays
 * with its text); a long section is split on paragraph boundaries with a
 * short overlap; a PDF chunk never spans two pages, so its page is exact.
 * A chunk never mixes roles (a table of contents, the preamble, the front
 * lines and the body are chunks of their own), and a toc or preamble
 * heading is never the parent of the sections after it.
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const chunks: Chunk[] = [];
  const stack: Block[] = [];
  let section: Piece[] = [];
  let sectionHeading: Block | undefined;

  const headingPath = () => stack.map((b) => b.text).join(HEADING_SEPARATOR);
  const roles = blockRoles(doc.blocks);
  // Whether the heading on top of the stack is a toc or preamble heading (popped by any next heading).
  let apparatusOnTop = false;

  const flush = () => {
    if (section.length > 0) emitSection(section, headingPath(), sectionHeading, options, chunks);
    section = [];
    sectionHeading = undefined;
  };

  doc.blocks.forEach((block, i) => {
    if (block.kind === 'heading') {
      flush();
      if (apparatusOnTop) stack.pop();
      const level = block.level ?? 1;
      while (stack.length > 0 && (stack[stack.length - 1]!.level ?? 1) >= level) stack.pop();
      stack.push(block);
      apparatusOnTop = headingRole(block.text) !== null;
      sectionHeading = block;
      return;
    }
    const role = roles[i]!;
    const last = section[section.length - 1];
    if (last && ((block.page !== undefined && last.page !== block.page) || last.role !== role)) {
      const heading = sectionHeading;
      flush();
      // The heading's line starts only the section's first chunk (and the first on its own page).
      sectionHeading = last.role === role && heading && heading.page === block.page ? heading : undefined;
    }
    for (const piece of splitLongBlock(block, options.maxChars, role)) section.push(piece);
  });
  flush();
  return chunks;
}

function emitSection(pieces: Piece[], heading: string, headingBlock: Block | undefined, options: ChunkOptions, out: Chunk[]): void {
  let current: Piece[] = [];
  let size = 0;
  let first = true;
  const emit = () => {
    if (current.length === 0) return;
    const lineStart = first && headingBlock?.lineStart !== undefined ? headingBlock.lineStart : current[0]!.lineStart;
    out.push({
      heading,
      text: current.map((p) => p.text).join('\n\n'),
      role: current[0]!.role,
      ...(lineStart !== undefined ? { lineStart } : {}),
      ...(current[current.length - 1]!.lineEnd !== undefined ? { lineEnd: current[current.length - 1]!.lineEnd } : {}),
      ...(current[0]!.page !== undefined ? { page: current[0]!.page } : {}),
    });
    first = false;
  };
  for (const piece of pieces) {
    if (size > 0 && size + piece.text.length > options.maxChars) {
      emit();
      const last = current[current.length - 1]!;
      current = last.text.length <= options.overlapChars ? [last] : [];
      size = current.reduce((n, p) => n + p.text.length, 0);
    }
    current.push(piece);
    size += piece.text.length + 2;
  }
  emit();
}

/**
 * A single paragraph longer than the limit is cut into pieces of at most
 * `maxChars`: at the last sentence end (or line break) in the second half
 * of the piece, else at the last blank there, else hard (never inside a
 * surrogate pair). Nothing is lost but the blanks at the cuts, and the
 * lines of every piece are counted exactly. One pass over the text: a
 * paragraph of 50 MB on one line costs what 50 MB of short ones do (counting
 * the lines from the paragraph's start for every piece was quadratic).
 */
function splitLongBlock(block: Block, maxChars: number, role: ChunkRole): Piece[] {
  const text = block.text;
  if (text.length <= maxChars) return [{ text, role, lineStart: block.lineStart, lineEnd: block.lineEnd, page: block.page }];
  const lines = block.lineStart !== undefined ? new LineCounter(text, block.lineStart) : null;
  const pieces: Piece[] = [];
  for (let start = skipBlanks(text, 0); start < text.length; ) {
    const cut = text.length - start <= maxChars ? text.length : cutPoint(text, start, maxChars);
    let end = cut;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    if (end > start) pieces.push({ text: text.slice(start, end), role, lineStart: lines?.lineAt(start), lineEnd: lines?.lineAt(end), page: block.page });
    start = skipBlanks(text, cut);
  }
  return pieces;
}

/** Where a piece that starts at `start` ends (exclusive), at most `maxChars` on; looks back over its second half only. */
function cutPoint(text: string, start: number, maxChars: number): number {
  const limit = start + maxChars;
  const earliest = start + Math.ceil(maxChars / 2);
  for (let i = limit; i > earliest; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 10) return i;
    // A sentence end: . ! ? followed by a blank.
    if ((c === 46 || c === 33 || c === 63) && isBlank(text.charCodeAt(i))) return i;
  }
  for (let i = limit; i > earliest; i--) if (isBlank(text.charCodeAt(i - 1))) return i;
  // No blank at all (a table cell, a hash, a base64 image): cut hard, but not between the halves of a surrogate pair.
  const high = text.charCodeAt(limit - 1);
  return high >= 0xd800 && high <= 0xdbff ? limit - 1 : limit;
}

/** JavaScript's white space (what String.prototype.trim removes). */
function isBlank(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

/** Line numbers of offsets in a text, asked for in ascending order: each line break is looked for once. */
class LineCounter {
  private line: number;
  /** The first line break not counted yet (-1: none left). */
  private nextBreak: number;

  constructor(
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
    this.nextBreak = text.indexOf('\n');
  }

  /** The line of the character at `offset` (of the last one before it, for the end of a piece). */
  lineAt(offset: number): number {
    while (this.nextBreak >= 0 && this.nextBreak < offset) {
      this.line++;
      this.nextBreak = this.text.indexOf('\n', this.nextBreak + 1);
    }
    return this.line;
  }
}
