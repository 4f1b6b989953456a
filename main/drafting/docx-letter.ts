/**
 * Renders a composed letter to .docx in DIN 5008 Form B with the `docx`
 * package: letterhead and logo on the first page; in the window the
 * Vermerke, the return address (shrunk or wrapped, never clipped) and the
 * recipient; information block, bold subject, body, closing kept with the
 * last paragraph, signature (space for it, or the "maschinell erstellt"
 * line), Anlagen; fold and punch marks and "Seite X von Y" from page 2;
 * footer with contact and bank details.
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
import {
  ADDRESS_ZONE,
  ADDRESS_TEXT_X,
  emu,
  INFO_BLOCK,
  layoutReturnAddress,
  MARGIN,
  MARK_LENGTH,
  MARK_X,
  MARKS,
  mm,
  PAGE,
  ptToMm,
  SUBJECT_Y,
  WINDOW_TEXT_WIDTH,
} from './din5008';
import { formatIban } from './iban';
import type { Logo } from './logo';

const FONT = 'Arial';
/** Half-points. */
const SIZE = { body: 22, small: 16, footer: 14, authority: 28, department: 22, info: 17 };
const LINE = 253; // 11 pt text on 12.65 pt lines (single spacing of Arial)
/** One blank line of body text, in twips (spacing before/after). */
const BLANK_LINE = 240;
/** The Vermerke in the Zusatz- und Vermerkzone: 8 pt on 9 pt lines. */
const NOTE = { sizePt: 8, linePt: 9 };
/** Signature space for signed letters: three blank body lines (≈ 13.4 mm). */
const SIGNATURE_SPACE = 3 * Math.round((LINE / 240) * 12 * 20);
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

/**
 * A body block. next: the block after it (null: the last, followed by the
 * closing). A list ends with a blank line; the last block stays with the
 * closing and the signature on one page.
 */
function bodyParagraph(block: LetterBlock, next: LetterBlock | null): Paragraph {
  const children: ParagraphChild[] = [];
  if (block.kind === 'listItem') children.push(run('–\t'));
  for (const r of block.runs) children.push(...lines(r.text, { bold: r.bold || block.kind === 'heading' }));
  const listGoesOn = block.kind === 'listItem' && next?.kind === 'listItem';
  const last = next === null;
  return new Paragraph({
    children,
    spacing: { after: listGoesOn ? 60 : block.kind === 'heading' ? 120 : BLANK_LINE, before: block.kind === 'heading' ? 120 : 0, line: LINE, lineRule: LineRuleType.AUTO },
    keepNext: block.kind === 'heading' || last,
    keepLines: last || undefined,
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
  return new Header({ children: [...paragraphs, ...foldMarks('upper')] });
}

/**
 * Fold marks (105 mm, 210 mm) and the punch mark (148.5 mm, a little longer)
 * at the left page edge: the top border of an empty paragraph in a small
 * frame, on every page. LibreOffice keeps a header's frames in the page's
 * upper half, so the marks below it are drawn from the footer.
 */
function foldMarks(half: 'upper' | 'lower'): Paragraph[] {
  const marks = MARKS.filter((y) => (half === 'upper' ? y <= PAGE.height / 2 : y > PAGE.height / 2)).map(
    (y) =>
      new Paragraph({
        frame: frame(MARK_X, y, y === PAGE.height / 2 ? MARK_LENGTH.punch : MARK_LENGTH.fold, 1),
        spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 0 } },
        children: [new TextRun({ text: '', size: 2 })],
      }),
  );
  // LibreOffice drops a framed paragraph that ends a header or footer: close with a tiny empty one.
  return [...marks, new Paragraph({ spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: '', size: 2 })] })];
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
      ...foldMarks('upper'),
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
  return new Footer({ children: [...children, ...foldMarks('lower')] });
}

/**
 * The address field: Vermerke and the return address at the foot of the
 * Zusatz- und Vermerkzone (growing upwards, never clipped), the recipient
 * in the Anschriftzone.
 */
