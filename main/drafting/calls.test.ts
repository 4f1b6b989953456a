import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOllama } from '../../e2e/fixtures/fake-ollama';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import { structuredReply } from '../../e2e/fixtures/structured-reply';
import { CLOSED_PORT_HOST, tempDir } from '../../e2e/fixtures/temp-dir';
import type { Settings } from '../contract';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';
import { ASSIST_SYSTEM_PROMPT } from './assist';
import { AI_NOTICE } from './index';
import { REVIEW_REQUIRED } from './review';

const fake = new FakeOllama();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

const HUNDESTEUER =
  '# Hundesteuersatzung\n\n## § 2 Steuersatz\n\nDie Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr.\n\n## § 8 Anmeldung\n\nWer einen Hund hält, meldet ihn innerhalb von zwei Wochen beim Steueramt an.\n';
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const NOTES = 'Frau Erika Muster, Lindenweg 4, 12345 Musterstadt, fragt, wie viel Hundesteuer sie für den ersten Hund zahlt und wie sie ihn anmeldet.';
const REPLY = {
  empfaenger: { salutation: 'Frau', title: '', firstName: 'Erika', lastName: 'Muster', organisation: '', extra: '', street: 'Lindenweg 4', postalCode: '12345', city: 'Musterstadt' },
  thema: 'Hundesteuer für den ersten Hund',
  antwort: 'Die Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr (§ 2 der Hundesteuersatzung). Bitte melden Sie den Hund innerhalb von zwei Wochen beim Steueramt an.',
};

let dir: ReturnType<typeof tempDir>;
let core: Core;
let saveAs: string | null;
let openFile: string | null;

function start(settings: Partial<Settings> = {}) {
  core = createCore({
    dataDir: join(dir.path, 'data'),
    env: {},
    logger: silentLogger,
    settings: { ollamaHost: fake.url, chatModel: 'qwen2.5:7b', letterhead: TEST_LETTERHEAD, ...settings },
    chatIdleTimeoutMs: 2000,
    platform: {
      chooseSavePath: async (name) => (saveAs === null ? null : join(dir.path, saveAs || name)),
      chooseOpenFile: async () => openFile,
    },
  });
}

beforeEach(async () => {
  dir = tempDir();
  saveAs = 'brief.docx';
  openFile = null;
  fake.chatReply = ({ format }) => structuredReply(format, REPLY);
  fake.behave('/api/chat', undefined);
  fake.behave('/api/show', undefined);
  fake.closedByClient.length = 0;
  start();
  const docs = join(dir.path, 'docs');
  mkdirSync(docs);
  writeFileSync(join(docs, 'hundesteuer.md'), HUNDESTEUER);
  await core.addFolder({ path: docs });
  await core.idle();
  fake.requests.length = 0;
});
afterEach(() => {
  core.close();
  dir.remove();
});

const docxText = async (path: string) => (await mammoth.extractRawText({ path })).value;
/** The footers' XML (mammoth reads only the body). */
const footerXml = (path: string) =>
  Object.entries(unzipSync(readFileSync(path)))
    .filter(([name]) => /^word\/footer\d*\.xml$/.test(name))
    .map(([, data]) => strFromU8(data))
    .join('\n');

async function fillByHand(id: number) {
  return core.saveDraft({
    id,
    values: {
      ...(await core.getDraft({ id })).values,
      empfaenger: { salutation: 'Herr', firstName: 'Paul', lastName: 'Beispiel', street: 'Am Markt 1', postalCode: '12345', city: 'Musterstadt' },
      aktenzeichen: '32-HS-0001/2025',
      thema: 'Sperrmüll',
      antwort: 'Sperrmüll holen wir nach Anmeldung ab.',
    },
  });
}

