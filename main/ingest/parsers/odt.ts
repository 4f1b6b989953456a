import { checkZip, readZipEntries } from '../../zip';
import { authorityFromProperty, metaFromText, type MetaHints } from '../meta';
import { finishParsed, headingsFromParagraphs } from '../structure';
import { type Block, type ParsedDocument } from '../types';
import { FileError } from '../../file-error';
import { xmlField } from './docx';
import { scanMarkup } from './markup';

/** OpenDocument text: text:h (with its outline level) are headings, text:p paragraphs. */
export function parseOdt(bytes: Uint8Array): ParsedDocument {
  const entries = checkZip(bytes, 'OpenDocument');
  if (!entries.some((e) => e.name === 'content.xml')) {
    throw new FileError('Die Datei ist keine gültige OpenDocument-Datei (content.xml fehlt).', 'odt without content.xml');
  }
  const files = readZipEntries(bytes, ['content.xml', 'meta.xml']);
  const content = new TextDecoder().decode(files['content.xml']);
  const blocks: Block[] = [];
  let current: { kind: 'heading' | 'text'; level?: number; text: string } | null = null;
  let depth = 0;
  // Linear however deep the spans nest (see scanMarkup).
  scanMarkup(
    content,
    {
      open(name, attributes) {
        if (name === 'text:h' || name === 'text:p') {
          depth++;
          if (depth === 1) {
            current = name === 'text:h' ? { kind: 'heading', level: Math.min(6, Number(attributes['text:outline-level'] ?? 1) || 1), text: '' } : { kind: 'text', text: '' };
          }
        } else if (current && (name === 'text:s' || name === 'text:tab')) current.text += ' ';
        else if (current && name === 'text:line-break') current.text += '\n';
      },
      text(text) {
        if (current) current.text += text;
      },
      close(name) {
        if (name === 'text:h' || name === 'text:p') {
          depth--;
          if (depth === 0 && current) {
            const text = current.text.replace(/[ \t]+/g, ' ').trim();
            if (text) blocks.push({ ...current, text });
            current = null;
          }
        }
      },
    },
    { xml: true },
  );
  let title: string | null = null;
  let meta: MetaHints = {};
  if (files['meta.xml']) {
    const xml = new TextDecoder().decode(files['meta.xml']);
    title = xmlField(xml, 'dc:title');
    meta = metaFromText([xmlField(xml, 'dc:subject') ?? '', ...[...xml.matchAll(/<meta:keyword>([^<]*)<\/meta:keyword>/g)].map((m) => m[1]!)]);
    const authority = authorityFromProperty(xmlField(xml, 'dc:creator')) ?? authorityFromProperty(xmlField(xml, 'meta:initial-creator'));
    if (authority) meta.authority ??= authority;
  }
  title ??= blocks.find((b) => b.kind === 'heading')?.text ?? null;
  return finishParsed({ title, blocks: headingsFromParagraphs(blocks), ...(Object.keys(meta).length > 0 ? { meta } : {}) });
}
