/**
 * The legal wording of the shipped templates and fixed blocks, as a
 * Verwaltungsjurist would check it: Säumniszuschläge with basis and rate
 * (they accrue by law, no "Mahnverfahren" for a public-law claim), the
 * consequences in the Nachforderung, the Art. 13 DSGVO items of the
 * Datenschutzhinweis, and the three templates Erlaubnis mit
 * Nebenbestimmungen, Ordnungsverfügung and formlose Antwort.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import type { FieldValues, LetterPreview, Letterhead } from '../contract';
import { checkDraft, previewDraft, validateDraft } from './index';
import { defaultTemplatesDir, TemplateLibrary } from './library';

const missingOf = (...args: Parameters<typeof checkDraft>) => checkDraft(...args).missing;

const library = new TemplateLibrary(defaultTemplatesDir(), '/nonexistent');
const dir = defaultTemplatesDir();

/** The whole letter as plain text: subject, body paragraphs (one per line), closing. */
function letterText(letter: LetterPreview): string {
  return [letter.subject, ...letter.body.map((b) => b.runs.map((r) => r.text).join('')), letter.closing].join('\n');
}

function compose(id: string, changes: FieldValues = {}, letterhead = TEST_LETTERHEAD): LetterPreview {
  return previewDraft(library.get(id), { ...library.sample(id), ...changes }, letterhead);
}

const fixedBlocksOf = (letter: LetterPreview) => new Set(letter.body.flatMap((b) => (b.origin.kind === 'fixed' ? [b.origin.blockId] : [])));

/** Every shipped template file and block file, as the admin sees them. */
const sources = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ file: f, text: readFileSync(join(dir, f), 'utf8') })),
  ...readdirSync(join(dir, 'blocks'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ file: `blocks/${f}`, text: readFileSync(join(dir, 'blocks', f), 'utf8') })),
];

describe('the shipped templates load', () => {
  it('without problems, including the three new ones', () => {
    expect(library.problems()).toEqual([]);
    const ids = library.list().map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['erlaubnis-nebenbestimmungen', 'ordnungsverfuegung', 'antwort-formlos-bescheid-auf-wunsch']));
  });

  it('every template composes with its sample without field errors', () => {
    for (const info of library.list()) {
      expect(validateDraft(library.get(info.id), library.sample(info.id)), info.id).toEqual({});
      expect(letterText(compose(info.id)).length, info.id).toBeGreaterThan(200);
    }
  });

  it('need from the settings what they print: every letter the authority, its address and the signer; payment letters the IBAN; the Datenschutzhinweis its Art. 13 facts', () => {
    const empty = { ...(Object.fromEntries(Object.keys(TEST_LETTERHEAD).map((k) => [k, ''])) as unknown as Letterhead), signatureMode: 'signed' as const };
    for (const info of library.list()) {
      const template = library.get(info.id);
      const values = { ...library.sample(info.id), datenschutz: 'ja' };
      const printed = new Set(previewDraft(template, values, TEST_LETTERHEAD).body.flatMap((b) => (b.origin.kind === 'fixed' ? [b.origin.blockId] : [])));
      const missing = missingOf(template, values, empty).map((m) => m.key);
      expect(missing, info.id).toEqual(expect.arrayContaining(['authority', 'address', 'contactPerson']));
      if (printed.has('rechtsbehelfsbelehrung')) expect(missing, info.id).toContain('land');
      if (printed.has('bankverbindung')) expect(missing, info.id).toContain('iban');
      if (printed.has('datenschutzhinweis')) expect(missing, info.id).toEqual(expect.arrayContaining(['dpoContact', 'retention', 'land']));
      expect(missingOf(template, values, TEST_LETTERHEAD), info.id).toEqual([]);
    }
  });

  it('no longer ask for the Verwaltungsgericht per letter: it comes from the settings', () => {
    for (const info of library.list()) {
      expect(info.fields.map((f) => f.id), info.id).not.toContain('verwaltungsgericht');
    }
  });

  it('mark only free-text fields as AI-draftable, and the new templates explain their text fields', () => {
    for (const info of library.list()) {
      for (const field of info.fields.filter((f) => f.ai)) expect(['text', 'multiline'], `${info.id}.${field.id}`).toContain(field.type);
    }
    const obvious = new Set(['ihr_zeichen', 'aktenzeichen', 'ihre_nachricht_vom', 'datum', 'antragsdatum', 'kassenzeichen', 'faelligkeit']);
    for (const id of ['erlaubnis-nebenbestimmungen', 'ordnungsverfuegung', 'antwort-formlos-bescheid-auf-wunsch']) {
      const unexplained = library
        .get(id)
        .info.fields.filter((f) => (f.type === 'text' || f.type === 'multiline') && !obvious.has(f.id) && f.help === '')
        .map((f) => f.id);
      expect(unexplained, id).toEqual([]);
    }
  });
});

