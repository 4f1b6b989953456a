import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import type { LetterBlock } from '../contract';
import { previewDraft } from './index';
import { defaultTemplatesDir, TemplateLibrary } from './library';
import { splitFrontMatter } from './template-load';

const LETTERHEAD = TEST_LETTERHEAD;

const library = new TemplateLibrary(defaultTemplatesDir(), '/nonexistent');
const text = (block: LetterBlock) => block.runs.map((r) => r.text).join('');

describe('composing a letter', () => {
  it('fills the DIN 5008 frame: return address, recipient lines, information block, subject, salutation', () => {
    const letter = previewDraft(library.get('eingangsbestaetigung'), library.sample('eingangsbestaetigung'), LETTERHEAD);
    expect(letter.returnAddress).toBe('Stadt Musterstadt · Ordnungsamt · Markt 1 · 12345 Musterstadt');
    expect(letter.recipient).toEqual(['Frau Erika Mustermann', 'Hauptstraße 12', '12345 Musterstadt']);
    expect(letter.info).toEqual([
      { label: 'Ihre Nachricht vom', value: '03.03.2025' },
      { label: 'Unser Zeichen', value: '32.1-0815/2025' },
      { label: 'Ansprechpartner/in', value: 'Anna Beispiel' },
      { label: 'Telefon', value: '01234 567-89' },
      { label: 'E-Mail', value: 'ordnungsamt@musterstadt.de' },
      { label: 'Datum', value: '10.03.2025' },
    ]);
    expect(letter.subject).toBe('Eingangsbestätigung – Antrag auf Erteilung einer Sondernutzungserlaubnis');
    expect(letter.salutation).toBe('Sehr geehrte Frau Mustermann,');
    expect(letter.signature).toEqual(['Im Auftrag', '', 'Anna Beispiel']);
    expect(text(letter.body[0]!)).toBe(
      'hiermit bestätigen wir, dass Ihr Schreiben vom 03.03.2025 in der Angelegenheit „Antrag auf Erteilung einer Sondernutzungserlaubnis“ am 05.03.2025 bei uns eingegangen ist.',
    );
  });

  it('addresses men as "Herrn" in the window and greets people without salutation neutrally', () => {
    const values = { ...library.sample('nachforderung-unterlagen') };
    expect(previewDraft(library.get('nachforderung-unterlagen'), values, LETTERHEAD).recipient[0]).toBe('Herrn Max Mustermann');
    values.empfaenger = { firstName: 'Alex', lastName: 'Muster', street: 'Weg 1', postalCode: '12345', city: 'Musterstadt' };
    expect(previewDraft(library.get('nachforderung-unterlagen'), values, LETTERHEAD).salutation).toBe('Guten Tag Alex Muster,');
    values.empfaenger = { organisation: 'Muster GmbH', street: 'Weg 1', postalCode: '12345', city: 'Musterstadt' };
    expect(previewDraft(library.get('nachforderung-unterlagen'), values, LETTERHEAD).salutation).toBe('Sehr geehrte Damen und Herren,');
  });

  it('turns a field "one item per line" into list items and keeps **bold** of the template', () => {
    const letter = previewDraft(library.get('nachforderung-unterlagen'), library.sample('nachforderung-unterlagen'), LETTERHEAD);
    const items = letter.body.filter((b) => b.kind === 'listItem');
    expect(items.map(text)).toEqual(['Lageplan im Maßstab 1:500', 'Standsicherheitsnachweis', 'Nachweis der Bauvorlageberechtigung']);
    expect(items.every((b) => b.origin.kind === 'field' && b.origin.fieldId === 'fehlende_unterlagen')).toBe(true);
    const deadline = letter.body.find((b) => text(b).startsWith('Bitte reichen Sie'))!;
    expect(deadline.runs.filter((r) => r.bold)).toEqual([{ text: '11.04.2025', bold: true, fieldId: 'frist' }]);
  });

  it('follows conditions: empty optional fields and choices leave no paragraph behind', () => {
    const values = { ...library.sample('nachforderung-unterlagen'), folgen: 'keine' };
    const letter = previewDraft(library.get('nachforderung-unterlagen'), values, LETTERHEAD);
    expect(letter.body.map(text).join('\n')).not.toMatch(/Bitte beachten Sie/);
    expect(letter.body.every((b) => text(b).trim() !== '')).toBe(true);
    const withHint = previewDraft(library.get('nachforderung-unterlagen'), library.sample('nachforderung-unterlagen'), LETTERHEAD);
    expect(withHint.body.length).toBe(letter.body.length + 1);
  });

  it('inserts fixed blocks word for word from templates/blocks, marked as fixed', () => {
    const values = { ...library.sample('gebuehrenbescheid') };
    const fixedText = (letter: ReturnType<typeof previewDraft>) => letter.body.filter((b) => b.origin.kind === 'fixed' && b.origin.blockId === 'rechtsbehelfsbelehrung');
    // Schleswig-Holstein: Widerspruch first.
    const widerspruch = fixedText(previewDraft(library.get('gebuehrenbescheid'), values, { ...LETTERHEAD, land: 'SH' }));
    const source = splitFrontMatter(readFileSync(join(defaultTemplatesDir(), 'blocks', 'rechtsbehelfsbelehrung.md'), 'utf8'), 'x').body;
    const paragraph = /\{\{#if law\.remedy = "widerspruch"\}\}\n(.*)\n\{\{\/if\}\}/.exec(source)![1]!;
    const expected = paragraph.replace('{{letterhead.authority}}', 'Stadt Musterstadt').replace('{{letterhead.address}}', 'Markt 1, 12345 Musterstadt');
    expect(widerspruch.map((b) => [b.kind, text(b)])).toEqual([
      ['heading', 'Rechtsbehelfsbelehrung'],
      ['paragraph', expected],
    ]);
    // Nordrhein-Westfalen: Klage directly, at the court from the settings.
    const klage = fixedText(previewDraft(library.get('gebuehrenbescheid'), values, { ...LETTERHEAD, land: 'NW' })).map(text).join('\n');
    expect(klage).toContain('innerhalb eines Monats nach Bekanntgabe Klage erhoben werden');
    expect(klage).toContain(`bei dem ${LETTERHEAD.administrativeCourt} schriftlich`);
    expect(klage).not.toContain('Widerspruch');
  });

  it('marks paragraphs that are an AI-draftable field by their origin', () => {
    const letter = previewDraft(library.get('ablehnungsbescheid'), library.sample('ablehnungsbescheid'), LETTERHEAD);
    const fromFields = letter.body.filter((b) => b.origin.kind === 'field').map((b) => (b.origin.kind === 'field' ? b.origin.fieldId : ''));
    expect(fromFields).toEqual(expect.arrayContaining(['sachverhalt', 'begruendung']));
  });

  it('formats amounts, long dates with weekday and IBANs the German way', () => {
    const termin = previewDraft(library.get('terminbestaetigung'), library.sample('terminbestaetigung'), LETTERHEAD);
    expect(termin.body.map(text).join('\n')).toContain('Datum: Freitag, 21. März 2025');
    const fee = previewDraft(library.get('gebuehrenbescheid'), library.sample('gebuehrenbescheid'), LETTERHEAD);
    const all = fee.body.map(text).join('\n');
    expect(all).toContain('Festgesetzte Gebühr: 85,00 €');
    expect(all).toContain('IBAN: DE89 3704 0044 0532 0130 00');
  });

  it('carries the AI notice of the render options', () => {
    const letter = previewDraft(library.get('zwischennachricht'), library.sample('zwischennachricht'), LETTERHEAD, { aiNotice: 'Mit KI-Unterstützung erstellt.' });
    expect(letter.aiNotice).toBe('Mit KI-Unterstützung erstellt.');
  });
});
