/**
 * The preview component shows every part of a LetterPreview, in print order
 * (main/drafting/preview-docx-agree.test.ts checks that the .docx prints
 * the same parts in the same order): Vermerkzone, wrapped return address,
 * recipient, information block, subject, salutation, body, closing,
 * signature (with its space) or the machine line, Anlagen, AI notice.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LetterPreview } from '../../../main/contract';
import { LetterPreviewView } from './LetterPreviewView';

const LETTER: LetterPreview = {
  templateId: 'test',
  layout: 'din5008',
  returnAddress: 'Stadt Musterstadt · Fachbereich 3 – Bürgerdienste · Markt 1 · 12345 Musterstadt',
  returnAddressLines: ['Stadt Musterstadt · Fachbereich 3 – Bürgerdienste', 'Markt 1 · 12345 Musterstadt'],
  noteZone: ['Einschreiben'],
  recipient: ['Herrn Jan Jansen', 'Keizersgracht 1', '1015 CS Amsterdam', 'NIEDERLANDE'],
  info: [
    { label: 'Unser Zeichen', value: '32.1-0815/2025' },
    { label: 'Datum', value: '10.03.2025' },
  ],
  subject: 'Ihr Antrag',
  salutation: 'Sehr geehrter Herr Jansen,',
  body: [
    { kind: 'paragraph', runs: [{ text: 'Erster Absatz.', bold: false, fieldId: null }], origin: { kind: 'template' } },
    { kind: 'listItem', runs: [{ text: 'eins', bold: false, fieldId: 'liste' }], origin: { kind: 'field', fieldId: 'liste' } },
    { kind: 'listItem', runs: [{ text: 'zwei', bold: false, fieldId: 'liste' }], origin: { kind: 'field', fieldId: 'liste' } },
    { kind: 'heading', runs: [{ text: 'Rechtsbehelfsbelehrung', bold: false, fieldId: null }], origin: { kind: 'fixed', blockId: 'rbb' } },
    { kind: 'paragraph', runs: [{ text: 'Gegen diesen Bescheid …', bold: false, fieldId: null }], origin: { kind: 'fixed', blockId: 'rbb' } },
  ],
  closing: 'Mit freundlichen Grüßen',
  signature: ['Im Auftrag', '', 'Anna Beispiel'],
  signatureMode: 'signed',
  signatureNote: null,
  enclosures: ['Bescheid vom 01.03.2025', 'Lageplan'],
  aiNotice: 'Mit KI-Unterstützung entworfen.',
};

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The letter's text in print order, as main/drafting/preview-docx-agree.test.ts expects it in the .docx. */
function printText(letter: LetterPreview): string {
  return normalise(
    [
      ...letter.noteZone,
      ...letter.returnAddressLines,
      ...letter.recipient,
      ...letter.info.map((row) => `${row.label}: ${row.value}`),
      letter.subject,
      letter.salutation,
      ...letter.body.map((b) => (b.kind === 'listItem' ? '– ' : '') + b.runs.map((r) => r.text).join('')),
      letter.closing,
      ...letter.signature,
      letter.signatureNote ?? '',
      ...(letter.enclosures.length > 0 ? [letter.enclosures.length === 1 ? 'Anlage' : 'Anlagen', ...letter.enclosures] : []),
      letter.aiNotice ?? '',
    ].join(' '),
  );
}

const html = (letter: LetterPreview) => renderToStaticMarkup(createElement(LetterPreviewView, { letter, aiFields: new Set<string>() }));

/** What the component shows, without the lock labels of fixed blocks. */
function shownText(letter: LetterPreview): string {
  return normalise(
    html(letter)
      .replace(/<span class="pv-lock">[\s\S]*?<\/span>/g, '')
      .replace(/<\/dt>/g, ': ')
      .replace(/<br\/?>|<\/(p|div|h4|dd)>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  );
}

describe('the letter preview', () => {
  it('shows every part in print order: Vermerk, return address, recipient, …, signature, Anlagen', () => {
    expect(shownText(LETTER)).toBe(printText(LETTER));
  });

  it('leaves space for the signature when signed and shows the machine line instead when not', () => {
    expect(html(LETTER)).toContain('pv-signature-space');
    const machine: LetterPreview = {
      ...LETTER,
      signature: ['Im Auftrag', 'Anna Beispiel'],
      signatureMode: 'machine',
      signatureNote: 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.',
      enclosures: ['Lageplan'],
      noteZone: [],
    };
    expect(html(machine)).not.toContain('pv-signature-space');
    expect(shownText(machine)).toBe(printText(machine));
    expect(shownText(machine)).toContain('Anna Beispiel Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig. Anlage Lageplan');
  });

  it('marks the last item of a list, where the letter leaves a blank line', () => {
    expect(html(LETTER).match(/pv-list--last/g)).toHaveLength(1);
  });
});