describe('drafts', () => {
  it('lists the templates and creates a draft with the template defaults', async () => {
    const { templates, problems } = await core.listTemplates();
    expect(problems).toEqual([]);
    expect(templates.length).toBeGreaterThanOrEqual(10);
    const info = await core.getTemplate({ id: 'antwort-buergeranfrage' });
    expect(info.fields.filter((f) => f.ai).map((f) => f.id)).toEqual(['antwort', 'weitere_informationen']);
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    expect(draft.values.datenschutz).toBe('nein');
    expect(draft.values.datum).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(draft.errors.empfaenger).toBe('Bitte ausfüllen.');
    expect(draft.aiAssisted).toBe(false);
  });

  it('autosaves values, survives a restart, duplicates and deletes', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    const saved = await fillByHand(draft.id);
    expect(saved.errors).toEqual({});
    // Named by the recipient only: no subject or other free text.
    expect(saved.label).toBe('Paul Beispiel');
    core.close();
    start();
    const reopened = await core.getDraft({ id: draft.id });
    expect(reopened.values.thema).toBe('Sperrmüll');
    const copy = await core.duplicateDraft({ id: draft.id });
    expect(copy.id).not.toBe(draft.id);
    expect(copy.values).toEqual(reopened.values);
    expect((await core.listDrafts()).map((d) => d.id).sort()).toEqual([draft.id, copy.id].sort());
    await core.deleteDraft({ id: draft.id });
    expect((await core.listDrafts()).map((d) => d.id)).toEqual([copy.id]);
    await expect(core.getDraft({ id: draft.id })).rejects.toMatchObject({ code: 'not_found', userMessage: 'Diesen Entwurf gibt es nicht mehr.' });
  });

  it('previews the letter live with the errors of the fields', async () => {
    const preview = await core.previewDraft({ templateId: 'antwort-buergeranfrage', values: { thema: 'Parken', ihre_nachricht_vom: '31.02.2025' } });
    expect(preview.letter.subject).toBe('Ihre Anfrage zum Thema „Parken“');
    expect(preview.errors.ihre_nachricht_vom).toMatch(/gültiges Datum/);
    expect(preview.errors.aktenzeichen).toBe('Bitte ausfüllen.');
  });

  it('exports a hand-written draft without review, through the save dialog', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    await fillByHand(draft.id);
    const { path } = await core.exportDraft({ id: draft.id });
    expect(path).toBe(join(dir.path, 'brief.docx'));
    const text = await docxText(path!);
    expect(text).toContain('Sperrmüll holen wir nach Anmeldung ab.');
    expect(footerXml(path!)).not.toContain(AI_NOTICE);
    expect((await core.getDraft({ id: draft.id })).exportedAt).not.toBeNull();
    saveAs = null;
    expect(await core.exportDraft({ id: draft.id })).toEqual({ path: null });
  });

  it('refuses to export invalid values, naming each field', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    await core.saveDraft({ id: draft.id, values: { ...draft.values, aktenzeichen: 'X', ihre_nachricht_vom: 'gestern' } });
    await expect(core.exportDraft({ id: draft.id })).rejects.toMatchObject({ code: 'invalid_argument', fields: expect.objectContaining({ ihre_nachricht_vom: expect.stringMatching(/Datum/), empfaenger: 'Bitte ausfüllen.' }) });
    expect(existsSync(join(dir.path, 'brief.docx'))).toBe(false);
  });
});

