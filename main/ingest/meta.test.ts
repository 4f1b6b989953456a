import { Document, Packer, Paragraph } from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../../e2e/fixtures/pdf';
import { authorityOf, deriveMeta, docTypeOf, metaFromFrontMatter, parseGermanDate } from './meta';
import { parseDocx } from './parsers/docx';
import { parseMarkdown } from './parsers/markdown';
import { parsePdf } from './parsers/pdf';
import { parsePlainText } from './parsers/plain-text';

const enc = (s: string) => new TextEncoder().encode(s);
const NOW = '2025-06-01';

describe('parseGermanDate', () => {
  it('reads German and ISO dates, and refuses impossible ones', () => {
    expect(parseGermanDate('1. Januar 2022')).toBe('2022-01-01');
    expect(parseGermanDate('01.01.2022')).toBe('2022-01-01');
    expect(parseGermanDate('in Kraft seit 3.10.1990')).toBe('1990-10-03');
    expect(parseGermanDate('24. Dez. 2019')).toBe('2019-12-24');
    expect(parseGermanDate('2022-01-01')).toBe('2022-01-01');
    expect(parseGermanDate(new Date(Date.UTC(2021, 11, 17)))).toBe('2021-12-17');
    expect(parseGermanDate('31.02.2022')).toBeNull();
    expect(parseGermanDate('kein Datum')).toBeNull();
  });
});

describe('metadata from YAML front matter', () => {
  it('reads the keys of the bylaws: authority, type, validity, and the title replaces the file name', () => {
    const md = ['---', 'titel: "II 01 Satzung über die Erhebung der Hundesteuer in der Stadt Konstanz"', 'rechtsnatur: Satzung', 'land: Baden-Württemberg', 'kreis: Konstanz', 'gemeinde: Konstanz', 'gueltig_ab: 2022-01-01', 'url_nachfolger:', 'status: published', '---', '', '## § 1 Steuergegenstand', '', 'Text.'].join('\n');
    const doc = parseMarkdown(enc(md));
    expect(doc.title).toBe('II 01 Satzung über die Erhebung der Hundesteuer in der Stadt Konstanz');
    expect(deriveMeta(doc, doc.title, NOW)).toEqual({ authority: 'Konstanz', docType: 'Satzung', validFrom: '2022-01-01', validUntil: null, validity: 'current' });
  });

  it('prefers gemeinde, then kreis (as Landkreis), land, behoerde', () => {
    expect(metaFromFrontMatter({ kreis: 'Konstanz', land: 'Baden-Württemberg' }).meta.authority).toBe('Landkreis Konstanz');
    expect(metaFromFrontMatter({ land: 'Baden-Württemberg', behoerde: 'Regierungspräsidium Freiburg' }).meta.authority).toBe('Baden-Württemberg');
    expect(metaFromFrontMatter({ herausgeber: 'Landratsamt Konstanz' }).meta.authority).toBe('Landratsamt Konstanz');
  });

  it('knows a superseded document by its status, its successor or its end date', () => {
    const meta = (data: object) => deriveMeta({ blocks: [], meta: metaFromFrontMatter(data).meta }, 'Satzung', NOW);
    expect(meta({ status: 'superseded', gueltig_ab: '2010-01-01' }).validity).toBe('superseded');
    expect(meta({ status: 'archiviert' }).validity).toBe('superseded');
    expect(meta({ status: 'aufgehoben' }).validity).toBe('superseded');
    expect(meta({ url_nachfolger: 'https://example.org/neu.pdf' }).validity).toBe('superseded');
    expect(meta({ gueltig_ab: '01.01.2010', gueltig_bis: '31.12.2020' })).toMatchObject({ validFrom: '2010-01-01', validUntil: '2020-12-31', validity: 'superseded' });
    expect(meta({ gueltig_bis: '31.12.2030' }).validity).toBe('unknown');
    expect(meta({ status: 'published' }).validity).toBe('unknown');
  });

  it('reads every bylaw of the corpus as a current Satzung, Verordnung, … of Konstanz', (context) => {
    const path = '/work/shared/corpus/bylaws/KON_Satzung_Hundesteuer.md';
    if (!existsSync(path)) {
      console.log(`skipped: ${path} is missing`);
      return context.skip();
    }
    const doc = parseMarkdown(readFileSync(path));
    expect(deriveMeta(doc, doc.title, NOW)).toEqual({ authority: 'Konstanz', docType: 'Satzung', validFrom: '2022-01-01', validUntil: null, validity: 'current' });
  });
});

