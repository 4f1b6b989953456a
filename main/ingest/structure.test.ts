import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunk';
import { parseMarkdown } from './parsers/markdown';
import { parsePlainText } from './parsers/plain-text';
import { parseHtmlString } from './parsers/html';
import { blockRoles, headingRole, isTocBlock, sectionHeadingLevel } from './structure';
import type { Block } from './types';

const enc = (s: string) => new TextEncoder().encode(s);
const CORPUS = '/work/shared/corpus';
const corpusFile = (path: string) => {
  if (existsSync(`${CORPUS}/${path}`)) return readFileSync(`${CORPUS}/${path}`);
  console.log(`skipped: ${CORPUS}/${path} is missing (the shared test corpus is not on this machine)`);
  return null;
};

describe('the real Hundesteuer bylaw', () => {
  it('keeps § 5 out from under "Inhaltsverzeichnis" and "(Rechtsgrundlage)", and gives those their roles', (context) => {
    const bytes = corpusFile('bylaws/KON_Satzung_Hundesteuer.md');
    if (!bytes) return context.skip();
    const chunks = chunkDocument(parseMarkdown(bytes));
    expect(chunks.find((c) => c.text.startsWith('(1) Die Steuer beträgt') || c.heading.endsWith('§ 5 Steuersatz'))!.heading).toBe('§ 5 Steuersatz');
    expect(chunks.filter((c) => c.heading.includes('Inhaltsverzeichnis ›') || c.heading.includes('(Rechtsgrundlage) ›'))).toEqual([]);
    const toc = chunks.filter((c) => c.role === 'toc');
    expect(toc).toHaveLength(1);
    expect(toc[0]).toMatchObject({ heading: 'Inhaltsverzeichnis' });
    expect(toc[0]!.text).toContain('§ 14 Inkrafttreten');
    const preamble = chunks.filter((c) => c.role === 'preamble');
    expect(preamble.map((c) => c.heading)).toEqual(['(Rechtsgrundlage)']);
    expect(preamble[0]!.text).toMatch(/^Der Gemeinderat der Stadt Konstanz hat aufgrund/);
    expect(chunks.filter((c) => c.heading.startsWith('§')).every((c) => c.role === 'body')).toBe(true);
  });
});

describe('the laws corpus', () => {
  it('keeps Teil and Abschnitt as parents of § 28 VwVfG, all of it body', (context) => {
    const bytes = corpusFile('laws/VwVfG.md');
    if (!bytes) return context.skip();
    const chunks = chunkDocument(parseMarkdown(bytes));
    const s28 = chunks.find((c) => c.heading.endsWith('§ 28 Anhörung Beteiligter'))!;
    expect(s28.heading).toMatch(/^Verwaltungsverfahrensgesetz \(VwVfG\) › Teil II - Allgemeine Vorschriften über das Verwaltungsverfahren › .* › § 28 Anhörung Beteiligter$/);
    expect(s28.role).toBe('body');
    expect(chunks.filter((c) => c.role === 'toc')).toEqual([]);
  });
});