describe('AI assist and review gate', () => {
  it('asks the chat model with a JSON schema of the fields and the sources, and records what it wrote', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    const result = await core.assistDraft({ id: draft.id, assistId: 'a1', values: { ...draft.values, aktenzeichen: '32-HS-0311/2025' }, notes: NOTES });

    const chats = fake.requestsTo('/api/chat');
    expect(chats).toHaveLength(1);
    const body = chats[0]!.body as { model: string; stream: boolean; format: { type: string; properties: Record<string, { type: string; enum?: string[] }>; required: string[] }; messages: { role: string; content: string }[] };
    expect(body.model).toBe('qwen2.5:7b');
    expect(body.stream).toBe(true);
    expect(body.format.type).toBe('object');
    // Empty fields only: the Aktenzeichen the clerk typed and the letter date (default) are not offered; bank details never.
    expect(Object.keys(body.format.properties).sort()).toEqual(['empfaenger', 'ihr_zeichen', 'ihre_nachricht_vom', 'thema', 'antwort', 'weitere_informationen'].sort());
    expect(body.format.properties.empfaenger!.type).toBe('object');
    expect(body.messages[0]).toEqual({ role: 'system', content: ASSIST_SYSTEM_PROMPT });
    expect(body.messages[1]!.content).toContain('<quelle nr="1" dokument="Hundesteuersatzung"');
    expect(body.messages[1]!.content).toContain('96 Euro');
    expect(body.messages[1]!.content).toContain(NOTES);
    expect(body.messages[1]!.content).toContain('Unser Aktenzeichen: 32-HS-0311/2025');

    expect(result.model).toBe('qwen2.5:7b');
    expect(result.filled.sort()).toEqual(['antwort', 'empfaenger', 'thema']);
    expect(result.sources.map((s) => s.title)).toContain('Hundesteuersatzung');
    const stored = await core.getDraft({ id: draft.id });
    expect(stored.values.antwort).toBe(REPLY.antwort);
    expect(stored.values.aktenzeichen).toBe('32-HS-0311/2025');
    expect(stored.values.empfaenger).toMatchObject({ salutation: 'Frau', firstName: 'Erika', lastName: 'Muster', city: 'Musterstadt' });
    expect(stored.aiFields.antwort).toMatchObject({ model: 'qwen2.5:7b', editedAt: null });
    expect(stored.aiFields.aktenzeichen).toBeUndefined();
    expect(stored.aiAssisted).toBe(true);
    expect(stored.needsReview).toBe(true);
    expect(stored.aiNotice).toBe(true);
    expect(stored.aiSources.map((s) => s.title)).toContain('Hundesteuersatzung');
  });

  it('refuses export before "geprüft", exports after it with the AI footer line, and any change clears the review', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    const { draft: assisted } = await core.assistDraft({ id: draft.id, assistId: 'a2', values: { ...draft.values, aktenzeichen: '32-HS-0311/2025' }, notes: NOTES });
    await expect(core.exportDraft({ id: draft.id })).rejects.toMatchObject({ code: 'invalid_argument', userMessage: REVIEW_REQUIRED });
    expect(existsSync(join(dir.path, 'brief.docx'))).toBe(false);

    const reviewed = await core.reviewDraft({ id: draft.id, reviewer: 'M. Schmidt' });
    expect(reviewed.review).toMatchObject({ reviewer: 'M. Schmidt' });
    expect(reviewed.needsReview).toBe(false);
    const { path } = await core.exportDraft({ id: draft.id });
    const text = await docxText(path!);
    expect(text).toContain('96 Euro im Jahr');
    expect(text).toContain('Erika Muster');
    expect(footerXml(path!)).toContain(AI_NOTICE);

    const edited = await core.saveDraft({ id: draft.id, values: { ...assisted.values, antwort: `${REPLY.antwort} Mit freundlicher Unterstützung.` } });
    expect(edited.review).toBeNull();
    expect(edited.aiFields.antwort!.editedAt).not.toBeNull();
    expect(edited.aiFields.antwort!.model).toBe('qwen2.5:7b');
    await expect(core.exportDraft({ id: draft.id })).rejects.toMatchObject({ userMessage: REVIEW_REQUIRED });

    // Notes are not part of the letter: they leave the review alone.
    await core.reviewDraft({ id: draft.id, reviewer: 'M. Schmidt' });
    expect((await core.saveDraft({ id: draft.id, notes: 'erledigt' })).review).not.toBeNull();
    // Without the footer line: the clerk's choice, also a change of the letter.
    const noNotice = await core.saveDraft({ id: draft.id, aiNotice: false });
    expect(noNotice.review).toBeNull();
    await core.reviewDraft({ id: draft.id, reviewer: 'M. Schmidt' });
    saveAs = 'ohne-hinweis.docx';
    expect(footerXml((await core.exportDraft({ id: draft.id })).path!)).not.toContain(AI_NOTICE);
  });

  it('never overwrites what the clerk typed, and redrafts its own unedited text', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    await core.assistDraft({ id: draft.id, assistId: 'b1', values: { ...draft.values, thema: 'Mein Thema' }, notes: NOTES });
    fake.requests.length = 0;
    fake.chatReply = ({ format }) => structuredReply(format, { antwort: 'Zweiter Vorschlag.' });
    const second = await core.assistDraft({ id: draft.id, assistId: 'b2', notes: NOTES });
    const offered = Object.keys((fake.requestsTo('/api/chat')[0]!.body as { format: { properties: object } }).format.properties);
    expect(offered).toContain('antwort');
    expect(offered).not.toContain('thema');
    expect(second.draft.values.thema).toBe('Mein Thema');
    expect(second.draft.values.antwort).toBe('Zweiter Vorschlag.');
  });

  it.each([
    ['HTTP 500', () => fake.behave('/api/chat', { status: 500, errorMessage: 'llama runner process has terminated' }), /Ollama meldet einen Fehler \(HTTP 500\)/],
    ['a broken stream', () => fake.behave('/api/chat', { failAfterChunks: 3 }), /brach ab/],
    ['Ollama down', () => fake.behave('/api/show', { status: 503 }), /KI-Vorschläge sind aus/],
  ])('keeps everything typed when Ollama fails (%s)', async (_name, misbehave, message) => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    misbehave();
    const typed = { ...draft.values, thema: 'Hundesteuer', aktenzeichen: '32-HS-1/2025' };
    await expect(core.assistDraft({ id: draft.id, assistId: 'f1', values: typed, notes: NOTES, citizenLetter: 'Sehr geehrte Damen und Herren, …' })).rejects.toMatchObject({
      userMessage: expect.stringMatching(message),
    });
    const kept = await core.getDraft({ id: draft.id });
    expect(kept.values).toEqual(typed);
    expect(kept.notes).toBe(NOTES);
    expect(kept.citizenLetter).toBe('Sehr geehrte Damen und Herren, …');
    expect(kept.aiFields).toEqual({});
  });

  it('stops a suggestion on cancel and closes the stream; nothing is overwritten', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    fake.behave('/api/chat', { chunkDelayMs: 100 });
    const running = core.assistDraft({ id: draft.id, assistId: 'c1', values: { ...draft.values, thema: 'Bleibt' }, notes: NOTES });
    await expect.poll(() => fake.requestsTo('/api/chat').length).toBe(1);
    expect(await core.cancelAssist({ assistId: 'c1' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ code: 'cancelled', userMessage: expect.stringMatching(/abgebrochen/) });
    await expect.poll(() => fake.closedByClient).toContain('/api/chat');
    const kept = await core.getDraft({ id: draft.id });
    expect(kept.values.thema).toBe('Bleibt');
    expect(kept.aiFields).toEqual({});
    expect(await core.cancelAssist({ assistId: 'c1' })).toEqual({ cancelled: false });
  });

  it('keeps everything when the server is not running at all', async () => {
    core.close();
    start({ ollamaHost: CLOSED_PORT_HOST });
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    const status = await core.getAssistStatus();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(/nicht erreichbar/);
    await expect(core.assistDraft({ id: draft.id, assistId: 'd1', values: { ...draft.values, thema: 'Bleibt' }, notes: NOTES })).rejects.toMatchObject({ code: 'unavailable' });
    expect((await core.getDraft({ id: draft.id })).values.thema).toBe('Bleibt');
    // The form and the export work fully without Ollama.
    await fillByHand(draft.id);
    expect((await core.exportDraft({ id: draft.id })).path).not.toBeNull();
  });

  it('changes nothing when the answer does not fit the schema or is no JSON', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    fake.chatReply = () => JSON.stringify({ antwort: { text: 'falsch' }, thema: ['x'] });
    await expect(core.assistDraft({ id: draft.id, assistId: 's1', notes: NOTES })).rejects.toMatchObject({ userMessage: expect.stringMatching(/passte nicht zu den Feldern/) });
    fake.chatReply = () => 'Gern! Hier ist der Brief: …';
    await expect(core.assistDraft({ id: draft.id, assistId: 's2', notes: NOTES })).rejects.toMatchObject({ userMessage: expect.stringMatching(/kein gültiges JSON/) });
    const kept = await core.getDraft({ id: draft.id });
    expect(kept.values).toEqual(draft.values);
    expect(kept.aiFields).toEqual({});
  });

  it('drops a suggested value that fails its field check', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    fake.chatReply = ({ format }) => structuredReply(format, { ...REPLY, ihre_nachricht_vom: 'letzte Woche' });
    const result = await core.assistDraft({ id: draft.id, assistId: 'r1', notes: NOTES });
    expect(result.rejected.ihre_nachricht_vom).toMatch(/gültiges Datum/);
    expect(result.draft.values.ihre_nachricht_vom ?? null).toBeNull();
    expect(result.filled).toContain('antwort');
  });

  it('explains why the assist is off without a chat model, and needs notes or a letter', async () => {
    core.close();
    start({ chatModel: '' });
    expect(await core.getAssistStatus()).toMatchObject({ available: false, reason: expect.stringMatching(/kein Chat-Modell gewählt/) });
    core.close();
    start();
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    await expect(core.assistDraft({ id: draft.id, assistId: 'n1' })).rejects.toMatchObject({ userMessage: expect.stringMatching(/Notizen/) });
    expect(fake.requestsTo('/api/chat')).toHaveLength(0);
  });
});

