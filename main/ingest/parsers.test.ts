import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../e2e/fixtures/pdf';
import { decodeText } from './decode';
import { parseDocx } from './parsers/docx';
import { parseHtml } from './parsers/html';
import { parseMarkdown } from './parsers/markdown';
import { parseOdt } from './parsers/odt';
import { parsePdf } from './parsers/pdf';
import { parsePlainText } from './parsers/plain-text';
import { FileError } from './types';

const enc = (s: string) => new TextEncoder().encode(s);
const headings = (blocks: { kind: string; text: string; level?: number }[]) => blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text]);

describe('decodeText', () => {
  it('reads UTF-8, with or without BOM', () => {
    expect(decodeText(enc('Anhörung – Straße'))).toEqual({ text: 'Anhörung – Straße', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Grüße')])).text).toBe('Grüße');
  });

  it('reads Windows-1252 with its typographic quotes and euro sign', () => {
    // „Gebühr“ 5 € in Windows-1252
    const bytes = new Uint8Array([0x84, 0x47, 0x65, 0x62, 0xfc, 0x68, 0x72, 0x93, 0x20, 0x35, 0x20, 0x80]);
    expect(decodeText(bytes)).toEqual({ text: '„Gebühr“ 5 €', encoding: 'windows-1252' });
  });

  it('reads ISO-8859-15, where the euro sign is 0xA4', () => {
    const bytes = new Uint8Array([0x47, 0x65, 0x62, 0xfc, 0x68, 0x72, 0x20, 0x35, 0x20, 0xa4]);
    expect(decodeText(bytes)).toEqual({ text: 'Gebühr 5 €', encoding: 'iso-8859-15' });
  });

  it('refuses binary data', () => {
    expect(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x12]))).toThrow(FileError);
  });
});

describe('parseMarkdown', () => {
  const md = ['---', 'Title: Gesetz über Personalausweise', 'jurabk: PAuswG', '---', '', '# Gesetz über Personalausweise', '', '### § 27 Pflichten des Ausweisinhabers', '', '(1) Der Ausweisinhaber ist verpflichtet,', 'den Verlust anzuzeigen.', '', '(2) Weiterer Absatz.', ''].join('\n');

  it('takes the title from the front matter and keeps headings with their levels', () => {
    const doc = parseMarkdown(enc(md));
    expect(doc.title).toBe('Gesetz über Personalausweise');
    expect(headings(doc.blocks)).toEqual([
      [1, 'Gesetz über Personalausweise'],
      [3, '§ 27 Pflichten des Ausweisinhabers'],
    ]);
  });

  it('knows the 1-based source lines of every block', () => {
    const doc = parseMarkdown(enc(md));
    const para = doc.blocks.find((b) => b.text.startsWith('(1)'))!;
    expect([para.lineStart, para.lineEnd]).toEqual([10, 11]);
    expect(doc.blocks.find((b) => b.text.startsWith('§ 27'))!.lineStart).toBe(8);
  });

  it('does not take # inside a code fence for a heading', () => {
    expect(headings(parseMarkdown(enc('```\n# kein Titel\n```\n')).blocks)).toEqual([]);
    expect(headings(parseMarkdown(enc('Text\n   ~~~ sh\n# kein Titel\n~~~\n# Titel\n')).blocks)).toEqual([[1, 'Titel']]);
  });

  it('reads Windows and old Mac line ends like Unix ones', () => {
    const unix = parseMarkdown(enc(md));
    expect(parseMarkdown(enc(md.replace(/\n/g, '\r\n')))).toEqual(unix);
    expect(parseMarkdown(enc(md.replace(/\n/g, '\r')))).toEqual(unix);
  });
});

describe('parsePlainText', () => {
  it('makes a § line standing alone a heading', () => {
    const doc = parsePlainText(enc('Satzung über die Hundesteuer\n\n§ 1 Steuergegenstand\n\nGegenstand der Steuer ist das Halten von Hunden.\n'));
    expect(headings(doc.blocks)).toEqual([[5, '§ 1 Steuergegenstand']]);
    expect(doc.title).toBe('Satzung über die Hundesteuer');
    expect(doc.blocks.at(-1)).toMatchObject({ lineStart: 5, lineEnd: 5 });
  });
});