describe('Säumniszuschläge and the collection of public-law claims', () => {
  it('no template or block speaks of a "Mahnverfahren" or says Säumniszuschläge "können … anfallen"', () => {
    for (const { file, text } of sources) {
      expect(text, file).not.toMatch(/Mahnverfahren/);
      expect(text, file).not.toMatch(/k(?:ann|önnen)[^.]*Säumniszuschl[^.]*anfallen/);
      expect(text, file).not.toMatch(/Säumniszuschl[^.]*k(?:ann|önnen)[^.]*anfallen/);
    }
  });

  for (const id of ['gebuehrenbescheid', 'zahlungserinnerung']) {
    it(`${id}: names basis and rate of the Säumniszuschlag, accruing by law, and the Land's enforcement act`, () => {
      const text = letterText(compose(id));
      expect(text).toMatch(/kraft Gesetzes/);
      expect(text).toContain('§ 240 der Abgabenordnung (AO)');
      expect(text).toContain('für jeden angefangenen Monat der Säumnis');
      expect(text).toContain('1 Prozent des auf den nächsten durch 50 Euro teilbaren Betrag abgerundeten rückständigen Betrags');
      expect(text).toContain('Verwaltungsvollstreckungsgesetz für das Land Nordrhein-Westfalen (VwVG NRW)');
      expect(text).toMatch(/Mahnung/);
      // The Land's rule follows the settings.
      const bavarian = letterText(compose(id, {}, { ...TEST_LETTERHEAD, land: 'BY' }));
      expect(bavarian).toContain('Bayerisches Verwaltungszustellungs- und Vollstreckungsgesetz (VwZVG)');
    });

    it(`${id}: basis and rate are fields the clerk can set (e.g. the Land's Gebührengesetz, where they are discretionary)`, () => {
      const fields = library.get(id).info.fields;
      expect(fields.find((f) => f.id === 'saeumnis_grundlage')).toMatchObject({ required: true, default: expect.stringContaining('§ 240') });
      expect(fields.find((f) => f.id === 'saeumnis_grundlage')!.help).toMatch(/Gebührengesetz/);
      expect(fields.find((f) => f.id === 'saeumnis_satz')).toMatchObject({ required: true, default: expect.stringContaining('1 Prozent') });
      const text = letterText(compose(id, { saeumnis_regel: 'ermessen', saeumnis_grundlage: '§ 18 GebG NRW', saeumnis_satz: 'eins vom Hundert des rückständigen Betrags' }));
      expect(text).toContain('nach § 18 GebG NRW für jeden angefangenen Monat der Säumnis');
      expect(text).toContain('eins vom Hundert des rückständigen Betrags');
      expect(text).not.toMatch(/kraft Gesetzes/);
      expect(letterText(compose(id, { saeumnis_regel: 'keine' }))).not.toMatch(/Säumniszuschlag in Höhe/);
    });

    it(`${id}: shows the authority's bank details from the Briefkopf and requires the IBAN`, () => {
      const letter = compose(id);
      expect(fixedBlocksOf(letter)).toContain('bankverbindung');
      const text = letterText(letter);
      expect(text).toContain('Zahlungsempfänger: Stadt Musterstadt');
      expect(text).toContain('IBAN: DE89 3704 0044 0532 0130 00');
      expect(text).toContain('Kreditinstitut: Sparkasse Musterstadt');
      expect(library.get(id).info.requires).toContain('iban');
    });
  }

  it('the Zahlungserinnerung names Säumniszuschläge already accrued and announces Mahnung, then Vollstreckung', () => {
    const text = letterText(compose('zahlungserinnerung'));
    expect(text).toContain('Bisher entstandene Säumniszuschläge: 1,00 €');
    expect(text).toMatch(/förmlich mahnen\. Bleibt auch die Mahnung ohne Erfolg, wird der Betrag im Verwaltungsvollstreckungsverfahren – Rechtsgrundlage: [^–]+ – beigetrieben/);
    expect(letterText(compose('zahlungserinnerung', { vollstreckungshinweis: 'nein' }))).not.toMatch(/Verwaltungsvollstreckungsverfahren/);
  });
});

