import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { AnswerTurn, SearchHit } from '../contract';
import { locationLabel } from './prompt';

/** What the clerk should know about an answer before passing it on. */
export function answerFlags(turn: AnswerTurn): string[] {
  const flags: string[] = [];
  if (turn.mode === 'generated') flags.push(`Erstellt mit dem Sprachmodell ${turn.model ?? ''} – bitte anhand der Quellen prüfen.`.replace('  ', ' '));
  if (turn.mode === 'extractive') flags.push('Auszug aus den Dokumenten (ohne Sprachmodell).');
  if (turn.mode === 'abstained') flags.push('Die Dokumente beantworten diese Frage nicht; unten stehen die nächstliegenden Stellen.');
  if (turn.mode !== 'abstained' && turn.citations.length === 0) flags.push('Ohne Beleg: Die Antwort nennt keine Quelle.');
  if (turn.removedCitations.length > 0) flags.push(`Entfernte Verweise auf nicht vorhandene Quellen: ${turn.removedCitations.map((n) => `[${n}]`).join(', ')}.`);
  if (turn.unfinished) flags.push('Die Antwort ist unvollständig.');
  return flags;
}

const sourceLine = (hit: SearchHit) => [hit.title, locationLabel(hit)].filter(Boolean).join(' – ');

/** The sources that belong under the answer: the cited ones for an answer, the closest hits for an abstention. */
function listedSources(turn: AnswerTurn): { n: number; hit: SearchHit }[] {
  return turn.sources.map((hit, i) => ({ n: i + 1, hit }));
}

export function answerToMarkdown(turn: AnswerTurn): string {
  const lines = [`# ${turn.question.replace(/\s+/g, ' ')}`, '', turn.answer, ''];
  for (const flag of answerFlags(turn)) lines.push(`> ${flag}`);
  lines.push('', turn.mode === 'abstained' ? '## Nächstliegende Stellen' : '## Quellen', '');
  for (const { n, hit } of listedSources(turn)) lines.push(`${n}. ${sourceLine(hit)}  `, `   ${hit.path}`);
  lines.push('', `Stand: ${new Date(turn.createdAt).toLocaleString('de-DE')}`, '');
  return lines.join('\n');
}

export async function answerToDocx(turn: AnswerTurn): Promise<Buffer> {
  const font = 'Arial';
  const para = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, font, size: 22, ...options })] });
  const doc = new Document({
    creator: 'Stadtschreiber',
    title: turn.question.slice(0, 120),
    styles: { default: { document: { run: { font, size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: turn.question.replace(/\s+/g, ' '), font })] }),
          ...turn.answer.split(/\n+/).filter(Boolean).map((line) => para(line)),
          ...answerFlags(turn).map((flag) => para(flag, { italics: true })),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: turn.mode === 'abstained' ? 'Nächstliegende Stellen' : 'Quellen', font })] }),
          ...listedSources(turn).flatMap(({ n, hit }) => [para(`[${n}] ${sourceLine(hit)}`, { bold: true }), para(hit.path)]),
          para(`Stand: ${new Date(turn.createdAt).toLocaleString('de-DE')}`, { italics: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
