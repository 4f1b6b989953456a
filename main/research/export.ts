import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { AnswerTurn, Claim, SearchHit } from '../contract';
import { locationLabel } from '../grounding/blocks';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The sentences of the answer that what they cite does not back, in order (turns stored before the check have none). */
function unsupportedClaims(turn: AnswerTurn): Claim[] {
  if (turn.mode === 'abstained') return [];
  return (turn.claims ?? []).filter((c) => !c.supported).sort((a, b) => a.start - b.start);
}

/** „<sentence>“ – nicht belegt: <reason> */
function unsupportedLine(claim: Claim): string {
  return `„${squash(claim.text)}“ – nicht belegt: ${claim.reason ?? 'Die zitierte Quelle stützt diese Aussage nicht.'}`;
}

/** What the clerk should know about an answer before passing it on. */
export function answerFlags(turn: AnswerTurn): string[] {
  const flags: string[] = [];
  if (turn.mode === 'generated') flags.push(`Erstellt mit dem Sprachmodell ${turn.model ?? ''} – bitte anhand der Quellen prüfen.`.replace('  ', ' '));
  if (turn.mode === 'extractive') flags.push('Auszug aus den Dokumenten (ohne Sprachmodell).');
  if (turn.mode === 'abstained') flags.push('Die Dokumente beantworten diese Frage nicht; unten stehen die nächstliegenden Stellen.');
  if (turn.mode !== 'abstained' && turn.citations.length === 0) flags.push('Ohne Beleg: Die Antwort nennt keine Quelle.');
  const unsupported = unsupportedClaims(turn).length;
  if (unsupported > 0) {
    const total = (turn.claims ?? []).length;
    flags.push(
      `Nicht alle Aussagen belegt: ${unsupported} von ${total} ${total === 1 ? 'Aussage ist' : 'Aussagen sind'} durch die zitierten Quellen nicht gedeckt (als „nicht belegt“ markiert).`,
    );
  }
  if (turn.removedCitations.length > 0) flags.push(`Entfernte Verweise auf nicht vorhandene Quellen: ${turn.removedCitations.map((n) => `[${n}]`).join(', ')}.`);
  if (turn.unfinished) flags.push('Die Antwort ist unvollständig.');
  return flags;
}

/** The answer cut at its unsupported sentences: each piece plain (claim null) or one unsupported sentence. */
function answerPieces(turn: AnswerTurn): { text: string; claim: Claim | null }[] {
  const { answer } = turn;
  const pieces: { text: string; claim: Claim | null }[] = [];
  let at = 0;
  for (const claim of unsupportedClaims(turn)) {
    const start = Math.max(at, Math.min(claim.start, answer.length));
    const end = Math.min(claim.end, answer.length);
    if (end <= start) continue;
    if (start > at) pieces.push({ text: answer.slice(at, start), claim: null });
    pieces.push({ text: answer.slice(start, end), claim });
    at = end;
  }
  if (at < answer.length || pieces.length === 0) pieces.push({ text: answer.slice(at), claim: null });
  return pieces;
}

/** Why the closest hits did not answer the question (abstained only). */
const abstainReason = (turn: AnswerTurn) => (turn.mode === 'abstained' && turn.abstainReason && squash(turn.abstainReason) !== squash(turn.answer) ? turn.abstainReason : null);

/** The numbers the answer cites (for the extractive answer: its passages). */
const citedNumbers = (turn: AnswerTurn) => new Set([...turn.citations.map((c) => c.n), ...(turn.extract ?? []).map((p) => p.n)]);

const sourceLine = (hit: SearchHit, cited: boolean) =>
  [hit.title, locationLabel(hit)].filter(Boolean).join(' – ') +
  (hit.meta?.validity === 'superseded' ? ' – Altfassung / außer Kraft' : '') +
  (cited ? '' : ' (nicht zitiert)');

