/**
 * {{Platzhalter}} in the XML of a Word document. Word often splits what the
 * user typed as one placeholder over several runs (spell checking, an edit,
 * a change of formatting): "{{Na" "me}}". The text of a paragraph's <w:t>
 * elements is therefore read as one string; a placeholder found in it is
 * replaced in the first run it touches and removed from the others, so the
 * document's formatting and layout stay as they were.
 */

interface TextElement {
  /** [start, end) of the whole <w:t …>…</w:t> element in the XML. */
  start: number;
  end: number;
  text: string;
}

const TOKENS = /<w:p[\s>]|<\/w:p>|<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:t(?:\s[^>]*)?\/>/g;
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The <w:t> elements of each paragraph, in order (nested paragraphs of text boxes are their own). */
export function paragraphsOf(xml: string): TextElement[][] {
  const paragraphs: TextElement[][] = [];
  const stack: TextElement[][] = [];
  for (const match of xml.matchAll(TOKENS)) {
    const token = match[0];
    if (token.startsWith('</w:p')) {
      const done = stack.pop();
      if (done && done.length > 0) paragraphs.push(done);
    } else if (token.startsWith('<w:p')) {
      stack.push([]);
    } else {
      const element = { start: match.index, end: match.index + token.length, text: decodeXml(match[1] ?? '') };
      stack.at(-1)?.push(element);
    }
  }
  return paragraphs;
}

/** The placeholder names of a part, in order of first appearance, with whether one stands alone in its paragraph. */
export function placeholdersIn(xml: string): { name: string; alone: boolean }[] {
  const found: { name: string; alone: boolean }[] = [];
  for (const paragraph of paragraphsOf(xml)) {
    const text = paragraph.map((t) => t.text).join('');
    for (const match of text.matchAll(PLACEHOLDER)) found.push({ name: match[1]!, alone: text.trim() === match[0] });
  }
  return found;
}

/** Replaces every placeholder through `valueOf` (line breaks become <w:br/>); other XML is left byte for byte. */
export function fillPlaceholders(xml: string, valueOf: (name: string) => string): string {
  const replacements = new Map<TextElement, string>();
  for (const paragraph of paragraphsOf(xml)) {
    const texts = paragraph.map((t) => t.text);
    const joined = texts.join('');
    const matches = [...joined.matchAll(PLACEHOLDER)];
    if (matches.length === 0) continue;
    const starts: number[] = [];
    let offset = 0;
    for (const text of texts) {
      starts.push(offset);
      offset += text.length;
    }
    const locate = (pos: number) => {
      let i = texts.length - 1;
      while (i > 0 && starts[i]! > pos) i--;
      while (i < texts.length - 1 && texts[i]!.length === 0 && starts[i]! === pos) i++;
      return i;
    };
    for (const match of matches.reverse()) {
      const start = match.index;
      const end = start + match[0].length;
      const first = locate(start);
      const last = locate(end - 1);
      const value = valueOf(match[1]!);
      const head = texts[first]!.slice(0, start - starts[first]!);
      const tail = texts[last]!.slice(end - starts[last]!);
      if (first === last) texts[first] = head + value + tail;
      else {
        texts[first] = head + value;
        for (let k = first + 1; k < last; k++) texts[k] = '';
        texts[last] = tail;
      }
    }
    paragraph.forEach((element, i) => {
      if (texts[i] !== element.text) replacements.set(element, texts[i]!);
    });
  }
  if (replacements.size === 0) return xml;
  const ordered = [...replacements.entries()].sort((a, b) => a[0].start - b[0].start);
  let out = '';
  let last = 0;
  for (const [element, text] of ordered) {
    out += xml.slice(last, element.start) + textElement(text);
    last = element.end;
  }
  return out + xml.slice(last);
}

function textElement(text: string): string {
  return text
    .split('\n')
    .map((line) => `<w:t xml:space="preserve">${encodeXml(line)}</w:t>`)
    .join('<w:br/>');
}

function encodeXml(text: string): string {
  // Characters XML 1.0 does not allow are dropped (a pasted control character would break the file).
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[entity]!;
  });
}
