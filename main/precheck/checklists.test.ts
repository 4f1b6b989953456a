import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { checklistsCommand } from '../cli/checklists-command';
import { checklistById, ChecklistError, defaultChecklistsDir, loadChecklists, officeChecklistsDir, parseChecklist } from './checklists';

const GOOD = `id: test
title: Testverfahren
legalBasis: "§ 1 Testgesetz"
description: Ein Verfahren für Tests.
data:
  - { id: antragsteller, label: Antragsteller, type: person, required: true, basis: "§ 2 Testgesetz", find: [Name] }
  - { id: beginn, label: Beginn, type: date, required: true, basis: "§ 3 Testgesetz" }
  - { id: eingang, label: Eingang, type: date, required: true, basis: "§ 3 Testgesetz" }
  - { id: rechtsform, label: Rechtsform, type: choice, options: [person, gmbh], required: true, basis: "§ 4 Testgesetz" }
  - { id: register, label: Registernummer, type: reference, requiredWhen: { field: rechtsform, in: [gmbh] }, basis: "§ 5 Testgesetz" }
documents:
  - { id: ausweis, label: Ausweiskopie, required: true, basis: "§ 6 Testgesetz", recognise: { titles: [Personalausweis], cues: [Ausweisnummer] } }
rules:
  - { id: frist, label: Anzeige binnen zwei Wochen, basis: "§ 7 Testgesetz", check: { kind: withinDays, field: eingang, after: beginn, days: 14 } }
`;

/** The German problems of a broken checklist text. */
function problemsOf(text: string): string[] {
  try {
    parseChecklist(text, 'test.yaml');
  } catch (error) {
    if (error instanceof ChecklistError) return error.problems;
    throw error;
  }
  throw new Error('the checklist loaded although it is broken');
}

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('the shipped Prüflisten', () => {
  it('load without problems: at least six procedures, every item with the provision that requires it', () => {
    const { checklists, problems } = loadChecklists(defaultChecklistsDir(), dir.path);
    expect(problems).toEqual([]);
    expect(checklists.length).toBeGreaterThanOrEqual(6);
    for (const checklist of checklists) {
      expect(checklist.legalBasis, checklist.id).toMatch(/§|Art\.|Satzung/);
      expect(checklist.items.filter((i) => i.kind === 'data').length, checklist.id).toBeGreaterThanOrEqual(3);
      expect(checklist.items.filter((i) => i.kind === 'document').length, checklist.id).toBeGreaterThanOrEqual(1);
      for (const item of checklist.items) expect(item.basis.trim(), `${checklist.id}.${item.id}`).not.toBe('');
    }
    expect(checklists.map((c) => c.id)).toEqual(expect.arrayContaining(['gewerbeanmeldung', 'wohngeld', 'bauantrag']));
  });
});

