import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINIMAL_TEMPLATE } from '../../e2e/fixtures/minimal-template';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { defaultTemplatesDir } from './library';
import { loadBlocks, loadTemplates, parseTemplate, TemplateError } from './template-load';

const { blocks } = loadBlocks(defaultTemplatesDir());

const GOOD = MINIMAL_TEMPLATE;

/** The German problems of a broken template text. */
function problemsOf(text: string): string[] {
  try {
    parseTemplate(text, 'kaputt.md', blocks);
  } catch (error) {
    if (error instanceof TemplateError) return error.problems;
    throw error;
  }
  throw new Error('the template loaded although it is broken');
}

describe('shipped templates', () => {
  it('all load without problems: at least the ten of the issue', () => {
    const { templates, problems } = loadTemplates(defaultTemplatesDir());
    expect(problems.map((p) => p.message)).toEqual([]);
    expect(templates.map((t) => t.info.id).sort()).toEqual([
      'abgabe-zustaendige-stelle',
      'ablehnungsbescheid',
      'anhoerung',
      'antwort-buergeranfrage',
      'antwort-formlos-bescheid-auf-wunsch',
      'eingangsbestaetigung',
      'erlaubnis-nebenbestimmungen',
      'gebuehrenbescheid',
      'nachforderung-unterlagen',
      'ordnungsverfuegung',
      'terminbestaetigung',
      'zahlungserinnerung',
      'zwischennachricht',
    ]);
  });

  it('decisions (Bescheide) carry the Rechtsbehelfsbelehrung that follows the Land, need the Land, and may override its rule', () => {
    const { templates } = loadTemplates(defaultTemplatesDir());
    for (const id of ['gebuehrenbescheid', 'ablehnungsbescheid', 'erlaubnis-nebenbestimmungen', 'ordnungsverfuegung']) {
      const template = templates.find((t) => t.info.id === id)!;
      expect(template.info.fixedBlocks.map((b) => b.id), id).toContain('rechtsbehelfsbelehrung');
      expect(template.info.requires, id).toEqual(expect.arrayContaining(['authority', 'address', 'land']));
      expect(template.remedyField, id).not.toBeNull();
      expect(template.info.fields.find((f) => f.id === template.remedyField)?.options.map((o) => o.value), id).toEqual(['land', 'widerspruch', 'klage', 'wahl']);
    }
    expect(templates.find((t) => t.info.id === 'antwort-formlos-bescheid-auf-wunsch')!.info.fixedBlocks.map((b) => b.id)).not.toContain('rechtsbehelfsbelehrung');
  });

  it('marks only free-text fields as AI-draftable', () => {
    const { templates } = loadTemplates(defaultTemplatesDir());
    const ai = templates.flatMap((t) => t.info.fields.filter((f) => f.ai));
    expect(ai.length).toBeGreaterThanOrEqual(10);
    expect(new Set(ai.map((f) => f.type))).toEqual(new Set(['multiline']));
  });
});

