import { describe, expect, it } from 'vitest';
import { templateField } from '../../e2e/fixtures/template-field';
import type { FieldValue, TemplateField } from '../contract';
import { amountsIn, datesIn, factKind, passages, supportOf } from './assist-evidence';
import { checkValue, type Normalized } from './field-values';

const field = (id: string, type: TemplateField['type'], label = id, ai = false) => templateField(id, type, { label, ai });

const normalised = (f: TemplateField, value: FieldValue): Normalized => {
  const checked = checkValue(f, value);
  if (!checked || typeof checked === 'string') throw new Error(`not a valid value: ${String(checked)}`);
  return checked;
};
const support = (f: TemplateField, value: FieldValue, notes: string, citizenLetter = '') => supportOf(f, normalised(f, value), { notes, citizenLetter });

describe('which fields are facts', () => {
  it('treats dates, amounts, references, bank details, persons and addresses as facts', () => {
    for (const type of ['date', 'amount', 'reference', 'iban', 'person', 'address'] as const) expect(factKind(field('x', type))).toBe(type);
  });
  it('treats text fields named like a reference or a name as facts, free text and choices not', () => {
    expect(factKind(field('ihr_zeichen', 'text', 'Ihr Zeichen'))).toBe('reference');
    expect(factKind(field('gz', 'text', 'Geschäftszeichen'))).toBe('reference');
    expect(factKind(field('x', 'text', 'Az.'))).toBe('reference');
    expect(factKind(field('name', 'text', 'Name'))).toBe('name');
    expect(factKind(field('thema', 'text', 'Thema der Anfrage'))).toBeNull();
    expect(factKind(field('antwort', 'multiline', 'Antwort', true))).toBeNull();
    expect(factKind(field('zeichen', 'text', 'Ihr Zeichen', true))).toBeNull();
    expect(factKind(field('datenschutz', 'choice'))).toBeNull();
  });
});

describe('finding dates and amounts in German text', () => {
  it('reads dates in any German form', () => {
    expect(datesIn('am 14.3.2025, am 14.03.25, am 14. März 2025, am 14. Mär. 2025 und am 2025-03-14').map((d) => d.iso)).toEqual(Array(5).fill('2025-03-14'));
    expect(datesIn('am 31.02.2025')).toEqual([]);
  });
  it('reads amounts with and without thousands separators, and not the parts of a date', () => {
    expect(amountsIn('1.234,56 € und 1234,56 € und 1234.56 EUR und 96,- Euro').map((a) => a.cents)).toEqual([123456, 123456, 123456, 9600]);
    expect(amountsIn('am 14.03.2025')).toEqual([]);
  });
  it('splits sentences and lines, but not after a day or a title', () => {
    expect(passages('Mein Antrag vom 14. März 2025 ist weg. Bitte helfen Sie.\nDr. Erika Muster')).toEqual([
      'Mein Antrag vom 14. März 2025 ist weg.',
      'Bitte helfen Sie.',
      'Dr. Erika Muster',
    ]);
    expect(passages('Prof. Dr. Erika Muster, Hauptstr. 5, z. B. Herr Beispiel. Sie fragt nach dem Antrag Nr. 17.')).toEqual([
      'Prof. Dr. Erika Muster, Hauptstr. 5, z. B. Herr Beispiel.',
      'Sie fragt nach dem Antrag Nr. 17.',
    ]);
  });
});

describe('the support of a fact in the notes or the letter', () => {
  const date = field('ihre_nachricht_vom', 'date', 'Ihre Nachricht vom');
  const amount = field('betrag', 'amount', 'Offener Betrag');
  const reference = field('ihr_zeichen', 'text', 'Ihr Zeichen');
  const address = field('empfaenger', 'address', 'Empfänger');

  it('accepts a date written differently, with the sentence as evidence', () => {
    expect(support(date, '14.03.2025', 'Bürgerin ruft an.', 'Guten Tag,\nmein Schreiben vom 14. März 2025 blieb unbeantwortet. Bitte melden Sie sich.')).toEqual({
      evidence: 'mein Schreiben vom 14. März 2025 blieb unbeantwortet.',
    });
    expect(support(date, '2025-03-14', 'Schreiben vom 14.3.25')).toEqual({ evidence: 'Schreiben vom 14.3.25' });
  });

  it('rejects a date, an amount or a reference that is not there, with a German reason', () => {
    expect(support(date, '15.03.2025', 'Schreiben vom 14.03.2025')).toEqual({ rejected: 'Das Datum 15.03.2025 steht nicht in Ihren Notizen oder im Schreiben.' });
    expect(support(amount, '96,00', 'Es sind 69 Euro offen.')).toEqual({ rejected: 'Der Betrag 96,00 € steht nicht in Ihren Notizen oder im Schreiben.' });
    expect(support(reference, 'AZ-2025-17', 'Herr Beispiel fragt nach seinem Antrag.')).toEqual({ rejected: '„AZ-2025-17“ steht nicht in Ihren Notizen oder im Schreiben.' });
  });

  it('compares amounts and references by their value, not their spelling', () => {
    expect(support(amount, '1234.56', 'Offen sind noch 1.234,56 €.')).toEqual({ evidence: 'Offen sind noch 1.234,56 €.' });
    expect(support(reference, 'AB-12/3', 'Ihr Zeichen ab 12 3, bitte angeben.')).toEqual({ evidence: 'Ihr Zeichen ab 12 3, bitte angeben.' });
    expect(support(reference, 'AB-12', 'Ihr Zeichen AB-123.')).toMatchObject({ rejected: expect.stringMatching(/steht nicht/) });
  });

  it('finds every part of an address, word by word and without case, across the lines of a letter', () => {
    const value = { salutation: 'Frau' as const, firstName: 'Erika', lastName: 'Müller', street: 'Lindenstraße 4', postalCode: '12345', city: 'Musterstadt' };
    expect(support(address, value, '', 'erika mueller\nLindenstr. 4\n12345 Musterstadt\n\nSehr geehrte Damen und Herren,')).toEqual({
      evidence: 'erika mueller … Lindenstr. 4 … 12345 Musterstadt',
    });
    expect(support(address, { ...value, street: 'Lindenweg 4' }, 'Frau Erika Müller, Lindenstraße 4, 12345 Musterstadt')).toEqual({
      rejected: '„Lindenweg 4“ steht nicht in Ihren Notizen oder im Schreiben.',
    });
  });

  it('cuts a long passage around the value', () => {
    const long = `${'wort '.repeat(100)}am 14.03.2025 ${'wort '.repeat(100)}`;
    const found = support(date, '14.03.2025', long);
    expect(found).toMatchObject({ evidence: expect.stringContaining('14.03.2025') });
    expect((found as { evidence: string }).evidence.length).toBeLessThanOrEqual(310);
  });

  it('leaves fields that are no facts alone', () => {
    expect(support(field('thema', 'text', 'Thema'), 'Erfunden', 'nichts')).toBeNull();
  });
});
