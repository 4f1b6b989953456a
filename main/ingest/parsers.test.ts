import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { strToU8, zipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../e2e/fixtures/pdf';
import { decodeText } from './decode';
import { parseDocx } from './parsers/docx';
import { collapseWhitespace, parseHtml } from './parsers/html';
import { atxHeading, parseMarkdown } from './parsers/markdown';
import { scanMarkup } from './parsers/markup';
import { parseOdt } from './parsers/odt';
import { PDF_LIMITS, pagesToRead, parsePdf } from './parsers/pdf';
import { parsePlainText } from './parsers/plain-text';
import { FileError } from '../file-error';

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

  it('reads ATX headings as CommonMark writes them', () => {
    expect(atxHeading('## Gebühren ##')).toEqual({ level: 2, text: 'Gebühren' });
    expect(atxHeading('#\tTab')).toEqual({ level: 1, text: 'Tab' });
    expect(atxHeading('###### Sechs')).toEqual({ level: 6, text: 'Sechs' });
    expect(atxHeading('# ')).toEqual({ level: 1, text: '' });
    expect(atxHeading('####### Sieben')).toBeNull();
    expect(atxHeading('#Kein Abstand')).toBeNull();
    expect(atxHeading('#')).toBeNull();
  });

  it('reads a heading line of 400,000 "# " in one pass', () => {
    // A lazy regular expression retried every position of this line (quadratic: minutes).
    const doc = parseMarkdown(enc(`# ${'# '.repeat(200_000)}Titel ${'# '.repeat(200_000)}\n\nText.\n`));
    expect(headings(doc.blocks)).toEqual([[1, `${'# '.repeat(200_000)}Titel`]]);
    expect(doc.blocks.at(-1)).toMatchObject({ kind: 'text', text: 'Text.', lineStart: 3 });
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

  it('reads HTML nested 300,000 deep, with the text of every level', () => {
    // htmlparser2's Parser shifted its whole stack of open elements at every tag: this took minutes.
    const depth = 300_000;
    let html = '<html><head><title>Tief</title></head><body>';
    for (let i = 0; i < depth; i++) html += i % 50_000 === 0 ? `<div><h2>Ebene ${i}</h2><p>Text der Ebene ${i}.</p>` : i % 2 ? '<span>' : '<div>';
    html += '<p>Ganz innen.</p>';
    for (let i = depth - 1; i >= 0; i--) html += i % 50_000 === 0 ? `</div><p>Nach Ebene ${i}.</p>` : i % 2 ? '</span>' : '</div>';
    const doc = parseHtml(enc(`${html}</body></html>`));
    expect(doc.title).toBe('Tief');
    const levels = Array.from({ length: 6 }, (_, k) => k * 50_000);
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ...levels.flatMap((i) => [
        ['heading', `Ebene ${i}`],
        ['text', `Text der Ebene ${i}.`],
      ]),
      ['text', 'Ganz innen.'],
      ...levels.reverse().map((i) => ['text', `Nach Ebene ${i}.`]),
    ]);
  });

  it('reads elements left open and closed by an outer end tag, as browsers do', () => {
    const doc = parseHtml(enc('<div><nav>Menü<ul><li>Start</div><p>Inhalt nach dem Menü</p><div><h2>Titel</div><p>Absatz</p>'));
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['text', 'Inhalt nach dem Menü'],
      ['heading', 'Titel'],
      ['text', 'Absatz'],
    ]);
  });

  it('collapses a run of 200,000 blanks in one pass', () => {
    // /\s*\n\s*/ retried every position of the run (quadratic: a minute).
    const doc = parseHtml(enc(`<p>Anfang${'\u2003'.repeat(100_000)}\r${'\u2003'.repeat(100_000)}Ende</p><p>a \n \n b</p><title>A &amp; ${'&amp;'.repeat(50_000)} B</title>`));
    expect(doc.blocks.map((b) => b.text)).toEqual([`Anfang${'\u2003'.repeat(100_000)}\r${'\u2003'.repeat(100_000)}Ende`, 'a\nb']);
    expect(doc.title).toBe(`A & ${'&'.repeat(50_000)} B`);
    expect(collapseWhitespace('  a \t b \n\n\u00a0 c\u2003\n')).toBe('a b\nc');
  });
});

