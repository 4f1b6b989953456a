import { describe, expect, it } from 'vitest';
import { templateField } from '../../e2e/fixtures/template-field';
import type { TemplateField } from '../contract';
import { initialValues, validateFieldValues } from './field-values';
import { formatAmount, parseAmount, parseDate } from './format';
import { formatIban, ibanProblem } from './iban';

const field = templateField;

const FIELDS: TemplateField[] = [
  field('anschrift', 'address', { required: true }),
  field('frist', 'date', { required: true }),
  field('betrag', 'amount'),
  field('iban', 'iban'),
  field('az', 'reference'),
  field('art', 'choice', { options: [{ value: 'widerspruch', label: 'Widerspruch' }, { value: 'klage', label: 'Klage' }], default: 'widerspruch' }),
  field('gericht', 'text', { requiredWhen: { field: 'art', equals: 'klage' } }),
  field('person', 'person'),
];
const ADDRESS = { salutation: 'Frau' as const, lastName: 'Muster', street: 'Weg 1', postalCode: '12345', city: 'Musterstadt' };

describe('field values', () => {
  it('gives one German message per field, keyed by its id, in the form order', () => {
    const { errors } = validateFieldValues(FIELDS, {
      anschrift: { ...ADDRESS, postalCode: '1234' },
      frist: '31.02.2025',
      betrag: '12,345',
      iban: 'DE89 3704 0044 0532 0130 01',
      az: 'AZ <1>',
      art: 'klage',
      person: { firstName: 'Erika' },
      extra: 'x',
    });
    expect(errors).toEqual({
      anschrift: 'Die Postleitzahl hat fünf Ziffern.',
      frist: 'Bitte ein gültiges Datum angeben, z. B. 14.03.2025.',
      betrag: 'Bitte einen Betrag in Euro angeben, z. B. 1.234,56 (höchstens zwei Nachkommastellen).',
      iban: 'Die Prüfziffer der IBAN stimmt nicht – bitte die IBAN prüfen.',
      az: 'Ein Aktenzeichen besteht aus Buchstaben, Ziffern, Leerzeichen und . , - / : ( ) _ §.',
      gericht: 'Bitte ausfüllen.',
      person: 'Bitte den Nachnamen angeben.',
      extra: 'Diese Vorlage hat kein Feld „extra“.',
    });
  });

  it('requires required fields, and requiredWhen only while the other field has its value', () => {
    expect(validateFieldValues(FIELDS, {}).errors).toEqual({ anschrift: 'Bitte ausfüllen.', frist: 'Bitte ausfüllen.' });
    const withClaim = validateFieldValues(FIELDS, { anschrift: ADDRESS, frist: '2025-03-14', art: 'klage' }).errors;
    expect(withClaim).toEqual({ gericht: 'Bitte ausfüllen.' });
  });

  it('names what an address lacks', () => {
    expect(validateFieldValues(FIELDS, { anschrift: { lastName: 'Muster', city: 'X' }, frist: '1.1.2025' }).errors.anschrift).toBe(
      'Die Anschrift ist unvollständig: Straße und Hausnummer (oder Postfach), Postleitzahl fehlen.',
    );
    // A foreign address keeps its own postcode format.
    expect(validateFieldValues(FIELDS, { anschrift: { ...ADDRESS, postalCode: '1010', country: 'Österreich' }, frist: '1.1.2025' }).errors).toEqual({});
  });

  it('normalises valid values', () => {
    const { values, errors } = validateFieldValues(FIELDS, {
      anschrift: ADDRESS,
      frist: '1.3.2025',
      betrag: '1.234,5',
      iban: 'de89 3704 0044 0532 0130 00',
      az: '32.1-0815/2025',
    });
    expect(errors).toEqual({});
    expect(values.get('frist')).toEqual({ type: 'date', iso: '2025-03-01' });
    expect(values.get('betrag')).toEqual({ type: 'amount', cents: 123450 });
    expect(values.get('iban')).toEqual({ type: 'iban', iban: 'DE89370400440532013000' });
    expect(values.get('art')).toEqual({ type: 'choice', text: 'widerspruch' });
  });

  it('starts a draft with the defaults, "heute" as today', () => {
    const fields = [field('datum', 'date', { default: 'heute' }), field('art', 'choice', { default: 'a', options: [] })];
    expect(initialValues(fields, new Date(2025, 2, 14, 10))).toEqual({ datum: '2025-03-14', art: 'a' });
  });
});

describe('formats', () => {
  it('parses German and ISO dates and refuses impossible ones', () => {
    expect(parseDate('14.03.2025')).toBe('2025-03-14');
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(parseDate('2025-02-29')).toBeNull();
    expect(parseDate('14/03/2025')).toBeNull();
  });

  it('parses euro amounts in German and plain notation', () => {
    expect(parseAmount('1.234,56')).toBe(123456);
    expect(parseAmount('1234,5 €')).toBe(123450);
    expect(parseAmount('1.234')).toBe(123400);
    expect(parseAmount('12.5')).toBe(1250);
    expect(parseAmount(85)).toBe(8500);
    expect(parseAmount('1,234.56')).toBeNull();
    expect(parseAmount(1.005)).toBeNull();
    expect(formatAmount(123456789)).toBe('1.234.567,89');
  });

  it('checks IBANs by country length and check digits', () => {
    expect(ibanProblem('DE89 3704 0044 0532 0130 00')).toBeNull();
    expect(ibanProblem('AT61 1904 3002 3457 3201')).toBeNull();
    expect(ibanProblem('DE89 3704 0044 0532 0130')).toBe('Eine IBAN aus DE hat 22 Zeichen, diese hat 20.');
    expect(ibanProblem('DE88 3704 0044 0532 0130 00')).toMatch(/Prüfziffer/);
    expect(ibanProblem('12345')).toMatch(/Ländercode/);
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});
