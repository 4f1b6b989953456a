/**
 * Renders a composed letter to .docx in DIN 5008 Form B with the `docx`
 * package: letterhead and logo on the first page, return address and
 * recipient in the window, information block, bold subject, body, closing;
 * "Seite X von Y" from page 2; footer with contact and bank details.
 * Arial (Liberation Sans in LibreOffice: the same metrics). Pure: no I/O.
 */
import {
  BorderStyle,
  Document,
  Footer,
  FrameAnchorType,
  FrameWrap,
  Header,
  HeightRule,
  HorizontalPositionRelativeFrom,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalPositionRelativeFrom,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { LetterBlock, LetterPreview, Letterhead } from '../contract';
import { ADDRESS_TEXT_X, ADDRESS_FIELD, ADDRESS_ZONE, emu, INFO_BLOCK, MARGIN, mm, PAGE, RETURN_ADDRESS, SUBJECT_Y } from './din5008';
import { formatIban } from './iban';
import type { Logo } from './logo';

const FONT = 'Arial';
/** Half-points. */
const SIZE = { body: 22, small: 16, footer: 14, authority: 28, department: 22, info: 17 };
const LINE = 253; // 11 pt text on 12.65 pt lines (single spacing of Arial)
const LOGO_BOX = { width: 60, height: 22 };

const run = (text: string, options: { bold?: boolean; size?: number; italics?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: options.size ?? SIZE.body, bold: options.bold, italics: options.italics });

/** A run per line, joined by line breaks. */
function lines(text: string, options: { bold?: boolean; size?: number; italics?: boolean } = {}): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({ text: line, font: FONT, size: options.size ?? SIZE.body, bold: options.bold, italics: options.italics, break: i > 0 ? 1 : undefined }));
}

const frame = (x: number, y: number, width: number, height?: number) => ({
  type: 'absolute' as const,
  position: { x: mm(x), y: mm(y) },
  width: mm(width),
  height: height === undefined ? undefined : mm(height),
  rule: height === undefined ? HeightRule.AUTO : HeightRule.EXACT,
  anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
  wrap: FrameWrap.THROUGH,
});

function bodyParagraph(block: LetterBlock): Paragraph {
  const children: ParagraphChild[] = [];
  if (block.kind === 'listItem') children.push(run('–\t'));
  for (const r of block.runs) children.push(...lines(r.text, { bold: r.bold || block.kind === 'heading' }));
  return new Paragraph({
    children,
    spacing: { after: block.kind === 'listItem' ? 60 : block.kind === 'heading' ? 120 : 240, before: block.kind === 'heading' ? 120 : 0, line: LINE, lineRule: LineRuleType.AUTO },
    keepNext: block.kind === 'heading',
    indent: block.kind === 'listItem' ? { left: mm(5), hanging: mm(5) } : undefined,
    tabStops: block.kind === 'listItem' ? [{ type: TabStopType.LEFT, position: mm(5) }] : undefined,
  });
}

function infoBlock(letter: LetterPreview): Paragraph[] {
  return letter.info.map(
    (row) =>
      new Paragraph({
        frame: frame(INFO_BLOCK.x, INFO_BLOCK.y, INFO_BLOCK.width),
        tabStops: [{ type: TabStopType.LEFT, position: mm(32) }],
        spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO },
        children: [run(`${row.label}:`, { size: SIZE.small }), run('\t', { size: SIZE.info }), run(row.value, { size: SIZE.info })],
      }),
  );
}

function letterheadHeader(letterhead: Letterhead, logo: Logo | null): Header {
  const children: ParagraphChild[] = [run(letterhead.authority || ' ', { bold: true, size: SIZE.authority })];
  if (logo) {
    const scale = Math.min(LOGO_BOX.width / logo.width, LOGO_BOX.height / logo.height);
    const widthMm = logo.width * scale;
    const heightMm = logo.height * scale;
    children.push(
      new ImageRun({
        type: logo.mimeType === 'image/png' ? 'png' : 'jpg',
        data: logo.data,
        transformation: { width: Math.round((widthMm / 25.4) * 96), height: Math.round((heightMm / 25.4) * 96) },
        altText: { name: 'Logo', description: `Logo ${letterhead.authority}`.trim(), title: 'Logo' },
        floating: {
          horizontalPosition: { relative: HorizontalPositionRelativeFrom.PAGE, offset: emu(PAGE.width - MARGIN.right - widthMm) },
          verticalPosition: { relative: VerticalPositionRelativeFrom.PAGE, offset: emu(MARGIN.header) },
          allowOverlap: true,
          lockAnchor: true,
        },
      }),
    );
  }
  const paragraphs = [new Paragraph({ children, spacing: { after: 0 } })];
  if (letterhead.department) paragraphs.push(new Paragraph({ children: [run(letterhead.department, { size: SIZE.department })] }));
  return new Header({ children: paragraphs });
}