describe('headings, toc and preamble by structure', () => {
  const md = (text: string) => chunkDocument(parseMarkdown(enc(text)));

  it('keeps an Abschnitt heading as the parent of its §§, after a toc and a preamble', () => {
    const chunks = md(['## Inhalt', '', '- § 1 Zweck', '- § 2 Geltung', '- § 3 Gebühren', '', '## Präambel', '', 'Die Stadt will Ordnung.', '', '## 1. Abschnitt – Allgemeines', '', '### § 3 Gebühren', '', 'Die Gebühr beträgt 5 Euro.', ''].join('\n'));
    expect(chunks.map((c) => [c.role, c.heading])).toEqual([
      ['toc', 'Inhalt'],
      ['preamble', 'Präambel'],
      ['body', '1. Abschnitt – Allgemeines › § 3 Gebühren'],
    ]);
  });

  it('recognises a toc by its structure, whatever its heading, and the enacting formula before § 1', () => {
    const chunks = md(
      [
        '# Satzung über die Benutzung der Grillplätze',
        '',
        '§ 1 Geltungsbereich',
        '§ 2 Benutzung',
        '§ 3 Gebühren',
        '§ 4 Inkrafttreten',
        '',
        'Der Gemeinderat der Stadt Konstanz hat am 1. März 2020 aufgrund von § 4 GemO folgende Satzung beschlossen:',
        '',
        '## § 1 Geltungsbereich',
        '',
        'Die Satzung gilt für alle Grillplätze.',
      ].join('\n'),
    );
    expect(chunks.map((c) => [c.role, c.heading])).toEqual([
      ['toc', 'Satzung über die Benutzung der Grillplätze'],
      ['preamble', 'Satzung über die Benutzung der Grillplätze'],
      ['body', 'Satzung über die Benutzung der Grillplätze › § 1 Geltungsbereich'],
    ]);
  });

  it('a numbered list is a toc only if its titles are headings of the document', () => {
    const titles = new Set(['allgemeines', 'antrag', 'gebühren']);
    expect(isTocBlock('1. Allgemeines\n2. Antrag\n3. Gebühren', () => titles)).toBe(true);
    expect(isTocBlock('1. Personalausweis\n2. Meldebescheinigung\n3. Lichtbild', () => titles)).toBe(false);
    expect(isTocBlock('*   § 5 Abs. 1\n*   § 6 Abs. 2\n*   § 7 Abs. 3', () => titles)).toBe(false);
    expect(isTocBlock('(1) Die Steuer wird erhoben.\n(2) Sie ist fällig.\n(3) Nichts weiter.', () => titles)).toBe(false);
  });

  it('marks title lines before the first heading as front, but not a document of short lines only', () => {
    const blocks: Block[] = [
      { kind: 'text', text: 'Stadt Konstanz\nBürgeramt' },
      { kind: 'heading', level: 2, text: 'Hinweise' },
      { kind: 'text', text: 'Bitte bringen Sie Ihren Ausweis mit, wenn Sie einen Termin im Bürgeramt haben.' },
    ];
    expect(blockRoles(blocks)).toEqual(['front', 'body', 'body']);
    expect(blockRoles([{ kind: 'text', text: 'Hunde anmelden' }])).toEqual(['body']);
    expect(chunkDocument({ title: null, blocks }).map((c) => c.role)).toEqual(['front', 'body']);
  });

  it('names toc and preamble headings, and nothing else', () => {
    expect(['Inhaltsverzeichnis', '**Inhaltsübersicht**', 'Übersicht:', 'Inhalt'].map(headingRole)).toEqual(['toc', 'toc', 'toc', 'toc']);
    expect(['(Rechtsgrundlage)', 'Präambel', 'Eingangsformel'].map(headingRole)).toEqual(['preamble', 'preamble', 'preamble']);
    expect(['§ 1 Rechtsgrundlage', 'Inhalt der Anzeige', 'Übersicht der Gebühren'].map(headingRole)).toEqual([null, null, null]);
  });
});

describe('headings by wording in plain text and paragraphs', () => {
  it('knows § and division headings and their order, and no references or sentences', () => {
    expect(sectionHeadingLevel('§ 5 Steuersatz')).toBeGreaterThan(sectionHeadingLevel('Abschnitt 2 Verfahren'));
    expect(sectionHeadingLevel('Abschnitt 2 Verfahren')).toBeGreaterThan(sectionHeadingLevel('Erster Teil Allgemeines'));
    expect(sectionHeadingLevel('Art. 3 Gleichheit')).toBe(sectionHeadingLevel('§ 28 Anhörung Beteiligter'));
    expect(sectionHeadingLevel('2. Abschnitt – Steuerpflicht')).toBe(sectionHeadingLevel('Abschnitt 2'));
    for (const line of ['§ 5 Abs. 2 gilt entsprechend.', '§ 4 der Gemeindeordnung bleibt unberührt', '§ 10 Abs. 2 und § 11 Abs. 6 bleiben hiervon unberührt.', 'Abschnitt 2 gilt entsprechend für alle Hunde, die gehalten werden.', 'Die Steuer beträgt 90 Euro.']) {
      expect(sectionHeadingLevel(line), line).toBe(0);
    }
  });

  it('takes a § line that starts a paragraph of plain text for a heading under its Abschnitt, and leaves a toc list alone', () => {
    const text = ['Satzung über die Hundesteuer', '', '§ 1 Steuergegenstand', '§ 2 Steuerschuldner', '§ 3 Steuersatz', '', 'Abschnitt 2 Steuerpflicht', '', '§ 3 Steuersatz', '(1) Die Steuer beträgt 90 Euro.', '(2) Für Kampfhunde 600 Euro.', ''].join('\n');
    const doc = parsePlainText(enc(text));
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Abschnitt 2 Steuerpflicht', '§ 3 Steuersatz']);
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => [c.role, c.heading])).toEqual([
      ['front', ''],
      ['toc', ''],
      ['body', 'Abschnitt 2 Steuerpflicht › § 3 Steuersatz'],
    ]);
    expect(chunks[2]).toMatchObject({ lineStart: 9, lineEnd: 11 });
  });

  it('takes § paragraphs of a Word document without heading styles for headings', () => {
    const doc = parseHtmlString('<p>Dienstanweisung Akteneinsicht</p><p>Erster Teil Allgemeines</p><p>§ 2 Antrag</p><p>Der Antrag ist schriftlich zu stellen.</p>', { countLines: false });
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Erster Teil Allgemeines', '§ 2 Antrag']);
    expect(chunkDocument(doc).at(-1)!.heading).toBe('Erster Teil Allgemeines › § 2 Antrag');
  });
});