describe('AI assist: facts only from the notes or the letter', () => {
  const NOT_THERE = /steht nicht in Ihren Notizen oder im Schreiben/;

  it('leaves an invented "Ihr Zeichen" empty and says why', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    fake.chatReply = ({ format }) => structuredReply(format, { ...REPLY, ihr_zeichen: 'BM-2025/0815' });
    const result = await core.assistDraft({ id: draft.id, assistId: 'e1', notes: NOTES });
    // The schema already asks for facts from the notes or the letter only; the answer is checked all the same.
    const format = (fake.requestsTo('/api/chat')[0]!.body as { format: { properties: Record<string, { description: string }> } }).format;
    expect(format.properties.ihr_zeichen!.description).toMatch(/Nur, wenn es in den Notizen oder im Schreiben steht/);
    expect(format.properties.antwort!.description).not.toMatch(/Nur, wenn/);
    expect(result.rejected.ihr_zeichen).toMatch(NOT_THERE);
    expect(result.rejected.ihr_zeichen).toContain('BM-2025/0815');
    expect(result.filled).not.toContain('ihr_zeichen');
    expect(result.filled).toContain('antwort');
    const stored = await core.getDraft({ id: draft.id });
    expect(stored.values.ihr_zeichen ?? null).toBeNull();
    expect(stored.aiFields.ihr_zeichen).toBeUndefined();
    // Free text is drafted as before, without evidence.
    expect(stored.values.antwort).toBe(REPLY.antwort);
    expect(stored.aiFields.antwort!.evidence).toBeUndefined();
  });

  it('keeps a reference, a date written differently and the recipient that the letter contains, with the passage as evidence', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    const letter = 'Sehr geehrte Damen und Herren,\nmit meinem Schreiben vom 3. Februar 2025 (mein Zeichen: BM 2025-0815) fragte ich nach der Hundesteuer. Bitte antworten Sie.\nErika Muster\nLindenweg 4\n12345 Musterstadt';
    fake.chatReply = ({ format }) => structuredReply(format, { ...REPLY, ihr_zeichen: 'BM-2025/0815', ihre_nachricht_vom: '03.02.2025' });
    const result = await core.assistDraft({ id: draft.id, assistId: 'e2', notes: 'Hundesteuer, erster Hund.', citizenLetter: letter });
    expect(result.rejected).toEqual({});
    expect(result.filled.sort()).toEqual(['antwort', 'empfaenger', 'ihr_zeichen', 'ihre_nachricht_vom', 'thema']);
    const sentence = 'mit meinem Schreiben vom 3. Februar 2025 (mein Zeichen: BM 2025-0815) fragte ich nach der Hundesteuer.';
    expect(result.evidence).toEqual({ ihre_nachricht_vom: sentence, ihr_zeichen: sentence, empfaenger: 'Erika Muster … Lindenweg 4 … 12345 Musterstadt' });
    expect(result.draft.values.ihre_nachricht_vom).toBe('03.02.2025');
    // Kept with the field, also after a restart.
    core.close();
    start();
    const stored = await core.getDraft({ id: draft.id });
    expect(stored.aiFields.ihre_nachricht_vom).toMatchObject({ model: 'qwen2.5:7b', editedAt: null, evidence: sentence });
    expect(stored.aiFields.empfaenger!.evidence).toContain('Lindenweg 4');
  });

  it('rejects an amount or a recipient the notes do not contain', async () => {
    const draft = await core.createDraft({ templateId: 'zahlungserinnerung' });
    const amountField = (await core.getTemplate({ id: 'zahlungserinnerung' })).fields.find((f) => f.type === 'amount')!;
    fake.chatReply = ({ format }) => structuredReply(format, { ...REPLY, [amountField.id]: '96,00' });
    const result = await core.assistDraft({ id: draft.id, assistId: 'e3', notes: 'Herr Beispiel hat 69 Euro noch nicht gezahlt.' });
    expect(result.rejected[amountField.id]).toMatch(/Der Betrag 96,00 € steht nicht in Ihren Notizen oder im Schreiben/);
    expect(result.rejected.empfaenger).toMatch(NOT_THERE);
    expect(result.draft.values[amountField.id] ?? null).toBeNull();
    expect(result.draft.values.empfaenger ?? null).toBeNull();
  });

  it('names the draft and its file by the template and the recipient, never by text the AI wrote', async () => {
    const draft = await core.createDraft({ templateId: 'antwort-buergeranfrage' });
    expect(draft.label).toBe('');
    fake.chatReply = ({ format }) => structuredReply(format, { ...REPLY, thema: 'KI-Betreff Hundesteuer', ihr_zeichen: 'AB-77' });
    // Without a name in the notes: the recipient is not filled, and the draft is named by its template alone.
    const anonymous = await core.assistDraft({ id: draft.id, assistId: 'l1', notes: 'Anfrage zur Hundesteuer, Ihr Zeichen AB-77.' });
    expect(anonymous.filled).toEqual(expect.arrayContaining(['thema', 'ihr_zeichen', 'antwort']));
    expect(anonymous.draft.label).toBe('');
    // With the recipient in the notes: named by the recipient, still without the AI's subject or reference.
    const named = await core.assistDraft({ id: draft.id, assistId: 'l2', notes: `${NOTES} Ihr Zeichen AB-77.` });
    expect(named.filled).toContain('empfaenger');
    expect(named.draft.values.thema).toBe('KI-Betreff Hundesteuer');
    expect(named.draft.label).toBe('Erika Muster');
    const [summary] = await core.listDrafts();
    expect(summary!.label).toBe('Erika Muster');
    for (const label of [named.draft.label, summary!.label]) {
      expect(label).not.toContain('KI-Betreff');
      expect(label).not.toContain('AB-77');
    }
    await core.saveDraft({ id: draft.id, values: { ...named.draft.values, aktenzeichen: '32-HS-0311/2025' } });
    await core.reviewDraft({ id: draft.id, reviewer: 'M. Schmidt' });
    saveAs = '';
    const { path } = await core.exportDraft({ id: draft.id });
    expect(path).toBe(join(dir.path, 'Antwort auf eine Bürgeranfrage Erika Muster.docx'));
  });
});