function addressField(letter: LetterPreview): Paragraph[] {
  const width = WINDOW_TEXT_WIDTH;
  const back = layoutReturnAddress(letter.returnAddress);
  const backLines = back.lines.length > 0 ? back.lines : [' '];
  const backHeight = backLines.length * ptToMm(back.linePt) + 0.4;
  const backY = ADDRESS_ZONE.y - backHeight;
  const paragraphs: Paragraph[] = [];
  if (letter.noteZone.length > 0) {
    const noteHeight = letter.noteZone.length * ptToMm(NOTE.linePt) + 0.4;
    paragraphs.push(
      new Paragraph({
        frame: frame(ADDRESS_TEXT_X, backY - noteHeight, width, noteHeight),
        spacing: { before: 0, after: 0, line: NOTE.linePt * 20, lineRule: LineRuleType.EXACT },
        children: lines(letter.noteZone.join('\n'), { size: NOTE.sizePt * 2 }),
      }),
    );
  }
  paragraphs.push(
    new Paragraph({
      frame: frame(ADDRESS_TEXT_X, backY, width, backHeight),
      spacing: { before: 0, after: 0, line: back.linePt * 20, lineRule: LineRuleType.EXACT },
      children: backLines.map(
        (line, i) => new TextRun({ text: line, font: FONT, size: back.sizePt * 2, underline: letter.returnAddress ? {} : undefined, break: i > 0 ? 1 : undefined }),
      ),
    }),
  );
  const recipientFrame = frame(ADDRESS_TEXT_X, ADDRESS_ZONE.y, width, ADDRESS_ZONE.height);
  const recipient = letter.recipient.length > 0 ? letter.recipient : [' '];
  paragraphs.push(...recipient.map((line) => new Paragraph({ frame: recipientFrame, spacing: { after: 0, line: 250, lineRule: LineRuleType.EXACT }, children: [run(line)] })));
  return paragraphs;
}

/**
 * Closing, signature (signed: three blank lines for the handwriting;
 * machine: the note instead), Anlagenvermerk. Every paragraph keeps with
 * the next, so that they never stand alone on a page.
 */
function ending(letter: LetterPreview): Paragraph[] {
  const out: { children: ParagraphChild[]; before: number; bold?: boolean }[] = [];
  if (letter.closing) out.push({ children: lines(letter.closing), before: 0 });
  const groups: string[][] = [[]];
  for (const line of letter.signature) {
    if (line === '') groups.push([]);
    else groups.at(-1)!.push(line);
  }
  groups.forEach((group, i) => {
    const before = i === 0 ? BLANK_LINE : SIGNATURE_SPACE;
    out.push({ children: group.length > 0 ? lines(group.join('\n')) : [run('')], before });
  });
  if (letter.signatureNote) out.push({ children: lines(letter.signatureNote), before: BLANK_LINE });
  if (letter.enclosures.length > 0) {
    out.push({ children: [run(letter.enclosures.length === 1 ? 'Anlage' : 'Anlagen', { bold: true })], before: BLANK_LINE });
    for (const item of letter.enclosures) out.push({ children: [run(item)], before: 0 });
  }
  return out.map(
    (p, i) => new Paragraph({ spacing: { before: p.before, after: 0, line: LINE }, keepNext: i < out.length - 1 || undefined, keepLines: true, children: p.children }),
  );
}

/** The composed letter as a .docx file. */
export async function renderLetterDocx(letter: LetterPreview, letterhead: Letterhead, logo: Logo | null): Promise<Buffer> {
  const firstPage: Paragraph[] = [
    ...addressField(letter),
    ...infoBlock(letter),
    // Keeps the subject below the address field and the information block.
    new Paragraph({ spacing: { before: 0, after: 0, line: mm(SUBJECT_Y - MARGIN.top), lineRule: LineRuleType.EXACT }, children: [] }),
  ];
  const body: Paragraph[] = [
    new Paragraph({ spacing: { after: 480, line: LINE }, keepNext: true, children: lines(letter.subject, { bold: true }) }),
    new Paragraph({ spacing: { after: 240, line: LINE }, keepNext: true, children: [run(letter.salutation)] }),
    ...letter.body.map((block, i) => bodyParagraph(block, letter.body[i + 1] ?? null)),
    ...ending(letter),
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