describe('template schema errors', () => {
  it('accepts the minimal template', () => {
    expect(parseTemplate(GOOD, 'gut.md', blocks).info.fields.map((f) => f.id)).toEqual(['empfaenger', 'datum']);
  });

  it('names what is wrong with the Land keys: requires, legalArea, remedy, {{law.…}}', () => {
    const withLetter = (extra: string, fields = '') =>
      GOOD.replace('  date: "{{datum}}"\n', `  date: "{{datum}}"\n${extra}`).replace('  - { id: datum, type: date, label: Datum, default: heute }\n', `  - { id: datum, type: date, label: Datum, default: heute }\n${fields}`);
    expect(problemsOf(withLetter('  requires: [authority, mayor]\n')).join(' ')).toMatch(/letter\.requires nennt nur diese Angaben: authority, department/);
    expect(problemsOf(withLetter('  legalArea: steuern\n')).join(' ')).toMatch(/„letter\.legalArea“: „steuern“ ist nicht erlaubt \(allgemein, abgaben/);
    expect(problemsOf(withLetter('  legalArea: "{{gebiet}}"\n', '  - { id: gebiet, type: choice, label: Gebiet, options: [abgaben, steuern] }\n')).join(' ')).toMatch(/Die Möglichkeiten steuern von „gebiet“ sind nicht erlaubt/);
    expect(problemsOf(withLetter('  remedy: klage\n')).join(' ')).toMatch(/„letter\.remedy“: Hier gehört ein Auswahlfeld hin/);
    expect(problemsOf(GOOD.replace('Text.', 'Nach {{law.anhoerung}}.')).join(' ')).toMatch(/\{\{law\.anhoerung\}\} gibt es nicht \(erlaubt: land, procedureAct/);
    const ok = parseTemplate(withLetter('  requires: [authority, land]\n  legalArea: "{{gebiet}}"\n', '  - { id: gebiet, type: choice, label: Gebiet, options: [abgaben, bau] }\n'), 'gut.md', blocks);
    expect(ok.info.requires).toEqual(['authority', 'land']);
    expect(ok.legalArea).toEqual({ fieldId: 'gebiet' });
  });

  it('names a missing front matter', () => {
    expect(problemsOf('Nur Text')).toEqual([expect.stringContaining('YAML-Front-Matter')]);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(problemsOf(GOOD.replace('title: Test', 'title: [Test'))[0]).toMatch(/^YAML-Fehler in Zeile \d+/);
  });

  it('names the field and the key of a wrong field type', () => {
    const problems = problemsOf(GOOD.replace('type: date', 'type: datum'));
    expect(problems).toEqual([expect.stringMatching(/^Feld „fields\[1\] \(datum\)\.type“: Der Typ \(type\) muss einer von text, multiline, date/)]);
  });

  it('reports a missing title and an unknown key', () => {
    const problems = problemsOf(GOOD.replace('title: Test\n', 'titel: Test\n'));
    expect(problems.join('\n')).toMatch(/Feld „title“/);
    expect(problems.join('\n')).toMatch(/titel/);
  });

  it('reports duplicate field ids, choices without options and ai on a non-text field', () => {
    const text = GOOD.replace(
      '  - { id: datum, type: date, label: Datum, default: heute }',
      '  - { id: datum, type: date, label: Datum, ai: true }\n  - { id: datum, type: text, label: Noch einmal }\n  - { id: art, type: choice, label: Art }',
    );
    const problems = problemsOf(text).join('\n');
    expect(problems).toMatch(/fields\[1\] \(datum\)“: ai: true ist nur bei den Typen text und multiline erlaubt/);
    expect(problems).toMatch(/fields\[2\] \(datum\)“: Die ID „datum“ kommt doppelt vor/);
    expect(problems).toMatch(/fields\[3\] \(art\)“: Ein Auswahlfeld braucht mindestens zwei Möglichkeiten/);
  });

  it('reports placeholders that name no field or an unknown property, and unknown letterhead keys', () => {
    const problems = problemsOf(GOOD.replace('Text.', 'Text {{betrag}} am {{datum.monat}} in {{letterhead.stadt}}.')).join('\n');
    expect(problems).toMatch(/Brieftext, Zeile 14: Der Platzhalter \{\{betrag\}\} nennt kein Feld/);
    expect(problems).toMatch(/\{\{datum\.monat\}\}: Felder vom Typ date haben nur die Eigenschaften long, full/);
    expect(problems).toMatch(/\{\{letterhead\.stadt\}\} gibt es nicht/);
  });

  it('reports unbalanced conditions and unknown fixed blocks with their line', () => {
    expect(problemsOf(GOOD.replace('Text.', '{{#if datum}}\nText.'))).toEqual(['Brieftext: Zeile 14: {{#if …}} wird nicht mit {{/if}} geschlossen.']);
    expect(problemsOf(GOOD.replace('Text.', 'Text.\n{{/if}}'))).toEqual(['Brieftext: Zeile 15: {{/if}} ohne passendes {{#if …}}.']);
    expect(problemsOf(GOOD.replace('Text.', '{{> gibt-es-nicht}}'))).toEqual([
      'Brieftext, Zeile 14: Den Textbaustein „gibt-es-nicht“ gibt es nicht (templates/blocks/gibt-es-nicht.md).',
    ]);
  });

  it('requires the recipient to be an address field and checks defaults and sample values', () => {
    const text = GOOD.replace('recipient: empfaenger', 'recipient: datum').replace('default: heute', 'default: 31.02.2025');
    const problems = problemsOf(text).join('\n');
    expect(problems).toMatch(/letter\.recipient“: „datum“ ist kein Feld vom Typ address/);
    expect(problems).toMatch(/fields\[1\] \(datum\)“: Der Vorgabewert \(default\) ist ungültig – Bitte ein gültiges Datum/);
    const sample = problemsOf(GOOD.replace('---\nText.', 'sample:\n  datum: morgen\n---\nText.'));
    expect(sample).toEqual(['Feld „sample.empfaenger“: Bitte ausfüllen.', 'Feld „sample.datum“: Bitte ein gültiges Datum angeben, z. B. 14.03.2025.']);
  });
});

describe('a templates folder with a broken file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('loads the good templates and names the broken file', () => {
    mkdirSync(join(dir.path, 'blocks'));
    writeFileSync(join(dir.path, 'test.md'), GOOD);
    writeFileSync(join(dir.path, 'kaputt.md'), GOOD.replace('id: test', 'id: kaputt').replace('category: Prüfung\n', ''));
    writeFileSync(join(dir.path, 'falscher-name.md'), GOOD);
    const { templates, problems } = loadTemplates(dir.path);
    expect(templates.map((t) => t.info.id)).toEqual(['test']);
    expect(problems.map((p) => p.message)).toEqual([
      'Vorlage falscher-name.md: Feld „id“: Die ID „test“ muss dem Dateinamen entsprechen (test.md).',
      expect.stringMatching(/^Vorlage kaputt\.md: Feld „category“: /),
    ]);
  });
});