describe('Nachforderung fehlender Unterlagen: the consequence of a missed deadline', () => {
  it('the application is treated as withdrawn only with a statutory basis, which is then required', () => {
    const text = letterText(compose('nachforderung-unterlagen', { folgen: 'ruecknahme' }));
    expect(text).toContain('gilt Ihr Antrag nach § 71 Abs. 1 Satz 2 der Landesbauordnung als zurückgenommen');
    expect(validateDraft(library.get('nachforderung-unterlagen'), { ...library.sample('nachforderung-unterlagen'), folgen: 'ruecknahme', ruecknahme_grundlage: '' })).toEqual({
      ruecknahme_grundlage: 'Bitte ausfüllen.',
    });
  });

  it('decided on the file as it stands (nach Aktenlage)', () => {
    const text = letterText(compose('nachforderung-unterlagen', { folgen: 'aktenlage' }));
    expect(text).toContain('entscheiden wir über Ihren Antrag nach Aktenlage');
    expect(text).not.toContain('zurückgenommen');
  });

  it('rejected', () => {
    const text = letterText(compose('nachforderung-unterlagen', { folgen: 'ablehnung' }));
    expect(text).toContain('Wir müssten Ihren Antrag dann ablehnen.');
    expect(text).not.toContain('nach Aktenlage');
  });

  it('social benefits: the written notice of § 66 Abs. 3 SGB I (Versagung or Entziehung after the period set)', () => {
    const values = { folgen: 'sgb', antragsgegenstand: 'Wohngeld', leistung: 'Wohngeld' };
    const text = letterText(compose('nachforderung-unterlagen', values));
    expect(text).toContain('Hinweis nach § 66 Abs. 3 SGB I');
    expect(text).toContain('§ 60 Abs. 1 des Ersten Buches Sozialgesetzbuch (SGB I)');
    expect(text).toMatch(/nicht bis zum 11\.04\.2025 nach/);
    expect(text).toMatch(/Leistung \(Wohngeld\) nach § 66 Abs\. 1 SGB I ohne weitere Ermittlungen bis zur Nachholung der Mitwirkung ganz oder teilweise versagen oder, soweit sie bereits bewilligt ist, entziehen/);
    expect(text).toContain('§ 67 SGB I');
    expect(validateDraft(library.get('nachforderung-unterlagen'), { ...library.sample('nachforderung-unterlagen'), folgen: 'sgb' })).toEqual({ leistung: 'Bitte ausfüllen.' });
  });

  it('no consequence at all when the clerk says so, and the enclosures go into the Anlagenvermerk', () => {
    const letter = compose('nachforderung-unterlagen', { folgen: 'keine' });
    expect(letterText(letter)).not.toMatch(/Bitte beachten Sie|§ 66/);
    expect(letter.enclosures).toEqual(['Vordruck Standsicherheitsnachweis', 'Merkblatt Bauvorlagen']);
  });
});

