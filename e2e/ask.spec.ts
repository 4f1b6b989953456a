import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/app';

const QUESTION = 'Muss ich den Verlust meines Ausweises melden?';
const ANSWER = 'Ja. Der Verlust ist der Personalausweisbehörde unverzüglich anzuzeigen [1].';

async function indexDocuments(app: { dataDir: string; core: () => import('../main/core').Core }) {
  const docs = join(app.dataDir, 'gesetze');
  mkdirSync(docs, { recursive: true });
  writeFileSync(
    join(docs, 'pauswg.md'),
    '# Personalausweisgesetz\n\n## § 27 Pflichten des Ausweisinhabers\n\nDer Ausweisinhaber ist verpflichtet, der Personalausweisbehörde den Verlust seines Ausweises unverzüglich anzuzeigen.\n',
  );
  writeFileSync(join(docs, 'hundesteuer.md'), '# Hundesteuersatzung\n\n## § 2 Steuersatz\n\nDie Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr.\n');
  await app.core().addFolder({ path: docs });
  await app.core().idle();
  return docs;
}

/** The model's answer; the question's rewrite (a request with `format`) gets an empty object at once, and is skipped. */
const answering = (text: string) => ({ format }: { format?: unknown }) => (format ? '{}' : text);
/** The answer requests to /api/chat, without the rewrite. */
const answerRequests = (fake: { requestsTo: (path: string) => { body: unknown }[] }) => fake.requestsTo('/api/chat').filter((r) => !(r.body as { format?: unknown }).format);

async function ask(page: import('@playwright/test').Page, question: string) {
  await page.getByLabel(/Ihre Frage|Nachfrage/).fill(question);
  await page.getByRole('button', { name: 'Fragen', exact: true }).click();
}