describe('scanMarkup', () => {
  /** Events as [kind, name or text, attributes or source offsets]; adjacent text pieces joined. */
  type Event = [string, string, ...unknown[]];
  const joinText = (out: Event[], text: string, start: number, end: number) => {
    const last = out.at(-1);
    if (last?.[0] === 'text') {
      last[1] += text;
      last[3] = end;
    } else out.push(['text', text, start, end]);
  };
  const viaParser = (source: string, xml: boolean) => {
    const out: Event[] = [];
    const parser = new Parser(
      {
        onopentag: (name, attributes) => out.push(['open', name, { ...attributes }]),
        onclosetag: (name) => out.push(['close', name]),
        ontext: (text) => joinText(out, text, parser.startIndex, parser.endIndex),
      },
      xml ? { xmlMode: true, decodeEntities: true } : { decodeEntities: true, lowerCaseTags: true },
    );
    parser.write(source);
    parser.end();
    return out;
  };
  const viaScan = (source: string, xml: boolean) => {
    const out: Event[] = [];
    scanMarkup(source, { open: (name, attributes) => out.push(['open', name, { ...attributes }]), close: (name) => out.push(['close', name]), text: (text, start, end) => joinText(out, text, start, end) }, { xml });
    return out;
  };

  it('gives the events of htmlparser2’s Parser, offsets included', () => {
    const html = [
      '<p>a<p>b</p>',
      '<ul><li>x<li>y</ul>',
      '<h1>T<p>x</h1>',
      '<div><nav>menu</div>after',
      '</p>x',
      '</br>',
      'a<br>b<br/>c',
      '<svg><path/><title>t</title></svg>z',
      '<svg/>after',
      '<table><tr><td>1<td>2<tr><td>3</table>',
      '<p>&amp; &lt;x&gt; &uuml;ber&nbsp;x</p>',
      '<script>if (a<b) {}</script><p>t</p>',
      '<title>A &amp; B</title>',
      '<P CLASS=X>Up</P>',
      `<div id="a" id="b" data-x='1'>q</div>`,
      '<!-- c --><p>t<![CDATA[x]]></p>',
      '<math><mi>x</mi><![CDATA[y]]></math>',
      '<b><i>x</b>y</i>',
      '<dl><dt>a<dd>b<dt>c</dl>',
      '<select><option>a<option>b</select>',
      '<p>unclosed <b>bold',
      '<form><form>x</form></form>',
      '<a href=1>x<a href=2>y</a>',
      '<h2>a<h3>b</h3>',
      '<noscript><p>x</p></noscript>y',
      '<textarea><p>x</textarea>',
      '<div\n class="a"\n>multi\nline</div>',
    ];
    for (const source of html) expect(viaScan(source, false), source).toEqual(viaParser(source, false));
    const xml = ['<text:p>a<text:s/>b</text:p>', '<a:x y="1 &amp; 2">t<![CDATA[<c>]]></a:x>', '<r><x>unclosed</r>', '<r/>', '<?xml version="1.0"?><r>&#228;</r>'];
    for (const source of xml) expect(viaScan(source, true), source).toEqual(viaParser(source, true));
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

  it('reads spans nested 200,000 deep', () => {
    const depth = 200_000;
    const content = `<office:document-content><office:body><office:text><text:h text:outline-level="2">Tief</text:h><text:p>${'<text:span>'.repeat(depth)}innen${'</text:span>'.repeat(depth)} außen</text:p></office:text></office:body></office:document-content>`;
    const doc = parseOdt(zipSync({ 'content.xml': strToU8(content) }));
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Tief'],
      ['text', 'innen außen'],
    ]);
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

  const twelvePages = () => makePdf(Array.from({ length: 12 }, (_, i) => [`Seite ${i + 1}`, `Die Gemeinde regelt auf Seite ${i + 1} die Gebühren.`]));

  it('reads only the first pages up to the page limit, and says so in German', async () => {
    const doc = await parsePdf(twelvePages(), { maxPages: 5, maxPageSteps: 1_000_000 });
    expect(doc).toMatchObject({ pages: 12, pagesRead: 5, notice: 'Die PDF-Datei hat 12 Seiten; nur die ersten 5 wurden indexiert.' });
    expect(new Set(doc.blocks.map((b) => b.page))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(doc.blocks.at(-1)!.text).toContain('Seite 5 die Gebühren.');
  });

  it('reads fewer pages of a longer file: pages read × pages in the file stay within the steps limit', async () => {
    const doc = await parsePdf(twelvePages(), { maxPages: 100, maxPageSteps: 48 });
    expect(doc).toMatchObject({ pages: 12, pagesRead: 4, notice: 'Die PDF-Datei hat 12 Seiten; nur die ersten 4 wurden indexiert.' });
    expect(await parsePdf(twelvePages())).toMatchObject({ pages: 12, pagesRead: 12 });
    expect((await parsePdf(twelvePages())).notice).toBeUndefined();
    expect([pagesToRead(100, PDF_LIMITS), pagesToRead(5000, PDF_LIMITS), pagesToRead(5001, PDF_LIMITS), pagesToRead(20_000, PDF_LIMITS), pagesToRead(10 ** 9, PDF_LIMITS)]).toEqual([100, 5000, 4999, 1250, 1]);
  });
});
