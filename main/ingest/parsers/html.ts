import { decodeText } from '../decode';
import { finishParsed, headingsFromParagraphs } from '../structure';
import type { Block, ParsedDocument } from '../types';
import { scanMarkup } from './markup';

const BLOCK_TAGS = new Set(['p', 'li', 'td', 'th', 'div', 'section', 'article', 'blockquote', 'pre', 'dd', 'dt', 'tr', 'br', 'caption', 'figcaption', 'address']);
const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'nav']);

/**
 * HTML: h1–h6 as headings, block elements as paragraphs; scripts, styles and
 * navigation ignored. Lines are counted in the source (null for converted
 * documents such as DOCX, whose HTML has no source lines).
 */
export function parseHtmlString(html: string, options: { countLines: boolean }): ParsedDocument {
  const lineStarts = options.countLines ? lineIndex(html) : null;
  const lineAt = (offset: number) => (lineStarts ? upperBound(lineStarts, offset) : undefined);
  const blocks: Block[] = [];
  // The title element's text, joined and trimmed once at the end (it comes in pieces: every entity is one).
  const titleParts: string[] = [];
  let inTitle = false;
  let skip = 0;
  let heading: number | null = null;
  let buffer = '';
  let bufferStart = -1;
  let lastEnd = 0;

  const flush = () => {
    const text = collapseWhitespace(buffer);
    if (text) {
      blocks.push({
        kind: heading ? 'heading' : 'text',
        ...(heading ? { level: heading } : {}),
        text: heading ? text.replace(/\s+/g, ' ') : text,
        lineStart: lineAt(bufferStart),
        lineEnd: lineAt(lastEnd),
      });
    }
    buffer = '';
    bufferStart = -1;
  };

  scanMarkup(
    html,
    {
      open(name) {
        if (SKIP_TAGS.has(name) && name !== 'head') skip++;
        if (name === 'title') inTitle = true;
        const h = headingLevel(name);
        if (h) {
          flush();
          heading = h;
        } else if (BLOCK_TAGS.has(name)) {
          if (name === 'br') buffer += '\n';
          else flush();
        }
      },
      close(name) {
        if (SKIP_TAGS.has(name) && name !== 'head') skip = Math.max(0, skip - 1);
        if (name === 'title') inTitle = false;
        if (headingLevel(name)) {
          flush();
          heading = null;
        } else if (BLOCK_TAGS.has(name) && name !== 'br') flush();
      },
      text(text, start, end) {
        if (inTitle) {
          titleParts.push(text);
          return;
        }
        if (skip > 0) return;
        if (bufferStart < 0 && text.trim()) bufferStart = start;
        buffer += text;
        lastEnd = end;
      },
    },
    { xml: false },
  );
  flush();
  let title = titleParts.join('').trim() || null;
  title ||= blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text ?? null;
  // After the title: a heading by wording ("Erster Teil") is no document title.
  return { title: title || null, blocks: headingsFromParagraphs(blocks) };
}

export function parseHtml(bytes: Uint8Array): ParsedDocument {
  const { text, encoding } = decodeText(bytes);
  return finishParsed({ ...parseHtmlString(text, { countLines: true }), encoding });
}

/** "h1"–"h6" → 1–6, else 0. */
function headingLevel(name: string): number {
  if (name.length !== 2 || name.charCodeAt(0) !== 104 /* h */) return 0;
  const level = name.charCodeAt(1) - 48;
  return level >= 1 && level <= 6 ? level : 0;
}

/**
 * Runs of blanks become one space, whitespace around line breaks and blank
 * lines become one line break, the ends are trimmed. Line by line: a
 * regular expression of blanks, a line break and blanks retries every
 * position of a long run of blanks (quadratic).
 */
export function collapseWhitespace(text: string): string {
  const lines = text.replace(/[ \t\f\v\u00a0]+/g, ' ').split('\n');
  let out = '';
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed) out = out ? `${out}\n${trimmed}` : trimmed;
  }
  return out;
}

function lineIndex(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line of an offset. */
function upperBound(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
