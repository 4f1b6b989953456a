import { parse as parseYaml } from 'yaml';
import { decodeText } from '../decode';
import { metaFromFrontMatter, type MetaHints } from '../meta';
import { finishParsed } from '../structure';
import type { Block, ParsedDocument } from '../types';

const FENCE = /^\s*(```|~~~)/;

/** Markdown: YAML front matter (title and metadata), ATX headings, paragraphs, with their source lines. */
export function parseMarkdown(bytes: Uint8Array): ParsedDocument {
  const { text, encoding } = decodeText(bytes);
  // Split by a regular expression only where there are carriage returns (files from Windows): it costs more.
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
  let title: string | null = null;
  let meta: MetaHints | undefined;
  let i = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((l, n) => n > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (end > 0) {
      ({ title, meta } = frontMatter(lines.slice(1, end)));
      i = end + 1;
    }
  }
  const blocks: Block[] = [];
  let para: { start: number; lines: string[] } | null = null;
  let fence = false;
  const flush = (endLine: number) => {
    if (para) blocks.push({ kind: 'text', text: para.lines.join('\n').trim(), lineStart: para.start, lineEnd: endLine });
    para = null;
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    // The regular expressions only for lines that can match them (every line of every file passes here).
    if ((line.includes('```') || line.includes('~~~')) && FENCE.test(line)) fence = !fence;
    const heading = fence || line.charCodeAt(0) !== 35 /* # */ ? null : atxHeading(line);
    if (heading) {
      flush(lineNo - 1);
      if (heading.text) blocks.push({ kind: 'heading', level: heading.level, text: heading.text, lineStart: lineNo, lineEnd: lineNo });
      continue;
    }
    if (line.trim() === '') {
      flush(lineNo - 1);
      continue;
    }
    if (!para) para = { start: lineNo, lines: [] };
    (para as { lines: string[] }).lines.push(line);
  }
  flush(lines.length);
  title ??= blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text ?? null;
  return finishParsed({ title, blocks: blocks.filter((b) => b.text !== ''), encoding, ...(meta && Object.keys(meta).length > 0 ? { meta } : {}) });
}

const isSpaceOrTab = (c: number) => c === 32 || c === 9;

/**
 * An ATX heading: 1–6 "#", a blank, the text; closing "#"s and blanks
 * dropped. By characters, not by a regular expression: a lazy text
 * followed by optional closing characters retried every position of a line
 * of "# # # …" (quadratic in the line's length).
 */
export function atxHeading(line: string): { level: number; text: string } | null {
  let level = 0;
  while (level < line.length && line.charCodeAt(level) === 35) level++;
  if (level < 1 || level > 6 || !isSpaceOrTab(line.charCodeAt(level))) return null;
  let end = line.length;
  while (end > level) {
    const c = line.charCodeAt(end - 1);
    if (c !== 35 && !isSpaceOrTab(c)) break;
    end--;
  }
  return { level, text: line.slice(level, end).trim() };
}

/** Title and metadata of the front matter: YAML, or "key: value" lines where it is not valid YAML. */
function frontMatter(lines: string[]): { title: string | null; meta: MetaHints } {
  try {
    return metaFromFrontMatter(parseYaml(lines.join('\n')));
  } catch {
    let title: string | null = null;
    for (const l of lines) {
      const m = /^tit(?:le|el):\s*(.+)$/i.exec(l.trim());
      if (m) title = m[1]!.replace(/^["']|["']$/g, '').trim();
    }
    return { title, meta: {} };
  }
}