describe('Word templates and logo', () => {
  it('imports a .docx chosen in the open dialog; its placeholders become fields and the export fills them', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph({ children: [new TextRun('Sehr geehrte '), new TextRun('{{Name'), new TextRun('}},')] }), new Paragraph('Ihr Termin ist am {{Termin}}.')] }],
    });
    openFile = join(dir.path, 'Terminbrief.docx');
    writeFileSync(openFile, await Packer.toBuffer(doc));
    const { template } = await core.importWordTemplate();
    expect(template!.fields.map((f) => f.id)).toEqual(['name', 'termin']);
    const draft = await core.createDraft({ templateId: template!.id });
    await core.saveDraft({ id: draft.id, values: { name: 'Frau Muster', termin: '3. April' } });
    const text = await docxText((await core.exportDraft({ id: draft.id })).path!);
    expect(text).toContain('Sehr geehrte Frau Muster,');
    expect(text).toContain('Ihr Termin ist am 3. April.');
    openFile = null;
    expect(await core.importWordTemplate()).toEqual({ template: null });
    await core.deleteTemplate({ id: template!.id });
    expect((await core.listTemplates()).templates.map((t) => t.id)).not.toContain(template!.id);
  });

  it('sets and clears the letterhead logo through the open dialog', async () => {
    openFile = join(dir.path, 'wappen.png');
    writeFileSync(openFile, PNG_1X1);
    expect((await core.chooseLogo()).logo).toMatchObject({ mimeType: 'image/png', width: 1, height: 1 });
    expect(await core.getLogo()).toMatchObject({ mimeType: 'image/png' });
    await core.clearLogo();
    expect(await core.getLogo()).toBeNull();
    writeFileSync(openFile, 'kein Bild');
    await expect(core.chooseLogo()).rejects.toMatchObject({ userMessage: expect.stringMatching(/PNG- oder JPEG/) });
  });
});
