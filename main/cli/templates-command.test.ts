import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import { docxText, run, typedTemplateDocx, wordDocx } from '../../e2e/fixtures/word-docx';
import { runCli } from '../cli';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

const dataDir = () => join(dir.path, 'data');

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', dataDir(), ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { OLLAMA_HOST: CLOSED_PORT_HOST } });
  return { code, stdout, stderr };
}

const write = (name: string, content: Uint8Array | string) => {
  const file = join(dir.path, name);
  writeFileSync(file, content);
  return file;
};

describe('stadtschreiber templates import', () => {
  it('imports a Word template into the data folder and prints its id and its fields with their types', async () => {
    const { code, stdout, stderr } = await cli(['templates', 'import', write('Gebührenbescheid.docx', typedTemplateDocx())]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Vorlage „Gebührenbescheid“ importiert: word-gebuehrenbescheid\n7 Felder:\n');
    expect(stdout).toMatch(/ {2}antragsdatum +Datum +Antragsdatum \(im Platzhalter angegeben\)\n/);
    expect(stdout).toMatch(/ {2}gebuehr +Betrag +Gebühr \(aus dem Namen erkannt\)\n/);
    expect(stdout).toMatch(/ {2}kassenzeichen +Aktenzeichen +Kassenzeichen \(aus dem Namen erkannt\)\n/);
    expect(stdout).toMatch(/ {2}zustellung +Auswahl +Zustellung: Brief, E-Mail \(im Platzhalter angegeben\)\n/);
    expect(stdout).toMatch(/ {2}begruendung +Mehrzeilig +Begründung \(Platzhalter steht allein im Absatz\)\n/);
    expect(stdout).toContain('stadtschreiber templates type word-gebuehrenbescheid <Feld-ID> <Typ>');
    expect(existsSync(join(dataDir(), 'templates', 'word-gebuehrenbescheid.docx'))).toBe(true);
    // The app lists it like one imported in the app.
    const list = await cli(['templates', '--json']);
    expect((JSON.parse(list.stdout) as { id: string; source: string }[]).find((t) => t.id === 'word-gebuehrenbescheid')).toMatchObject({ source: 'imported' });
  });

  it('takes --title and prints JSON with --json', async () => {
    const { code, stdout } = await cli(['templates', 'import', write('vorlage.docx', typedTemplateDocx()), '--title', 'Bescheid Sondernutzung', '--json']);
    expect(code).toBe(0);
    const info = JSON.parse(stdout) as { id: string; title: string; fields: { id: string; type: string }[]; typeOrigins: Record<string, string> };
    expect(info).toMatchObject({ id: 'word-bescheid-sondernutzung', title: 'Bescheid Sondernutzung' });
    expect(info.fields.map((f) => [f.id, f.type])).toContainEqual(['iban', 'iban']);
    expect(info.typeOrigins.iban).toBe('name');
  });

  it('says in German, with exit code 1 and without a stack, what is wrong with the file', async () => {
    const missing = await cli(['templates', 'import', join(dir.path, 'fehlt.docx')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`Fehler: Die Datei ${join(dir.path, 'fehlt.docx')} gibt es nicht.\n`);

    const text = await cli(['templates', 'import', write('brief.txt', 'Hallo {{Name}}')]);
    expect(text).toMatchObject({ code: 1, stderr: `Fehler: ${join(dir.path, 'brief.txt')} ist keine Word-Datei (.docx).\n` });

    const old = await cli(['templates', 'import', write('alt.doc', 'x')]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/^Fehler: .*alt\.doc ist im Format \.doc\. Bitte in Word als „Word-Dokument \(\*\.docx\)“ speichern/);

    const broken = await cli(['templates', 'import', write('kaputt.docx', 'kein zip')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Fehler: .*keine gültige Word-Datei/);

    const plain = await cli(['templates', 'import', write('ohne.docx', wordDocx([`<w:p>${run('Kein Platzhalter hier.')}</w:p>`]))]);
    expect(plain).toMatchObject({ code: 1, stderr: 'Fehler: In der Word-Vorlage steht kein Platzhalter. Platzhalter werden in doppelte geschweifte Klammern gesetzt, z. B. {{Name}}.\n' });

    const unknown = await cli(['templates', 'import', write('typ.docx', wordDocx([`<w:p>${run('{{Frist|Zeitraum}}')}</w:p>`]))]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Fehler: Unbekannter Feldtyp „Zeitraum“ in \{\{Frist\|Zeitraum\}\}\. Möglich sind: Text, Mehrzeilig, Datum/);

    const folder = join(dir.path, 'ordner.docx');
    mkdirSync(folder);
    expect((await cli(['templates', 'import', folder])).stderr).toBe(`Fehler: ${folder} ist ein Ordner, keine Word-Datei.\n`);

    for (const result of [missing, text, old, broken, plain, unknown]) expect(result.stderr).not.toMatch(/\n\s+at /);
    // Nothing was imported.
    expect(existsSync(join(dataDir(), 'templates')) ? readdirSync(join(dataDir(), 'templates')) : []).toEqual([]);
  });

  it('exits 2 without a file or with an unknown subcommand', async () => {
    const none = await cli(['templates', 'import']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Aufruf: stadtschreiber templates import <datei.docx> [--title T] [--json]');
    const other = await cli(['templates', 'löschen']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^Unbekannter Befehl „templates löschen“/);
  });
});

describe('stadtschreiber templates type', () => {
  const importFrist = async () => {
    const { code } = await cli(['templates', 'import', write('Frist.docx', wordDocx([`<w:p>${run('Bitte antworten Sie bis {{Frist}}. Gebühr: {{Betrag}}')}</w:p>`]))]);
    expect(code).toBe(0);
    return 'word-frist';
  };

  it('changes the type of a field (German type word, field by id or label); draft then validates and formats it', async () => {
    const id = await importFrist();
    const typed = await cli(['templates', 'type', id, 'frist', 'Datum']);
    expect(typed).toMatchObject({ code: 0, stderr: '' });
    expect(typed.stdout).toBe('Feld „Frist“ (frist) der Vorlage „Frist“: Text → Datum\n');
    // By label, with the English id of the type, and --json.
    const json = await cli(['templates', 'type', id, 'Betrag', 'text', '--json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { fields: { id: string; type: string }[] }).fields.map((f) => [f.id, f.type])).toEqual([
      ['frist', 'date'],
      ['betrag', 'text'],
    ]);
    const stored = JSON.parse(readFileSync(join(dataDir(), 'templates', `${id}.json`), 'utf8')) as { fields: { type: string }[]; typeOrigins: Record<string, string> };
    expect(stored.fields.map((f) => f.type)).toEqual(['date', 'text']);
    expect(stored.typeOrigins).toEqual({ frist: 'set', betrag: 'set' });

    const letterhead = write('briefkopf.json', JSON.stringify(TEST_LETTERHEAD));
    const out = join(dir.path, 'brief.docx');
    const invalid = await cli(['draft', '--template', id, '--data', write('falsch.json', JSON.stringify({ frist: '31.02.2025', betrag: 'zehn Euro' })), '--out', out, '--letterhead', letterhead]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toBe('Fehler: Ein Feld ist nicht richtig ausgefüllt:\n  frist (Frist): Bitte ein gültiges Datum angeben, z. B. 14.03.2025.\n');
    expect(existsSync(out)).toBe(false);
    const valid = await cli(['draft', '--template', id, '--data', write('gut.json', JSON.stringify({ frist: '2025-03-14', betrag: 'zehn Euro' })), '--out', out, '--letterhead', letterhead]);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    expect(await docxText(readFileSync(out))).toContain('Bitte antworten Sie bis 14.03.2025. Gebühr: zehn Euro');
  });

  it('refuses an unknown type, field or template in German', async () => {
    const id = await importFrist();
    const type = await cli(['templates', 'type', id, 'frist', 'Zeitraum']);
    expect(type).toMatchObject({ code: 1, stderr: 'Fehler: Unbekannter Feldtyp „Zeitraum“. Möglich sind: Text, Mehrzeilig, Datum, Betrag, Aktenzeichen, IBAN, Anschrift, Person, Auswahl.\n' });
    const field = await cli(['templates', 'type', id, 'termin', 'Datum']);
    expect(field).toMatchObject({ code: 1, stderr: 'Fehler: Die Vorlage „Frist“ hat kein Feld „termin“. Ihre Felder: frist, betrag.\n' });
    const template = await cli(['templates', 'type', 'word-gibt-es-nicht', 'frist', 'Datum']);
    expect(template).toMatchObject({ code: 1, stderr: 'Fehler: Die Vorlage „word-gibt-es-nicht“ gibt es nicht.\n' });
    const choice = await cli(['templates', 'type', id, 'frist', 'Auswahl']);
    expect(choice.code).toBe(1);
    expect(choice.stderr).toMatch(/^Fehler: Eine Auswahl braucht ihre Möglichkeiten\. Sie stehen im Platzhalter der Word-Vorlage, z\. B\. \{\{Frist\|Auswahl: Brief, E-Mail\}\}/);
    const usage = await cli(['templates', 'type', id, 'frist']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Aufruf: stadtschreiber templates type <Vorlagen-ID> <Feld-ID> <Typ>');
  });
});
