import { decodeText } from '../decode';
import { finishParsed, sectionHeadingLevel, startsList } from '../structure';
import type { Block, ParsedDocument } from '../types';

/**
 * Plain text: paragraphs between blank lines. A paragraph's first line
 * that is a heading by its wording ("§ 28 Anhörung Beteiligter",
 * "Abschnitt 2 Verfahren") becomes a heading, unless it starts a list of
 * such lines (a table of contents).
 */
export function parsePlainText(bytes: Uint8Array): ParsedDocument {
  const { text, encoding } = decodeText(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start >= 0) {
      const body = lines.slice(start, end).join('\n').trim();
      if (body) blocks.push({ kind: 'text', text: body, lineStart: start + 1, lineEnd: end });
    }
    start = -1;
  };
  const isHeadingLine = (i: number) => i < lines.length && sectionHeadingLevel(lines[i]!) > 0;
  lines.forEach((line, i) => {
    if (line.trim() === '') return flush(i);
    // Only a paragraph's first line can be a heading: the check runs once per paragraph, not per line.
    if (start < 0) {
      const level = sectionHeadingLevel(line);
      if (level > 0 && !startsList(isHeadingLine, i)) {
        blocks.push({ kind: 'heading', level, text: line.trim().replace(/\s+/g, ' '), lineStart: i + 1, lineEnd: i + 1 });
        return;
      }
      start = i;
    }
  });
  flush(lines.length);
  const firstLine = blocks[0]?.text.split('\n')[0]?.trim();
  return finishParsed({ title: firstLine && firstLine.length <= 120 ? firstLine : null, blocks, encoding });
}