describe('a checklist file', () => {
  it('is read into data items, documents and rules in this order', () => {
    const checklist = parseChecklist(GOOD, 'test.yaml');
    expect(checklist.items.map((i) => `${i.kind}:${i.id}`)).toEqual(['data:antragsteller', 'data:beginn', 'data:eingang', 'data:rechtsform', 'data:register', 'document:ausweis', 'rule:frist']);
    expect(checklist.items.find((i) => i.id === 'register')).toMatchObject({ required: false, requiredWhen: { field: 'rechtsform', in: ['gmbh'] } });
    expect(checklist.items.find((i) => i.id === 'ausweis')).toMatchObject({ recognise: { titles: ['Personalausweis'], formNumbers: [], cues: ['Ausweisnummer'] } });
  });

  it('names file and field in German when it is broken', () => {
    expect(problemsOf(GOOD.replace('type: person', 'type: mensch'))[0]).toMatch(/^Feld „data\[0\] \(antragsteller\)\.type“: Der Typ \(type\) muss einer von text, /);
    expect(problemsOf(GOOD.replace('basis: "§ 2 Testgesetz", ', ''))[0]).toMatch(/^Feld „data\[0\] \(antragsteller\)\.basis“: /);
    expect(problemsOf(GOOD.replace('kind: withinDays', 'kind: binnen'))[0]).toMatch(/check\.kind muss withinDays, age/);
    expect(problemsOf(GOOD.replace('title: Testverfahren\n', ''))[0]).toMatch(/^Feld „title“: /);
    expect(problemsOf(GOOD.replace('id: test', 'id: anders'))[0]).toMatch(/muss dem Dateinamen entsprechen \(anders\.yaml\)/);
    expect(problemsOf('id: [kaputt')[0]).toMatch(/^YAML-Fehler in Zeile \d+/);
  });

  it('checks what the schema cannot: unique ids, conditions on choices, rules on items of the right type', () => {
    expect(problemsOf(GOOD.replace('id: eingang', 'id: beginn'))).toContain('Feld „data“: Die ID „beginn“ kommt doppelt vor.');
    expect(problemsOf(GOOD.replace('in: [gmbh]', 'in: [ag]')).join(' ')).toMatch(/ag ist keine Möglichkeit von „rechtsform“/);
    expect(problemsOf(GOOD.replace('field: rechtsform, in', 'field: beginn, in')).join(' ')).toMatch(/„beginn“ ist keine Auswahl-Angabe/);
    expect(problemsOf(GOOD.replace('after: beginn', 'after: antragsteller')).join(' ')).toMatch(/„antragsteller“ hat den Typ person; withinDays braucht date/);
    expect(problemsOf(GOOD.replace('field: eingang, after', 'field: fehlt, after')).join(' ')).toMatch(/„fehlt“ ist keine Angabe \(data\)/);
    expect(problemsOf(GOOD.replace('options: [person, gmbh]', 'options: [person]')).join(' ')).toMatch(/mindestens zwei Möglichkeiten/);
  });
});

describe("the office's own checklists", () => {
  it('load from <data>/checklists, replace a shipped one of the same id, and a broken one is reported while the others load', () => {
    const shipped = join(dir.path, 'shipped');
    mkdirSync(shipped);
    writeFileSync(join(shipped, 'test.yaml'), GOOD);
    mkdirSync(officeChecklistsDir(dir.path));
    writeFileSync(join(officeChecklistsDir(dir.path), 'test.yaml'), GOOD.replace('title: Testverfahren', 'title: Testverfahren der Stadt'));
    writeFileSync(join(officeChecklistsDir(dir.path), 'kaputt.yaml'), 'id: kaputt\n');
    const list = loadChecklists(shipped, dir.path);
    expect(list.checklists.map((c) => [c.id, c.title, c.source])).toEqual([['test', 'Testverfahren der Stadt', 'office']]);
    expect(list.problems).toHaveLength(1);
    expect(list.problems[0]).toMatch(/^Eigene Prüfliste kaputt\.yaml: Feld „title“: /);
    expect(() => checklistById(list, 'gibtsnicht')).toThrow(/Die Prüfliste „gibtsnicht“ gibt es nicht\. Vorhanden: test\./);
  });
});

describe('stadtschreiber checklists', () => {
  const run = (json: boolean, shipped?: string) => {
    let stdout = '';
    let stderr = '';
    const code = checklistsCommand(dir.path, json, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} }, shipped);
    return { code, stdout, stderr };
  };

  it('--json prints [{ id, title, legalBasis, items }]', () => {
    const { code, stdout } = run(true);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { id: string; title: string; legalBasis: string; items: { kind: string; id: string; basis: string }[] }[];
    expect(Object.keys(list[0]!)).toEqual(['id', 'title', 'legalBasis', 'items']);
    expect(list.find((c) => c.id === 'gewerbeanmeldung')!.items.some((i) => i.kind === 'document')).toBe(true);
  });

  it('lists them for people, and names a broken file on stderr with exit code 1', () => {
    expect(run(false).stdout).toMatch(/^\S+ +\S.*\n +.*; \d+ Angaben, \d+ Unterlagen, \d+ Regeln\n/);
    const shipped = join(dir.path, 'shipped');
    mkdirSync(shipped);
    writeFileSync(join(shipped, 'test.yaml'), GOOD.replace('type: person', 'type: mensch'));
    const broken = run(false, shipped);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Fehler: Prüfliste test\.yaml: Feld „data\[0\] \(antragsteller\)\.type“/);
  });
});