describe('Datenschutzhinweis (Art. 13 DSGVO) from the settings', () => {
  const templatesWithNotice = library
    .list()
    .filter((t) => t.fixedBlocks.some((b) => b.id === 'datenschutzhinweis'))
    .map((t) => t.id);

  it('is offered by the general letters and the Erlaubnis', () => {
    expect(templatesWithNotice).toEqual(expect.arrayContaining(['eingangsbestaetigung', 'abgabe-zustaendige-stelle', 'antwort-buergeranfrage', 'erlaubnis-nebenbestimmungen']));
  });

  for (const id of templatesWithNotice) {
    it(`${id}: names controller, DPO, purpose and legal basis, recipients, retention, rights and the supervisory authority`, () => {
      const letter = compose(id, library.get(id).info.fields.some((f) => f.id === 'datenschutz') ? { datenschutz: 'ja' } : {});
      const notice = letter.body
        .filter((b) => b.origin.kind === 'fixed' && b.origin.blockId === 'datenschutzhinweis')
        .map((b) => b.runs.map((r) => r.text).join(''))
        .join('\n');
      expect(notice).toContain('Verantwortlicher: Stadt Musterstadt, Markt 1, 12345 Musterstadt');
      expect(notice).toContain(`Datenschutzbeauftragte/r: ${TEST_LETTERHEAD.dpoContact}`);
      expect(notice).toMatch(/Zweck der Verarbeitung: \S/);
      expect(notice).toMatch(/Rechtsgrundlage: Art\. 6 Abs\. 1 Unterabs\. 1 Buchst\. e und Abs\. 3 DSGVO in Verbindung mit \S/);
      expect(notice).toMatch(/Empfänger: \S/);
      expect(notice).toContain(`Speicherdauer: ${TEST_LETTERHEAD.retention}`);
      for (const article of ['Art. 15', 'Art. 16', 'Art. 17', 'Art. 18', 'Art. 21', 'Art. 77']) expect(notice).toContain(`${article} DSGVO`);
      expect(notice).toContain('Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen, Kavalleriestraße 2–4, 40213 Düsseldorf');
      expect(notice).toContain('Weitere Informationen zum Datenschutz finden Sie unter www.musterstadt.de.');
    });
  }

  it('takes purpose, legal basis and recipients from the template, and names the website only when it is set', () => {
    const letter = compose('eingangsbestaetigung', { dsgvo_zweck: 'Bearbeitung Ihres Bauantrags', dsgvo_rechtsgrundlage: '§ 64 BauO NRW', dsgvo_empfaenger: 'die Untere Denkmalbehörde' }, { ...TEST_LETTERHEAD, website: '', land: 'SH' });
    const text = letterText(letter);
    expect(text).toContain('Zweck der Verarbeitung: Bearbeitung Ihres Bauantrags');
    expect(text).toContain('in Verbindung mit § 64 BauO NRW');
    expect(text).toContain('Empfänger: die Untere Denkmalbehörde');
    expect(text).toContain('Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein');
    expect(text).not.toMatch(/Weitere Informationen zum Datenschutz/);
  });

  it('is left out where the clerk does not want it', () => {
    expect(fixedBlocksOf(compose('eingangsbestaetigung', { datenschutz: 'nein' }))).not.toContain('datenschutzhinweis');
  });
});