describe('metadata from the first lines', () => {
  it('takes type and authority from a title line', () => {
    expect(docTypeOf('Satzung über die Erhebung der Hundesteuer der Stadt Konstanz')).toBe('Satzung');
    expect(docTypeOf('II 01 Hundesteuersatzung')).toBe('Satzung');
    expect(docTypeOf('Polizeiverordnung der Großen Kreisstadt Konstanz')).toBe('Polizeiverordnung');
    expect(docTypeOf('Richtlinien zur Vergabe städtischer Sporthallen')).toBe('Richtlinien');
    expect(docTypeOf('Friedhofsordnung der Gemeinde Allensbach')).toBe('Friedhofsordnung');
    expect(docTypeOf('Gesetz zur Neuordnung des Rechts')).toBe('Gesetz');
    expect(docTypeOf('Merkblatt zur Zuordnung')).toBe('Merkblatt');
    expect(docTypeOf('Protokoll der Sitzung')).toBeNull();
    expect(authorityOf('Satzung über die Hundesteuer der Stadt Konstanz')).toBe('Konstanz');
    expect(authorityOf('Polizeiverordnung der Großen Kreisstadt Konstanz über Hausnummern')).toBe('Konstanz');
    expect(authorityOf('Gebührensatzung der Gemeinde Weil am Rhein')).toBe('Weil am Rhein');
    expect(authorityOf('Satzung des Landkreises Konstanz über die Abfallentsorgung')).toBe('Landkreis Konstanz');
    expect(authorityOf('Die Steuer beträgt 90 Euro.')).toBeNull();
  });

  it('reads a plain-text document: type, authority, since when it applies', () => {
    const doc = parsePlainText(enc('Satzung über die Benutzung der Grillplätze der Gemeinde Allensbach\nin Kraft ab 1. März 2021\n\n§ 1 Geltungsbereich\n\nDie Satzung gilt für alle Grillplätze.\n'));
    expect(deriveMeta(doc, doc.title, NOW)).toEqual({ authority: 'Allensbach', docType: 'Satzung', validFrom: '2021-03-01', validUntil: null, validity: 'current' });
  });

  it('knows "außer Kraft", "Altfassung" and "aufgehoben durch" in the title or first lines', () => {
    const meta = (text: string, title: string | null = null) => {
      const doc = parsePlainText(enc(text));
      return deriveMeta(doc, title ?? doc.title, NOW);
    };
    expect(meta('Hundesteuersatzung (Altfassung)\n\n§ 1 Steuergegenstand\n\nText.').validity).toBe('superseded');
    expect(meta('Hundesteuersatzung\nAußer Kraft seit 31.12.2021\n\nText der Satzung.')).toMatchObject({ validUntil: '2021-12-31', validity: 'superseded' });
    expect(meta('Friedhofsordnung\nAufgehoben durch die Satzung vom 1.1.2020\n\nText.').validity).toBe('superseded');
    expect(meta('Text der Satzung.', 'Hundesteuer_Altfassung').validity).toBe('superseded');
    // What a later section says about an older bylaw does not make this one superseded.
    expect(meta('Hundesteuersatzung\n\n§ 1 Steuergegenstand\n\nText.\n\n§ 14 Inkrafttreten\n\nGleichzeitig tritt die Satzung vom 1.1.2000 außer Kraft.').validity).toBe('unknown');
    expect(meta('Merkblatt Hundesteuer\n\nDie Steuer beträgt 90 Euro im Jahr.')).toEqual({ authority: null, docType: 'Merkblatt', validFrom: null, validUntil: null, validity: 'unknown' });
  });
});

describe('metadata from document properties', () => {
  it("reads a DOCX's core.xml and app.xml: title, type from the subject, authority from the company", async () => {
    const plain = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Die Sperrzeit beginnt um 3 Uhr.')] }] }));
    const files = unzipSync(new Uint8Array(plain));
    files['docProps/core.xml'] = strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        '<dc:title>Sperrzeit &amp; Ausnahmen</dc:title><dc:subject>Allgemeinverfügung über die Sperrzeit</dc:subject><cp:keywords>in Kraft ab 01.07.2024</cp:keywords><dc:creator>M. Müller</dc:creator></cp:coreProperties>',
    );
    files['docProps/app.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Stadt Konstanz</Company></Properties>');
    const doc = await parseDocx(zipSync(files));
    expect(doc.title).toBe('Sperrzeit & Ausnahmen');
    expect(deriveMeta(doc, doc.title, NOW)).toEqual({ authority: 'Konstanz', docType: 'Allgemeinverfügung', validFrom: '2024-07-01', validUntil: null, validity: 'current' });
  });

  it("reads a PDF's info dictionary title", async () => {
    const doc = await parsePdf(makePdf([['Die Gebühr beträgt 20 Euro.']], { title: 'Gebührenordnung der Stadt Singen' }));
    expect(deriveMeta(doc, doc.title, NOW)).toMatchObject({ authority: 'Singen', docType: 'Gebührenordnung' });
  });
});
