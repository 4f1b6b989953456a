import { Parser } from 'htmlparser2';
import { decodeText } from '../decode';
import { finishParsed, headingsFromParagraphs } from '../structure';
import type { Block, ParsedDocument } from '../types';

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
  let title: string | null = null;
  let inTitle = false;
  let skip = 0;
  let heading: number | null = null;
  let buffer = '';
  let bufferStart = -1;
  let lastEnd = 0;

  const flush = () => {
    const text = buffer.replace(/[ \t\f\v\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
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

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP_TAGS.has(name) && name !== 'head') skip++;
        if (name === 'title') inTitle = true;
        const h = /^h([1-6])$/.exec(name);
        if (h) {
          flush();
          heading = Number(h[1]);
        } else if (BLOCK_TAGS.has(name)) {
          if (name === 'br') buffer += '\n';
          else flush();
        }
      },
      onclosetag(name) {
        if (SKIP_TAGS.has(name) && name !== 'head') skip = Math.max(0, skip - 1);
        if (name === 'title') inTitle = false;
        if (/^h[1-6]$/.test(name)) {
          flush();
          heading = null;
        } else if (BLOCK_TAGS.has(name) && name !== 'br') flush();
      },
      ontext(text) {
        if (inTitle) {
          title = ((title ?? '') + text).trim();
          return;
        }
        if (skip > 0) return;
        if (bufferStart < 0 && text.trim()) bufferStart = parser.startIndex;
        buffer += text;
        lastEnd = parser.endIndex;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  title ||= blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text ?? null;
  // After the title: a heading by wording ("Erster Teil") is no document title.
  return { title: title || null, blocks: headingsFromParagraphs(blocks) };
}

export function parseHtml(bytes: Uint8Array): ParsedDocument {
  const { text, encoding } = decodeText(bytes);
  return finishParsed({ ...parseHtmlString(text, { countLines: true }), encoding });
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
