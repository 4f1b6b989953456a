import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fold } from './normalise';
import { stem } from './stem';
import { MAX_EXPANSIONS, Thesaurus, thesaurusFile, thesaurusOf } from './thesaurus';

const of = (word: string) => thesaurusOf(stem(fold(word)));
const stemOf = (word: string) => stem(fold(word));

describe('the bundled thesaurus', () => {
  it('widens Schwimmbad to the other words for a public bath, and back', () => {
    expect(of('Schwimmbad')).toEqual(expect.arrayContaining(['freibad', 'badeanstalt', 'sommerbad'].map(stemOf)));
    expect(of('Freibad')).toContain(stemOf('Schwimmbad'));
    expect(of('Badeanstalt')).toContain(stemOf('Schwimmbad'));
    // OpenThesaurus puts Hallenbad with Schwimmhalle only, not with Schwimmbad.
    expect(of('Hallenbad')).toEqual([stemOf('Schwimmhalle')]);
  });

  it('knows Kita as Kindertagesstätte, both ways', () => {
    expect(of('Kita')).toContain(stemOf('Kindertagesstätte'));
    expect(of('Kindertagesstätte')).toContain(stemOf('Kita'));
  });

  it('knows Müll and Abfall, both ways', () => {
    expect(of('Müll')).toContain(stemOf('Abfall'));
    expect(of('Abfall')).toContain(stemOf('Müll'));
  });

  it('has no synonyms for Urne: OpenThesaurus lists only Urnengang', () => {
    expect(of('Urne')).toEqual([]);
  });

  it('looks words up by stem: inflected forms find the same synonyms', () => {
    expect(of('Schwimmbäder')).toEqual(of('Schwimmbad'));
    expect(of('Friedhöfe')).toEqual(of('Friedhof'));
    expect(of('Friedhof')).toEqual(expect.arrayContaining(['totenack', 'graberfeld']));
  });

  it('gives [] for a word it does not know', () => {
    expect(of('Xylophonreparaturwerkstatt')).toEqual([]);
    expect(thesaurusOf('')).toEqual([]);
  });

  it('never returns the stem itself, a stem twice, or more than the limit', () => {
    for (const word of ['Steuer', 'Grab', 'Abfall', 'Ausweis', 'Strafe', 'Hund', 'parken', 'Bank', 'laufen']) {
      const stems = of(word);
      expect(stems).not.toContain(stemOf(word));
      expect(new Set(stems).size).toBe(stems.length);
      expect(stems.length).toBeLessThanOrEqual(MAX_EXPANSIONS);
    }
  });

  it('relies on stems beginning with their word’s first two letters, which holds for every word of the data', () => {
    const text = readFileSync(thesaurusFile(), 'utf8');
    const broken = text
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .flatMap((line) => line.split(';'))
      .filter((word) => word && stemOf(word).slice(0, 2) !== fold(word).slice(0, 2));
    expect(broken).toEqual([]);
  });

  it('names its source, version and licence in the data file’s header, and ships the licence text', () => {
    const header = readFileSync(thesaurusFile(), 'utf8').split('\n')[0]!;
    expect(header).toMatch(/^# OpenThesaurus/);
    expect(header).toContain('2016-04-24');
    expect(header).toContain('LGPL-2.1');
    const licence = readFileSync(join(thesaurusFile(), '..', 'OPENTHESAURUS-LICENSE.txt'), 'utf8');
    expect(licence).toContain('scripts/build-thesaurus.mjs');
    expect(licence).toContain('GNU LESSER GENERAL PUBLIC LICENSE');
    expect(licence).toContain('Version 2.1');
  });
});

describe('Thesaurus', () => {
  it('prefers words of smaller synsets, one synset at a time, within the limit', () => {
    const t = new Thesaurus('# header\nHaus;Gebäude;Bauwerk;Immobilie;Objekt\nHaus;Heim\n');
    expect(t.of('haus')).toEqual(['heim', 'gebaud', 'bauwerk', 'immobili', 'objekt']);
    expect(t.of('haus', 3)).toEqual(['heim', 'gebaud', 'bauwerk']);
    expect(t.of('heim')).toEqual(['haus']);
  });

  it('leaves out hyphenated words and stopwords, which the analyzer never yields as one term', () => {
    const t = new Thesaurus('E-Mail;Mail;Nachricht\nsein;existieren\n');
    expect(t.of('mail')).toEqual(['nachricht']);
    expect(t.of('existi')).toEqual([]);
    expect(t.synsetCount).toBe(2);
  });
});

describe('scripts/build-thesaurus.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'thesaurus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps single words without their annotations, and drops idioms, insults and large synsets', () => {
    const input = join(dir, 'openthesaurus.txt');
    const thirteen = Array.from({ length: 13 }, (_, i) => `Wort${'abcdefghijklm'[i]}`).join(';');
    writeFileSync(
      input,
      [
        '# OpenThesaurus - German Thesaurus in text format',
        '# Automatically generated 2016-04-24 23:01',
        'Müll;Abfall (Hauptform);Dreck (ugs.);Siff (derb);in den Müll geben;Spreu (fig.)',
        '(sich) beeilen;sputen (ugs., regional);hetzen (veraltet)',
        'Kita (Abkürzung);Kindertagesstätte;Kita',
        'Pneumonie (fachspr., medizinisch);Lungenentzündung',
        'Einzelwort;in einem Muskel',
        'E-Mail;Mail;z.B.;Kauf(manns)laden',
        thirteen,
        'Kindertagesstätte;Kita',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'licence.txt'), 'GNU LESSER GENERAL PUBLIC LICENSE\nVersion 2.1\n');
    const script = resolve(import.meta.dirname, '../../scripts/build-thesaurus.mjs');
    execFileSync(process.execPath, [script, input, '--out', join(dir, 'out'), '--license', join(dir, 'licence.txt')]);

    const [header, ...synsets] = readFileSync(join(dir, 'out', 'openthesaurus.txt'), 'utf8').trimEnd().split('\n');
    expect(header).toMatch(/^# OpenThesaurus .*2016-04-24.*LGPL-2\.1/);
    expect(synsets).toEqual([
      // Hauptform first; ugs. kept; derb, figurative and multi-word entries dropped.
      'Abfall;Müll;Dreck',
      // Leading patterns and trailing annotations removed; veraltet dropped.
      'beeilen;sputen',
      // Duplicates within a synset, then the same synset again, are dropped.
      'Kita;Kindertagesstätte',
      // A synset left with one word, a medical fachspr. word and a synset of 13 words are dropped.
      'E-Mail;Mail',
    ]);
    const licence = readFileSync(join(dir, 'out', 'OPENTHESAURUS-LICENSE.txt'), 'utf8');
    expect(licence).toContain('scripts/build-thesaurus.mjs');
    expect(licence).toContain('GNU LESSER GENERAL PUBLIC LICENSE');
  });
});
