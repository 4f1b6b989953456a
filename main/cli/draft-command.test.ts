import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import { docxText } from '../../e2e/fixtures/word-docx';
import { runCli } from '../cli';
import { createCore } from '../core';
import { defaultTemplatesDir, TemplateLibrary } from '../drafting/index';
import { templatesCommand } from './templates-command';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--data-dir', join(dir.path, 'data'), ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { OLLAMA_HOST: CLOSED_PORT_HOST } });
  return { code, stdout, stderr };
}

const sample = (id: string) => new TemplateLibrary(defaultTemplatesDir(), dir.path).sample(id);
const writeJson = (name: string, value: unknown) => {
  const file = join(dir.path, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};

describe('stadtschreiber templates', () => {
  it('--json lists the shipped templates with their fields', async () => {
    const { code, stdout } = await cli(['templates', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { id: string; fields: { id: string; ai: boolean }[] }[];
    expect(list.length).toBeGreaterThanOrEqual(10);
    expect(list.find((t) => t.id === 'anhoerung')!.fields.filter((f) => f.ai).map((f) => f.id)).toEqual(['sachverhalt', 'wuerdigung']);
  });

  it('prints them by category for people', async () => {
    const { stdout } = await cli(['templates']);
    expect(stdout).toMatch(/^Allgemeiner Schriftverkehr\n/);
    expect(stdout).toMatch(/ {2}gebuehrenbescheid +Gebührenbescheid mit Rechtsbehelfsbelehrung\n/);
  });

  it('names a broken template on stderr and exits 1', () => {
    const folder = join(dir.path, 'vorlagen');
    mkdirSync(folder);
    writeFileSync(join(folder, 'kaputt.md'), '---\nid: kaputt\n---\nText');
    let stderr = '';
    const code = templatesCommand(dir.path, false, { stdout: () => undefined, stderr: (t) => (stderr += t), env: {} }, folder);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Fehler: Vorlage kaputt\.md: Feld „title“: /);
  });
});

describe('stadtschreiber draft', () => {
  it('writes the letter with the letterhead from the settings', async () => {
    const core = createCore({ dataDir: join(dir.path, 'data'), env: {} });
    await core.updateSettings({ letterhead: TEST_LETTERHEAD });
    core.close();
    const out = join(dir.path, 'brief.docx');
    const { code, stdout, stderr } = await cli(['draft', '--template', 'zahlungserinnerung', '--data', writeJson('felder.json', sample('zahlungserinnerung')), '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`Brief „Zahlungserinnerung“ gespeichert: ${out}\n`);
    const text = await docxText(readFileSync(out));
    expect(text).toContain('Sparkasse Musterstadt');
    expect(text).toContain('Kassenzeichen: 5.0100.123456.7');
  });

  it('takes the letterhead from --letterhead (keys left out stay empty)', async () => {
    const out = join(dir.path, 'brief.docx');
    const letterhead = writeJson('briefkopf.json', { authority: 'Gemeinde Beispielhausen', street: 'Dorfplatz 2', postalCode: '54321', city: 'Beispielhausen', contactPerson: 'Jan Beispiel' });
    // Without the Datenschutzhinweis the letter needs no Land and no data-protection contact.
    const { code } = await cli(['draft', '--template', 'eingangsbestaetigung', '--data', writeJson('f.json', { ...sample('eingangsbestaetigung'), datenschutz: 'nein' }), '--out', out, '--letterhead', letterhead]);
    expect(code).toBe(0);
    expect(await docxText(readFileSync(out))).toContain('Gemeinde Beispielhausen · Dorfplatz 2 · 54321 Beispielhausen');
  });

  it('exits 1 with one German line per invalid field and writes no file', async () => {
    const out = join(dir.path, 'brief.docx');
    const values = { ...sample('gebuehrenbescheid'), betrag: 'viel', faelligkeit: '30.02.2025', rechtsbehelf: 'klage', kassenzeichen: '' };
    const { code, stderr } = await cli(['draft', '--template', 'gebuehrenbescheid', '--data', writeJson('f.json', values), '--out', out]);
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual([
      'Fehler: 3 Felder sind nicht richtig ausgefüllt:',
      '  betrag (Festgesetzte Gebühr): Bitte einen Betrag in Euro angeben, z. B. 1.234,56 (höchstens zwei Nachkommastellen).',
      '  faelligkeit (Zahlbar bis): Bitte ein gültiges Datum angeben, z. B. 14.03.2025.',
      '  kassenzeichen (Kassenzeichen): Bitte ausfüllen.',
      '',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a letterhead whose IBAN has wrong check digits, an unknown template and broken JSON', async () => {
    const data = writeJson('f.json', sample('zahlungserinnerung'));
    const out = join(dir.path, 'b.docx');
    const badIban = await cli(['draft', '--template', 'zahlungserinnerung', '--data', data, '--out', out, '--letterhead', writeJson('l.json', { iban: 'DE88370400440532013000' })]);
    expect(badIban).toMatchObject({ code: 1, stderr: expect.stringContaining('letterhead.iban: Die Prüfziffer der IBAN stimmt nicht') });
    expect((await cli(['draft', '--template', 'gibtsnicht', '--data', data, '--out', out])).stderr).toBe('Fehler: Die Vorlage „gibtsnicht“ gibt es nicht.\n');
    writeFileSync(join(dir.path, 'kaputt.json'), '{ "a": ');
    const broken = await cli(['draft', '--template', 'zahlungserinnerung', '--data', join(dir.path, 'kaputt.json'), '--out', out]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^Fehler: Die Felddatei .*kaputt\.json enthält kein gültiges JSON/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a Bescheid with the empty Briefkopf of a fresh installation, and a payment letter without IBAN', async () => {
    const out = join(dir.path, 'brief.docx');
    const bescheid = await cli(['draft', '--template', 'anhoerung', '--data', writeJson('f.json', sample('anhoerung')), '--out', out]);
    expect(bescheid.code).toBe(1);
    expect(bescheid.stderr).toMatch(/^Fehler: Der Brief kann so nicht hinausgehen: .*fehlt Folgendes: Behörde, Anschrift der Behörde \(Straße, Postleitzahl, Ort\), Ansprechpartner\/in \(unterzeichnet\), Bundesland \(Landesrecht\)\.\n/);
    const { iban: _iban, ...withoutIban } = TEST_LETTERHEAD;
    const payment = await cli(['draft', '--template', 'zahlungserinnerung', '--data', writeJson('z.json', sample('zahlungserinnerung')), '--out', out, '--letterhead', writeJson('l.json', withoutIban)]);
    expect(payment.code).toBe(1);
    expect(payment.stderr).toContain('IBAN der Behörde');
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when an option is missing', async () => {
    const { code, stderr } = await cli(['draft', '--template', 'anhoerung']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Fehler: Es fehlt --data, --out\./);
  });
});