describe('parseHtml', () => {
  it('finds h1–h6, skips scripts and navigation, and counts source lines', () => {
    const html = '<html><head><title>Dienstanweisung Posteingang</title><script>var x = "§ 9 geheim";</script></head>\n<body><nav>Menü</nav>\n<h2>1. Eingang</h2>\n<p>Post wird am Tag des\nEingangs gestempelt.</p>\n</body></html>';
    const doc = parseHtml(enc(html));
    expect(doc.title).toBe('Dienstanweisung Posteingang');
    expect(headings(doc.blocks)).toEqual([[2, '1. Eingang']]);
    const para = doc.blocks.find((b) => b.kind === 'text')!;
    expect(para.text).toBe('Post wird am Tag des\nEingangs gestempelt.');
    expect([para.lineStart, para.lineEnd]).toEqual([4, 5]);
    expect(doc.blocks.some((b) => b.text.includes('geheim') || b.text.includes('Menü'))).toBe(false);
  });
});

describe('parseDocx', () => {
  it('turns Word heading styles into headings', async () => {
    const docx = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Dienstanweisung Akteneinsicht', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: '§ 2 Antrag', heading: HeadingLevel.HEADING_2 }),
            new Paragraph('Der Antrag ist schriftlich zu stellen.'),
          ],
        },
      ],
    });
    const doc = await parseDocx(new Uint8Array(await Packer.toBuffer(docx)));
    expect(headings(doc.blocks)).toEqual([
      [1, 'Dienstanweisung Akteneinsicht'],
      [2, '§ 2 Antrag'],
    ]);
    expect(doc.blocks.at(-1)!.text).toBe('Der Antrag ist schriftlich zu stellen.');
  });

  it('refuses a file that is no ZIP, and a ZIP without a document', async () => {
    await expect(parseDocx(enc('kein zip'))).rejects.toThrow(FileError);
    await expect(parseDocx(zipSync({ 'a.txt': strToU8('x') }))).rejects.toMatchObject({ reason: expect.stringMatching(/word\/document\.xml fehlt/) });
  });

  it('refuses a zip bomb before inflating it', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(40 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    await expect(parseDocx(bomb)).rejects.toMatchObject({ reason: expect.stringMatching(/ZIP-Bombe/) });
  });
});

describe('parseOdt', () => {
  it('reads text:h with its outline level and text:p', () => {
    const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>
      <text:h text:outline-level="1">Merkblatt Sondernutzung</text:h><text:h text:outline-level="2">Gebühren</text:h>
      <text:p>Die Gebühr beträgt<text:s/>5 Euro &amp; mehr.</text:p></office:text></office:body></office:document-content>`;
    const meta = '<office:document-meta><office:meta><dc:title>Sondernutzung</dc:title></office:meta></office:document-meta>';
    const doc = parseOdt(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8(content), 'meta.xml': strToU8(meta) }));
    expect(doc.title).toBe('Sondernutzung');
    expect(headings(doc.blocks)).toEqual([
      [1, 'Merkblatt Sondernutzung'],
      [2, 'Gebühren'],
    ]);
    expect(doc.blocks.at(-1)!.text).toBe('Die Gebühr beträgt 5 Euro & mehr.');
  });
});

describe('parsePdf', () => {
  it('reads text per page and makes § lines headings', async () => {
    const pdf = makePdf([['Merkblatt Hundesteuer', '', '§ 3 Steuersatz', 'Die Steuer beträgt 90 Euro.'], ['Befreiung für Blindenhunde.']], { title: 'Hundesteuer' });
    const doc = await parsePdf(pdf);
    expect(doc.title).toBe('Hundesteuer');
    expect(doc.pages).toBe(2);
    expect(headings(doc.blocks)).toEqual([[5, '§ 3 Steuersatz']]);
    expect(doc.blocks.find((b) => b.text.includes('Blindenhunde'))!.page).toBe(2);
  });

  it('flags a PDF without a text layer as a scan', async () => {
    expect(await parsePdf(makePdf([null, null]))).toMatchObject({ scanned: true, pages: 2, blocks: [] });
  });

  it('refuses a corrupt PDF with a German reason', async () => {
    const broken = makePdf([['Text']]).subarray(0, 120);
    await expect(parsePdf(broken)).rejects.toMatchObject({ reason: expect.stringMatching(/PDF-Datei ist beschädigt/) });
  });
});
