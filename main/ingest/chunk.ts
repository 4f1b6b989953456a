import type { ChunkRole } from '../contract';
import { blockRoles, headingRole } from './structure';
import type { Block, ParsedDocument } from './types';

export interface Chunk {
  /** Heading path, outermost first, joined with " › ". */
  heading: string;
  text: string;
  /** What the chunk is within its document (see structure.ts blockRoles). */
  role: ChunkRole;
  lineStart?: number;
  lineEnd?: number;
  page?: number;
}

export interface ChunkOptions {
  /** A section longer than this is split on paragraph boundaries. */
  maxChars: number;
  /** A paragraph up to this length is repeated at the start of the next piece. */
  overlapChars: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { maxChars: 1800, overlapChars: 320 };
export const HEADING_SEPARATOR = ' › ';

/** A chunk as callers may give it to the store: without a role it is body text. */
export type ChunkInput = Omit<Chunk, 'role'> & { role?: ChunkRole };

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

/** A single paragraph longer than the limit is cut at sentence ends; its lines are counted exactly. */
function splitLongBlock(block: Block, maxChars: number, role: ChunkRole): Piece[] {
  const whole: Piece = { text: block.text, role, lineStart: block.lineStart, lineEnd: block.lineEnd, page: block.page };
  if (block.text.length <= maxChars) return [whole];
  const sentences = block.text.match(/[^.!?\n]+(?:[.!?]+|\n|$)\s*/g) ?? [block.text];
  const pieces: Piece[] = [];
  let text = '';
  let offset = 0;
  let pieceStart = 0;
  const push = () => {
    if (!text.trim()) return;
    const startLine = block.lineStart !== undefined ? block.lineStart + countNewlines(block.text, 0, pieceStart) : undefined;
    const endLine = block.lineStart !== undefined ? block.lineStart + countNewlines(block.text, 0, pieceStart + text.trimEnd().length) : undefined;
    pieces.push({ text: text.trim(), role, lineStart: startLine, lineEnd: endLine, page: block.page });
  };
  for (const sentence of sentences) {
    if (text.length > 0 && text.length + sentence.length > maxChars) {
      push();
      pieceStart = offset;
      text = '';
    }
    // A "sentence" longer than the limit (a table, a list without stops) is cut hard.
    for (let i = 0; i < sentence.length; i += maxChars) {
      const part = sentence.slice(i, i + maxChars);
      if (text.length > 0 && text.length + part.length > maxChars) {
        push();
        pieceStart = offset + i;
        text = '';
      }
      text += part;
    }
    offset += sentence.length;
  }
  push();
  return pieces;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