describe('Erlaubnis mit Nebenbestimmungen', () => {
  const id = 'erlaubnis-nebenbestimmungen';

  it('composes with its sample: Befristung, Bedingungen, Auflagen, Widerrufsvorbehalt, Begründung with § 36 of the Land act, Kosten, Rechtsbehelfsbelehrung, Datenschutzhinweis', () => {
    const letter = compose(id);
    const text = letterText(letter);
    expect(text).toContain('Die Sondernutzungserlaubnis ist befristet; sie gilt vom 01.04.2025 bis zum 31.10.2025.');
    expect(text).toContain('unter folgenden Bedingungen');
    expect(text).toContain('folgende Auflagen');
    expect(text).toContain('Durchgangsbreite von mindestens 1,50 m');
    expect(text).toContain('unter dem Vorbehalt des Widerrufs');
    expect(text).toContain('Die Nebenbestimmungen beruhen auf § 36 VwVfG NRW in Verbindung mit § 18 Abs. 2 Satz 1 des Straßen- und Wegegesetzes.');
    expect(text).toContain('pflichtgemäßem Ermessen');
    expect(text).toContain('Gebühr in Höhe von 120,00 €');
    expect(fixedBlocksOf(letter)).toEqual(new Set(['bankverbindung', 'hinweis-saeumniszuschlag', 'hinweis-keine-aufschiebende-wirkung', 'rechtsbehelfsbelehrung', 'datenschutzhinweis']));
    expect(letter.enclosures).toEqual(['Lageplan mit Kennzeichnung der erlaubten Fläche']);
  });

  it('leaves out each Nebenbestimmung that is not set', () => {
    const text = letterText(compose(id, { befristung: '', bedingungen: '', auflagen: '', widerrufsvorbehalt: 'nein', kosten: 'keine' }));
    expect(text).not.toMatch(/befristet|Bedingungen|Auflagen verbunden|Vorbehalt des Widerrufs|IBAN/);
    expect(text).toContain('Für diesen Bescheid werden keine Kosten erhoben.');
  });

  it('the Rechtsbehelf follows the Land for the chosen legal area, or the clerk\'s override', () => {
    expect(letterText(compose(id))).toMatch(/innerhalb eines Monats nach Bekanntgabe Klage erhoben/);
    expect(letterText(compose(id, {}, { ...TEST_LETTERHEAD, land: 'BW' }))).toMatch(/Widerspruch erhoben/);
    expect(letterText(compose(id, { rechtsbehelf: 'widerspruch' }))).toMatch(/Widerspruch erhoben/);
  });
});