/** Every numbered source ([n] is sources[n - 1]); for an answer, those it does not cite are said so. */
function listedSources(turn: AnswerTurn): { n: number; hit: SearchHit; line: string }[] {
  const cited = citedNumbers(turn);
  return turn.sources.map((hit, i) => ({ n: i + 1, hit, line: sourceLine(hit, turn.mode === 'abstained' || cited.has(i + 1)) }));
}

const stamp = (turn: AnswerTurn) => `Stand: ${new Date(turn.createdAt).toLocaleString('de-DE')}`;

export function answerToMarkdown(turn: AnswerTurn): string {
  // An unsupported sentence is followed by *(nicht belegt)*, so the mark stays with it when the text is copied.
  const answer = answerPieces(turn)
    .map(({ text, claim }) => {
      if (!claim) return text;
      const sentence = text.trimEnd();
      return `${sentence} *(nicht belegt)*${text.slice(sentence.length)}`;
    })
    .join('');
  const lines = [`# ${turn.question.replace(/\s+/g, ' ')}`, '', answer, ''];
  const reason = abstainReason(turn);
  if (reason) lines.push(reason, '');
  const unsupported = unsupportedClaims(turn);
  if (unsupported.length > 0) {
    lines.push('**Nicht belegte Aussagen** – bitte selbst in den Quellen prüfen:', '');
    for (const claim of unsupported) lines.push(`- ${unsupportedLine(claim)}`);
    lines.push('');
  }
  for (const flag of answerFlags(turn)) lines.push(`> ${flag}`);
  lines.push('', turn.mode === 'abstained' ? '## Nächstliegende Stellen' : '## Quellen', '');
  for (const { n, hit, line } of listedSources(turn)) lines.push(`${n}. ${line}  `, `   ${hit.path}`);
  lines.push('', stamp(turn), '');
  return lines.join('\n');
}

export async function answerToDocx(turn: AnswerTurn): Promise<Buffer> {
  const font = 'Arial';
  const run = (text: string, options: { bold?: boolean; italics?: boolean; unsupported?: boolean } = {}) => {
    const { unsupported, ...style } = options;
    return new TextRun({ text, font, size: 22, ...style, ...(unsupported ? { highlight: 'yellow', underline: { type: 'wave', color: 'A4161A' } } : {}) });
  };
  const para = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ spacing: { after: 120 }, children: [run(text, options)] });

  // The answer's paragraphs; an unsupported sentence highlighted and followed by "(nicht belegt)".
  const answerParagraphs: Paragraph[] = [];
  let runs: TextRun[] = [];
  const close = () => {
    if (runs.length > 0) answerParagraphs.push(new Paragraph({ spacing: { after: 120 }, children: runs }));
    runs = [];
  };
  const add = (text: string, unsupported: boolean) =>
    text.split(/\n+/).forEach((part, i) => {
      if (i > 0) close();
      if (part) runs.push(run(part, { unsupported }));
    });
  for (const { text, claim } of answerPieces(turn)) {
    if (!claim) {
      add(text, false);
      continue;
    }
    const sentence = text.trimEnd();
    add(sentence, true);
    runs.push(run(' (nicht belegt)', { bold: true }));
    add(text.slice(sentence.length), false);
  }
  close();

  const reason = abstainReason(turn);
  const unsupported = unsupportedClaims(turn);
  const doc = new Document({
    creator: 'Stadtschreiber',
    title: turn.question.slice(0, 120),
    styles: { default: { document: { run: { font, size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: turn.question.replace(/\s+/g, ' '), font })] }),
          ...answerParagraphs,
          ...(reason ? [para(reason)] : []),
          ...(unsupported.length > 0
            ? [para('Nicht belegte Aussagen – bitte selbst in den Quellen prüfen:', { bold: true }), ...unsupported.map((claim) => para(`– ${unsupportedLine(claim)}`))]
            : []),
          ...answerFlags(turn).map((flag) => para(flag, { italics: true })),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: turn.mode === 'abstained' ? 'Nächstliegende Stellen' : 'Quellen', font })] }),
          ...listedSources(turn).flatMap(({ n, hit, line }) => [para(`[${n}] ${line}`, { bold: true }), para(hit.path)]),
          para(stamp(turn), { italics: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