test.describe('answers from the documents', () => {
  test('streams a cited answer, opens the cited passage, follows up and exports', async ({ app, fakeOllama }) => {
    const { page } = app;
    const docs = await indexDocuments(app);
    await app.core().updateSettings({ ollamaHost: fakeOllama.url, chatModel: 'qwen2.5:7b' });
    fakeOllama.chatReply = answering(ANSWER);
    fakeOllama.behave('/api/chat', { chunkDelayMs: 60 });

    await app.open('Recherche');
    await page.getByRole('tab', { name: 'Fragen' }).click();
    await ask(page, QUESTION);
    const answer = page.getByTestId('answer').first();
    // While the model writes: a stop button and the answer growing piece by piece.
    await expect(page.getByRole('button', { name: 'Anhalten' })).toBeVisible();
    await expect(answer).toContainText('qwen2.5:7b schreibt');
    await expect(answer.locator('.answer__text')).not.toHaveText('');
    await expect(answer).toContainText(ANSWER.replace(' [1].', ''));
    await expect(page.getByRole('button', { name: 'Anhalten' })).toBeHidden();
    await expect(answer).toContainText('Quellen geprüft');
    await expect(answer.getByTestId('answer-sources')).toContainText('Personalausweisgesetz');
    await app.screenshot('antwort-mit-quellen');

    const request = answerRequests(fakeOllama)[0]!.body as { model: string; stream: boolean; options: { num_ctx: number }; messages: { content: string }[] };
    expect(request).toMatchObject({ model: 'qwen2.5:7b', stream: true, options: { num_ctx: 4096 } });
    expect(request.messages.at(-1)!.content).toContain('den Verlust seines Ausweises unverzüglich anzuzeigen');

    await answer.locator('.answer__text').getByRole('button', { name: 'Quelle 1 anzeigen: Personalausweisgesetz' }).click();
    const source = page.getByTestId('source-view');
    await expect(source).toBeFocused();
    await expect(source).toContainText('§ 27 Pflichten des Ausweisinhabers · Zeilen 3–5');
    await expect(source.locator('mark', { hasText: 'Verlust' })).toBeVisible();

    fakeOllama.behave('/api/chat', undefined);
    fakeOllama.chatReply = answering('Unverzüglich, also ohne schuldhaftes Zögern [1].');
    await ask(page, 'Bis wann muss ich den Verlust des Ausweises melden?');
    await expect(page.getByTestId('answer')).toHaveCount(2);
    await expect(page.getByTestId('answer').nth(1)).toContainText('ohne schuldhaftes Zögern');
    const followUp = answerRequests(fakeOllama)[1]!.body as { messages: { role: string; content: string }[] };
    expect(followUp.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);

    await answer.getByRole('button', { name: 'Als Word-Datei speichern' }).click();
    const file = join(app.dataDir, 'Muss ich den Verlust meines Ausweises melden.docx');
    await expect(page.getByText(`Gespeichert: ${file}`)).toBeVisible();
    expect(existsSync(file)).toBe(true);
    expect(docs).toBeTruthy();
    expect(app.blockedRequests).toEqual([]);
  });

  test('the stop button aborts the request and keeps the partial answer, marked unfinished', async ({ app, fakeOllama }) => {
    const { page } = app;
    await indexDocuments(app);
    await app.core().updateSettings({ ollamaHost: fakeOllama.url, chatModel: 'qwen2.5:7b' });
    fakeOllama.chatReply = answering(`Ja. ${'Das ist weiterhin zu beachten. '.repeat(40)}[1]`);
    fakeOllama.behave('/api/chat', { chunkDelayMs: 150 });
    await app.open('Recherche');
    await page.getByRole('tab', { name: 'Fragen' }).click();
    await ask(page, QUESTION);
    await expect(page.getByTestId('answer')).toContainText('Ja. Das ist');
    await page.getByRole('button', { name: 'Anhalten' }).click();
    await expect(page.getByTestId('answer')).toContainText('Unvollständig');
    await expect(page.getByTestId('answer')).toContainText('angehalten');
    await expect.poll(() => fakeOllama.closedByClient).toContain('/api/chat');
  });

  test('says plainly when the documents do not answer, without asking the model', async ({ app, fakeOllama }) => {
    const { page } = app;
    await indexDocuments(app);
    await app.core().updateSettings({ ollamaHost: fakeOllama.url, chatModel: 'qwen2.5:7b' });
    await app.open('Recherche');
    await page.getByRole('tab', { name: 'Fragen' }).click();
    await ask(page, 'Wann hat das Hallenbad im Jahr geöffnet?');
    await expect(page.getByTestId('answer')).toContainText('In den Dokumenten habe ich dazu nichts gefunden.');
    await expect(page.getByTestId('answer')).toContainText('Nächstliegende Stellen');
    await expect(page.getByTestId('answer-sources')).toContainText('Hundesteuersatzung');
    expect(answerRequests(fakeOllama)).toEqual([]);
  });

  test('with Ollama stopped: the best passages with the matching sentence marked, and how to enable AI', async ({ app }) => {
    const { page } = app;
    await indexDocuments(app);
    await app.core().updateSettings({ chatModel: 'qwen2.5:7b' });
    await app.open('Recherche');
    await page.getByRole('tab', { name: 'Fragen' }).click();
    await ask(page, QUESTION);
    const answer = page.getByTestId('answer');
    await expect(answer).toContainText('Auszug aus den Dokumenten (ohne KI)');
    await expect(answer.getByTestId('extract').locator('mark')).toHaveText('Der Ausweisinhaber ist verpflichtet, der Personalausweisbehörde den Verlust seines Ausweises unverzüglich anzuzeigen.');
    await expect(answer).toContainText('nicht erreichbar');
    await expect(answer).toContainText('Einstellungen → Modelle');
    await app.screenshot('antwort-ohne-ollama');
  });

  test('the history is searchable, reopens a conversation, and deletes one or all', async ({ app }) => {
    const { page } = app;
    await indexDocuments(app);
    await app.open('Recherche');
    await page.getByRole('tab', { name: 'Fragen' }).click();
    await ask(page, QUESTION);
    await expect(page.getByTestId('answer')).toHaveCount(1);
    await page.getByRole('button', { name: 'Neue Unterhaltung' }).click();
    await ask(page, 'Wie hoch ist die Hundesteuer für den ersten Hund?');
    await expect(page.getByTestId('answer')).toContainText('96 Euro');
    const history = page.getByTestId('history').getByRole('listitem');
    await expect(history).toHaveCount(2);

    await page.getByLabel('Verlauf durchsuchen').fill('ausweis');
    await expect(history).toHaveCount(1);
    await history.getByRole('button', { name: QUESTION, exact: true }).click();
    await expect(page.getByTestId('answer')).toHaveCount(1);
    await expect(page.getByTestId('answer')).toContainText('Personalausweisbehörde');

    await page.getByRole('button', { name: `Unterhaltung löschen: ${QUESTION}` }).click();
    await expect(page.getByTestId('answer')).toHaveCount(0);
    await page.getByLabel('Verlauf durchsuchen').fill('');
    await expect(history).toHaveCount(1);
    await page.getByRole('button', { name: 'Gesamten Verlauf löschen' }).click();
    await page.getByRole('button', { name: 'Ja, alle löschen' }).click();
    await expect(page.getByText('Noch keine Fragen gestellt.')).toBeVisible();
    expect(await app.core().listConversations()).toEqual([]);
  });
});