function pageNumberHeader(letterhead: Letterhead): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: mm(PAGE.width - MARGIN.left - MARGIN.right) }],
        children: [
          run(letterhead.authority, { size: SIZE.small }),
          new TextRun({ font: FONT, size: SIZE.small, children: ['\tSeite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

function footer(letterhead: Letterhead, aiNotice: string | null): Footer {
  const l = letterhead;
  const columns = [
    [l.authority, l.department, l.street, [l.postalCode, l.city].filter(Boolean).join(' ')],
    [l.phone && `Telefon ${l.phone}`, l.email && `E-Mail ${l.email}`, l.website, l.openingHours && `Öffnungszeiten: ${l.openingHours}`],
    [l.bankName, l.iban && `IBAN ${formatIban(l.iban)}`, l.bic && `BIC ${l.bic}`],
  ]
    .map((column) => column.filter(Boolean).join('\n'))
    .filter((column) => column !== '');
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  const children: (Paragraph | Table)[] = [];
  if (aiNotice) children.push(new Paragraph({ spacing: { after: 80 }, children: [run(aiNotice, { size: SIZE.footer, italics: true })] }));
  if (columns.length > 0) {
    children.push(
      new Table({
        width: { size: mm(width), type: WidthType.DXA },
        columnWidths: columns.map(() => mm(width / columns.length)),
        borders: NO_BORDERS,
        rows: [
          new TableRow({
            children: columns.map(
              (column) =>
                new TableCell({
                  width: { size: mm(width / columns.length), type: WidthType.DXA },
                  borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
                  children: [new Paragraph({ spacing: { after: 0 }, children: lines(column, { size: SIZE.footer }) })],
                }),
            ),
          }),
        ],
      }),
    );
  }
  if (children.length === 0) children.push(new Paragraph({ children: [] }));
  return new Footer({ children });
}

/** The composed letter as a .docx file. */
export async function renderLetterDocx(letter: LetterPreview, letterhead: Letterhead, logo: Logo | null): Promise<Buffer> {
  const addressFrame = frame(ADDRESS_TEXT_X, ADDRESS_ZONE.y, ADDRESS_FIELD.x + ADDRESS_FIELD.width - ADDRESS_TEXT_X, ADDRESS_ZONE.height);
  const recipient = letter.recipient.length > 0 ? letter.recipient : [' '];
  const firstPage: Paragraph[] = [
    new Paragraph({
      frame: frame(ADDRESS_TEXT_X, RETURN_ADDRESS.y, ADDRESS_FIELD.x + ADDRESS_FIELD.width - ADDRESS_TEXT_X, RETURN_ADDRESS.height),
      spacing: { after: 0, line: 240 },
      children: [new TextRun({ text: letter.returnAddress || ' ', font: FONT, size: 14, underline: letter.returnAddress ? {} : undefined })],
    }),
    ...recipient.map((line) => new Paragraph({ frame: addressFrame, spacing: { after: 0, line: 250, lineRule: LineRuleType.EXACT }, children: [run(line)] })),
    ...infoBlock(letter),
    // Keeps the subject below the address field and the information block.
    new Paragraph({ spacing: { before: 0, after: 0, line: mm(SUBJECT_Y - MARGIN.top), lineRule: LineRuleType.EXACT }, children: [] }),
  ];
  const body: Paragraph[] = [
    new Paragraph({ spacing: { after: 480, line: LINE }, keepNext: true, children: lines(letter.subject, { bold: true }) }),
    new Paragraph({ spacing: { after: 240, line: LINE }, keepNext: true, children: [run(letter.salutation)] }),
    ...letter.body.map(bodyParagraph),
    new Paragraph({ spacing: { before: 0, after: 0, line: LINE }, keepNext: true, keepLines: true, children: lines(letter.closing) }),
    new Paragraph({ spacing: { before: 240, after: 0, line: LINE }, keepLines: true, children: lines(letter.signature.join('\n')) }),
  ];
  const doc = new Document({
    creator: letterhead.authority || 'Stadtschreiber',
    title: letter.subject,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: mm(PAGE.width), height: mm(PAGE.height) },
            margin: { top: mm(MARGIN.top), bottom: mm(MARGIN.bottom), left: mm(MARGIN.left), right: mm(MARGIN.right), header: mm(MARGIN.header), footer: mm(MARGIN.footer) },
          },
        },
        headers: { first: letterheadHeader(letterhead, logo), default: pageNumberHeader(letterhead) },
        footers: { first: footer(letterhead, letter.aiNotice), default: footer(letterhead, letter.aiNotice) },
        children: [...firstPage, ...body],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