describe('Ordnungsverfügung', () => {
  const id = 'ordnungsverfuegung';

  it('composes with its sample: Anhörung done, Verfügung, sofortige Vollziehung with its reasons, Androhung with Frist and basis, § 80 Abs. 5 VwGO', () => {
    const letter = compose(id);
    const text = letterText(letter);
    expect(text).toContain('mit Schreiben vom 10.03.2025 haben wir Sie nach § 28 VwVfG NRW zu der beabsichtigten Maßnahme angehört');
    expect(text).toContain('Die sofortige Vollziehung der Anordnung unter Nr. 1 wird angeordnet.');
    expect(text).toContain('§ 80 Abs. 2 Satz 1 Nr. 4 der Verwaltungsgerichtsordnung');
    expect(text).toContain('§ 80 Abs. 3 Satz 1 VwGO');
    expect(text).toContain('Der Baum kann jederzeit');
    expect(text).toContain('Kommen Sie der Anordnung unter Nr. 1 nicht bis zum 04.04.2025 nach, wird sie im Wege der Ersatzvornahme');
    expect(text).toContain('vorläufig auf 1.800,00 € veranschlagt');
    expect(text).toContain('Die Androhung beruht auf §§ 55 Abs. 1, 57 Abs. 1 Nr. 1, 59 und 63 Verwaltungsvollstreckungsgesetz für das Land Nordrhein-Westfalen (VwVG NRW); ');
    expect(text).toContain('§ 80 Abs. 5 Satz 1 VwGO');
    expect(text).toContain('Verwaltungsgericht Musterstadt, Justizplatz 1, 12340 Musterstadt');
    expect(fixedBlocksOf(letter)).toContain('rechtsbehelfsbelehrung');
    expect(letter.noteZone).toEqual(['Mit Postzustellungsurkunde']);
    expect(library.get(id).info.requires).toEqual(expect.arrayContaining(['land', 'contactPerson', 'administrativeCourt']));
  });

  it('requires written reasons for the sofortige Vollziehung when it is ordered (§ 80 Abs. 3 VwGO), not otherwise', () => {
    const template = library.get(id);
    expect(validateDraft(template, { ...library.sample(id), sofortvollzug: 'ja', sofortvollzug_begruendung: '' })).toEqual({ sofortvollzug_begruendung: 'Bitte ausfüllen.' });
    expect(validateDraft(template, { ...library.sample(id), sofortvollzug: 'nein', sofortvollzug_begruendung: '' })).toEqual({});
    const text = letterText(compose(id, { sofortvollzug: 'nein', sofortvollzug_begruendung: '', frist: 'innerhalb eines Monats nach Unanfechtbarkeit dieser Verfügung' }));
    expect(text).not.toMatch(/sofortige Vollziehung|§ 80 Abs\. 5/);
    expect(text).toContain('2. Kommen Sie der Anordnung unter Nr. 1 nicht innerhalb eines Monats nach Unanfechtbarkeit dieser Verfügung nach');
    expect(text).toContain('mit Eintritt der Unanfechtbarkeit vollziehbar');
  });

  it('offers Zwangsgeld (with the hint on Ersatzzwangshaft) and unmittelbaren Zwang, each with its own required value', () => {
    const template = library.get(id);
    const zwangsgeld = letterText(compose(id, { zwangsmittel: 'zwangsgeld', zwangsgeld: '500,00' }));
    expect(zwangsgeld).toContain('wird ein Zwangsgeld in Höhe von 500,00 € festgesetzt. Dieses Zwangsmittel wird hiermit angedroht.');
    expect(zwangsgeld).toContain('Ersatzzwangshaft');
    expect(zwangsgeld).not.toContain('Ersatzvornahme auf Ihre Kosten');
    expect(validateDraft(template, { ...library.sample(id), zwangsmittel: 'zwangsgeld' })).toEqual({ zwangsgeld: 'Bitte ausfüllen.' });
    const zwang = letterText(compose(id, { zwangsmittel: 'unmittelbarer_zwang', unmittelbarer_zwang_art: 'Versiegelung der Räume' }));
    expect(zwang).toContain('durch unmittelbaren Zwang durchgesetzt (Versiegelung der Räume)');
    expect(validateDraft(template, { ...library.sample(id), zwangsmittel: 'unmittelbarer_zwang' })).toEqual({ unmittelbarer_zwang_art: 'Bitte ausfüllen.' });
  });

  it('names the Land\'s hearing provision and enforcement act from the settings', () => {
    const text = letterText(compose(id, {}, { ...TEST_LETTERHEAD, land: 'BY' }));
    expect(text).toContain('nach Art. 28 BayVwVfG');
    expect(text).toContain('Bayerisches Verwaltungszustellungs- und Vollstreckungsgesetz (VwZVG)');
  });
});

describe('Formlose Antwort mit Angebot eines Bescheides', () => {
  const id = 'antwort-formlos-bescheid-auf-wunsch';

  it('answers without a Rechtsbehelfsbelehrung and offers a formal Bescheid within a period, naming the contact', () => {
    const letter = compose(id);
    const text = letterText(letter);
    expect(fixedBlocksOf(letter).has('rechtsbehelfsbelehrung')).toBe(false);
    expect(text).not.toContain('Rechtsbehelfsbelehrung');
    expect(text).not.toMatch(/innerhalb eines Monats nach Bekanntgabe/);
    expect(text).toContain('keine verbindliche Entscheidung (Verwaltungsakt)');
    expect(text).toContain('erlassen wir auf Ihren Wunsch einen förmlichen Bescheid, gegen den Sie einen Rechtsbehelf einlegen können');
    expect(text).toContain('bis zum 18.04.2025');
    expect(text).toContain('Anna Beispiel, Telefon 01234 567-89, E-Mail ordnungsamt@musterstadt.de');
  });

  it('names another contact when given, and does not let an open application lapse', () => {
    const text = letterText(compose(id, { ansprechperson: 'Herrn Kurz, Zimmer 1.07, Telefon 01234 567-12', antrag_offen: 'ja' }));
    expect(text).toContain('Herrn Kurz, Zimmer 1.07, Telefon 01234 567-12');
    expect(text).not.toContain('Anna Beispiel, Telefon');
    expect(text).toContain('Über Ihren Antrag entscheiden wir durch förmlichen Bescheid');
    expect(text).not.toContain('als erledigt');
  });
});
