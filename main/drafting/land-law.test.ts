import { describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import { LAND_CODES, LAND_NAMES, LEGAL_AREAS, type LandCode, type Letterhead } from '../contract';
import { AppError } from '../errors';
import { checkDraft, previewDraft, renderDraft } from './index';
import { LAND_LAW, remedyOf } from './land-law';
import { defaultTemplatesDir, TemplateLibrary } from './library';
import { loadBlocks, parseTemplate } from './template-load';

const missingOf = (...args: Parameters<typeof checkDraft>) => checkDraft(...args).missing;

const library = new TemplateLibrary(defaultTemplatesDir(), '/nonexistent');
const { blocks } = loadBlocks(defaultTemplatesDir());
const text = (letter: ReturnType<typeof previewDraft>) => letter.body.map((b) => b.runs.map((r) => r.text).join('')).join('\n');
const office = (land: LandCode | '', extra: Partial<Letterhead> = {}): Letterhead => ({ ...TEST_LETTERHEAD, land, ...extra });

/** A Bescheid whose legal area and Rechtsbehelf override are choice fields, as the shipped Bescheide do it. */
const BESCHEID = `---
id: bescheid-test
title: Bescheid
category: Prüfung
description: Ein Bescheid für Tests.
fields:
  - { id: empfaenger, type: address, label: Empfänger, required: true }
  - { id: datum, type: date, label: Datum, default: heute }
  - id: rechtsgebiet
    type: choice
    label: Rechtsgebiet
    default: allgemein
    options: [allgemein, abgaben, bau, gewerbe, ordnung, strasse, sozial]
  - id: rechtsbehelf
    type: choice
    label: Rechtsbehelf
    default: land
    options: [land, widerspruch, klage, wahl]
letter:
  recipient: empfaenger
  subject: Bescheid
  date: "{{datum}}"
  requires: [authority, address, land]
  legalArea: "{{rechtsgebiet}}"
  remedy: "{{rechtsbehelf}}"
---
Text.

{{> rechtsbehelfsbelehrung}}
`;
const bescheid = parseTemplate(BESCHEID, 'bescheid-test.md', blocks);
const recipient = { firstName: 'Erika', lastName: 'Muster', street: 'Weg 1', postalCode: '12345', city: 'Musterstadt' };
const belehrung = (land: LandCode, values: Record<string, string> = {}) => text(previewDraft(bescheid, { empfaenger: recipient, datum: '2025-03-14', ...values }, office(land)));

describe('the Land table', () => {
  it('has every Land with its procedure act, Anhörung provision, enforcement act, supervisory authority and a sourced Rechtsbehelf rule', () => {
    expect(Object.keys(LAND_LAW).sort()).toEqual([...LAND_CODES].sort());
    for (const code of LAND_CODES) {
      const law = LAND_LAW[code];
      expect(law.hearing, code).toMatch(/^(§|Art\.) (28|87) /);
      expect(law.hearing, code).toContain(law.procedureShort);
      expect(law.conditions, code).toMatch(/^(§|Art\.) (36|107) /);
      expect(law.conditions, code).toContain(law.procedureShort);
      expect(law.procedureAct, code).toContain(law.procedureShort);
      expect(law.enforcementAct, code).toMatch(/[Vv]ollstreckung|LVwG/);
      expect(law.dataProtectionAuthority, code).toMatch(/\d{5} /);
      expect(law.remedySource, code).toMatch(/§|Art\./);
      for (const area of LEGAL_AREAS) expect(['widerspruch', 'klage', 'wahl'], `${code} ${area}`).toContain(remedyOf(code, area));
    }
  });

  it('knows the rules the issue names: Schleswig-Holstein § 87 LVwG, the Bavarian choice, no Vorverfahren in NRW and Niedersachsen', () => {
    expect(LAND_LAW.SH.hearing).toBe('§ 87 LVwG');
    expect(LAND_LAW.BY.hearing).toBe('Art. 28 BayVwVfG');
    expect(LAND_LAW.SH.conditions).toBe('§ 107 LVwG');
    expect(LAND_LAW.NI.conditions).toBe('§ 36 VwVfG i. V. m. § 1 Abs. 1 NVwVfG');
    expect(remedyOf('BY', 'abgaben')).toBe('wahl');
    expect(remedyOf('BY', 'bau')).toBe('klage');
    expect(remedyOf('NW', 'allgemein')).toBe('klage');
    expect(remedyOf('NI', 'abgaben')).toBe('klage');
    expect(remedyOf('BW', 'bau')).toBe('widerspruch');
  });
});

describe('the Anhörung follows the office’s Land', () => {
  for (const code of LAND_CODES) {
    it(`${LAND_NAMES[code]}: cites ${LAND_LAW[code].hearing}`, () => {
      const letter = previewDraft(library.get('anhoerung'), library.sample('anhoerung'), office(code));
      expect(text(letter)).toContain(`nach ${LAND_LAW[code].hearing} Gelegenheit`);
      expect(letter.subject).not.toMatch(/VwVfG/);
    });
  }

  it('Schleswig-Holstein: § 87 LVwG, never the federal § 28 VwVfG', () => {
    const body = text(previewDraft(library.get('anhoerung'), library.sample('anhoerung'), office('SH')));
    expect(body).toContain('§ 87 LVwG');
    expect(body).not.toContain('§ 28');
  });

  it('without a Land it is not exported, and the form names the Land as missing', async () => {
    const template = library.get('anhoerung');
    expect(missingOf(template, library.sample('anhoerung'), office(''))).toEqual([{ key: 'land', label: 'Bundesland (Landesrecht)' }]);
    await expect(renderDraft(template, library.sample('anhoerung'), office(''), null)).rejects.toThrow(/Bundesland/);
  });
});

describe('the Erlaubnis names the Land’s provision on Nebenbestimmungen', () => {
  for (const code of ['SH', 'BY', 'NI', 'NW'] as const) {
    it(`${LAND_NAMES[code]}: ${LAND_LAW[code].conditions}`, () => {
      const body = text(previewDraft(library.get('erlaubnis-nebenbestimmungen'), library.sample('erlaubnis-nebenbestimmungen'), office(code)));
      expect(body).toContain(`Die Nebenbestimmungen beruhen auf ${LAND_LAW[code].conditions}`);
    });
  }
});

describe('the Rechtsbehelfsbelehrung follows the Land and the legal area', () => {
  for (const code of LAND_CODES) {
    for (const area of ['allgemein', 'abgaben'] as const) {
      it(`${LAND_NAMES[code]}, ${area}: ${remedyOf(code, area)}`, () => {
        const body = belehrung(code, { rechtsgebiet: area });
        const remedy = remedyOf(code, area);
        if (remedy === 'widerspruch') {
          expect(body).toContain('Widerspruch erhoben werden');
          expect(body).not.toContain('Klage');
        }
        if (remedy === 'klage') {
          expect(body).toContain('Klage erhoben werden');
          expect(body).not.toContain('Widerspruch');
        }
        if (remedy === 'wahl') expect(body).toContain('nach Ihrer Wahl entweder Widerspruch eingelegt oder unmittelbar Klage erhoben werden');
      });
    }
  }

  it('the Widerspruch text names the authority, its address and the electronic form (§ 70 VwGO, § 3a Abs. 2 VwVfG)', () => {
    const body = belehrung('SH');
    expect(body).toContain(`${TEST_LETTERHEAD.authority}, ${TEST_LETTERHEAD.street}, ${TEST_LETTERHEAD.postalCode} ${TEST_LETTERHEAD.city}`);
    expect(body).toContain('in elektronischer Form nach § 3a Abs. 2 des Verwaltungsverfahrensgesetzes');
    expect(body).toContain('§ 70 Abs. 1');
  });

  it('a Bescheid for Bavaria offers the choice (Kommunalabgaben), with the court from the settings', () => {
    const body = belehrung('BY', { rechtsgebiet: 'abgaben' });
    expect(body).toContain('nach Ihrer Wahl');
    expect(body).toContain(`bei dem ${TEST_LETTERHEAD.administrativeCourt}`);
    expect(body).toContain('§ 55a VwGO');
  });

  it('the clerk may override the Land’s rule for a subject that is one of its exceptions', () => {
    expect(belehrung('NW', { rechtsbehelf: 'widerspruch' })).toContain('Widerspruch erhoben werden');
    expect(belehrung('SH', { rechtsbehelf: 'klage' })).toContain('Klage erhoben werden');
  });

  it('a Klage without a court in the settings is refused, naming the court', async () => {
    const values = { empfaenger: recipient, datum: '2025-03-14' };
    const letterhead = office('NW', { administrativeCourt: '' });
    expect(missingOf(bescheid, values, letterhead).map((m) => m.key)).toEqual(['administrativeCourt']);
    await expect(renderDraft(bescheid, values, letterhead, null)).rejects.toThrow(/Verwaltungsgericht/);
    // Where a Widerspruch comes first, the court is not needed.
    expect(missingOf(bescheid, values, office('SH', { administrativeCourt: '' }))).toEqual([]);
  });
});

describe('a letter with gaps in the Briefkopf is not exported', () => {
  const EMPTY: Letterhead = Object.fromEntries(Object.keys(TEST_LETTERHEAD).map((k) => [k, ''])) as Letterhead;
  const empty = { ...EMPTY, signatureMode: 'signed' } as Letterhead;

  it('a Bescheid with the Briefkopf right after installation: German message naming the authority, its address and the Land', async () => {
    const values = { empfaenger: recipient, datum: '2025-03-14' };
    const error = await renderDraft(bescheid, values, empty, null).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).userMessage;
    expect(message).toContain('Behörde');
    expect(message).toContain('Anschrift der Behörde');
    expect(message).toContain('Bundesland');
    expect((error as AppError).fields).toMatchObject({ 'letterhead.authority': expect.any(String), 'letterhead.land': expect.any(String) });
  });

  it('a setting the text prints is required even when the template did not declare it', () => {
    const template = parseTemplate(BESCHEID.replace('requires: [authority, address, land]', 'requires: [land]'), 'bescheid-test.md', blocks);
    const values = { empfaenger: recipient, datum: '2025-03-14', rechtsbehelf: 'widerspruch' };
    expect(missingOf(template, values, office('SH', { authority: '' })).map((m) => m.key)).toEqual(['authority']);
  });

  it('every shipped template that prints a bank line refuses an export without IBAN', async () => {
    const payment = library.list().filter((t) => t.fixedBlocks.some((b) => b.id === 'bankverbindung'));
    expect(payment.length).toBeGreaterThan(0);
    for (const info of payment) {
      const missing = missingOf(library.get(info.id), library.sample(info.id), office('SH', { iban: '' }));
      expect(missing.map((m) => m.key), info.id).toContain('iban');
      await expect(renderDraft(library.get(info.id), library.sample(info.id), office('SH', { iban: '' }), null), info.id).rejects.toThrow(/IBAN/);
    }
  });

  it('a template that reads the Land’s law needs the Land even when it did not declare it, also for a condition', () => {
    const template = parseTemplate(BESCHEID.replace('requires: [authority, address, land]', 'requires: [authority]'), 'bescheid-test.md', blocks);
    const values = { empfaenger: recipient, datum: '2025-03-14' };
    expect(missingOf(template, values, office('')).map((m) => m.key)).toEqual(['land']);
    expect(missingOf(template, values, office('SH'))).toEqual([]);
  });
});
