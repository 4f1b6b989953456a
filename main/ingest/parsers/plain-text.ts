import { decodeText } from '../decode';
import type { Block, ParsedDocument } from '../types';

/** "§ 28 Anhörung Beteiligter" or "Art. 3 Gleichheit" alone on a line: a section heading in plain text. */
export const SECTION_LINE = /^\s*(§{1,2}\s*\d+[a-z]?|Art(?:ikel|\.)\s*\d+[a-z]?)\b\s*\S.{0,150}$/;

/** Plain text: paragraphs between blank lines; lines that look like a § heading become headings. */
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
  lines.forEach((line, i) => {
    if (line.trim() === '') return flush(i);
    const isolated = (i === 0 || lines[i - 1]!.trim() === '') && (i === lines.length - 1 || lines[i + 1]!.trim() === '');
    if (isolated && SECTION_LINE.test(line)) {
      flush(i);
      blocks.push({ kind: 'heading', level: 3, text: line.trim(), lineStart: i + 1, lineEnd: i + 1 });
      return;
    }
    if (start < 0) start = i;
  });
  flush(lines.length);
  const firstLine = blocks[0]?.text.split('\n')[0]?.trim();
  return { title: firstLine && firstLine.length <= 120 ? firstLine : null, blocks, encoding };
}
