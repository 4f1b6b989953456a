import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type AppHandle } from './fixtures/app';
import type { ChatReply } from './fixtures/fake-ollama';
import { structuredReply } from './fixtures/structured-reply';

const QUESTION = 'Wie hoch ist die Steuer für einen weiteren Hund?';
// {n}: the number of the source that holds § 5, whatever rank retrieval gives it.
const WRONG = 'Für einen zweiten Hund zahlen Sie 250 Euro im Jahr [{n}].';
const RIGHT = 'Für den ersten Hund sind es 108 Euro [{n}].';
const FAITHFUL = 'Für jeden weiteren Hund beträgt die Steuer 216 Euro im Jahr [{n}].';

/**
 * A Hundesteuersatzung with amounts (§ 5), its Altfassung with other amounts
 * (found too, never cited), and an unrelated Dienstanweisung.
 */
async function indexSatzung(app: AppHandle) {
  const docs = join(app.dataDir, 'satzungen');
  mkdirSync(docs, { recursive: true });
  writeFileSync(
    join(docs, 'hundesteuersatzung.md'),
    [
      '# Hundesteuersatzung',
      '',
      '## § 5 Steuersatz',
      '',
      '(1) Die Steuer beträgt für den ersten Hund 108 Euro im Jahr.',
      '(2) Für jeden weiteren Hund beträgt sie 216 Euro im Jahr.',
      '',
      '## § 6 Steuerbefreiung',
      '',
      'Für Blindenführhunde und Rettungshunde wird auf Antrag keine Steuer erhoben.',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(docs, 'hundesteuersatzung-2019.md'),
    '# Hundesteuersatzung 2019 (Altfassung, außer Kraft)\n\n## § 5 Steuersatz\n\n(1) Die Steuer beträgt für den ersten Hund 96 Euro im Jahr.\n(2) Für jeden weiteren Hund beträgt sie 192 Euro im Jahr.\n',
  );
  writeFileSync(join(docs, 'posteingang.md'), '# Dienstanweisung Posteingang\n\n## 1. Eingangsstempel\n\nJedes Schreiben erhält am Tag des Eingangs einen Eingangsstempel.\n');
  await app.core().addFolder({ path: docs });
  await app.core().idle();
}

/** The reply, its {n} the number of the source block in the prompt that quotes § 5; a structured request (the question rewrite) gets nothing. */
const replyCiting =
  (template: string): ChatReply =>
  ({ messages, format }) => {
    if (format) return structuredReply(format, {});
    const blocks = [...(messages.at(-1)?.content ?? '').matchAll(/<quelle nr="(\d+)"[^>]*>([\s\S]*?)<\/quelle>/g)];
    const n = blocks.find((b) => b[2]!.includes('216 Euro'))?.[1] ?? '1';
    return template.replaceAll('{n}', n);
  };

const withoutCitation = (sentence: string) => sentence.replace(/ \[\{n\}\]\.$/, '');

async function askQuestion(app: AppHandle, reply: string) {
  const { page } = app;
  await app.open('Recherche');
  await page.getByRole('tab', { name: 'Fragen' }).click();
  await page.getByLabel('Ihre Frage').fill(QUESTION);
  await page.getByRole('button', { name: 'Fragen', exact: true }).click();
  const answer = page.getByTestId('answer');
  await expect(answer).toHaveAttribute('aria-busy', 'false');
  await expect(answer.locator('.answer__text')).toContainText(reply.split(' [')[0]!);
  const [summary] = await app.core().listConversations();
  const turn = (await app.core().getConversation({ id: summary!.id })).history.at(-1)!;
  return { answer, turn };
}

test.describe('the statements of an answer, checked against its sources', () => {
  test.beforeEach(async ({ app, fakeOllama }) => {
    await indexSatzung(app);
    await app.core().updateSettings({ ollamaHost: fakeOllama.url, chatModel: 'qwen2.5:7b' });
  });

  test('a planted wrong amount is marked "nicht belegt" with its reason; the correct sentence is not; no "Quellen geprüft"', async ({ app, fakeOllama }) => {
    fakeOllama.chatReply = replyCiting(`${RIGHT} ${WRONG}`);
    const { answer, turn } = await askQuestion(app, `${RIGHT} ${WRONG}`);
    const n = turn.citations[0]!.n;

    const marked = answer.getByTestId('claim-unsupported');
    await expect(marked).toHaveCount(1);
    await expect(marked).toContainText('250 Euro');
    await expect(marked).toContainText('nicht belegt');
    await expect(marked).not.toContainText('108 Euro');
    // The reason is readable without hovering, right under the answer, and tied to the sentence.
    const reasons = answer.getByTestId('unsupported-claims');
    await expect(reasons).toBeVisible();
    await expect(reasons.getByRole('listitem')).toHaveCount(1);
    await expect(reasons.getByRole('listitem')).toContainText(`„${withoutCitation(WRONG)}`);
    await expect(reasons.getByRole('listitem')).toContainText('nicht belegt:');
    await expect(reasons).not.toContainText('108 Euro');
    const reasonId = await reasons.getByRole('listitem').getAttribute('id');
    await expect(marked).toHaveAttribute('aria-describedby', reasonId!);

    await expect(answer).not.toContainText('Quellen geprüft');
    await expect(answer.locator('.answer__flags')).toContainText(/Nicht alle Aussagen belegt \(1 von 2/);
    expect(turn).toMatchObject({ verified: false });
    await app.screenshot('antwort-nicht-belegt');

    // The citation inside the marked sentence still opens its source.
    await marked.getByRole('button', { name: `Quelle ${n} anzeigen: Hundesteuersatzung` }).click();
    await expect(app.page.getByTestId('source-view')).toContainText('216 Euro');
    expect(app.blockedRequests).toEqual([]);
  });

  test('a faithful answer shows "Quellen geprüft" and its source under the cited ones, the rest apart', async ({ app, fakeOllama }) => {
    fakeOllama.chatReply = replyCiting(FAITHFUL);
    const { answer, turn } = await askQuestion(app, FAITHFUL);
    const n = turn.citations[0]!.n;

    await expect(answer.locator('.answer__flags')).toContainText('Quellen geprüft');
    await expect(answer.getByTestId('claim-unsupported')).toHaveCount(0);
    await expect(answer.getByTestId('unsupported-claims')).toHaveCount(0);
    await expect(answer.getByRole('heading', { name: 'Verwendete Quellen' })).toBeVisible();
    const cited = answer.getByTestId('answer-sources');
    await expect(cited.getByRole('listitem')).toHaveCount(1);
    await expect(cited).toContainText(`[${n}]`);
    await expect(cited).toContainText(turn.sources[n - 1]!.title);
    // What else was found is listed apart as not cited, each with its own number.
    const uncited = turn.sources.map((hit, i) => ({ hit, n: i + 1 })).filter((s) => s.n !== n);
    if (uncited.length > 0) {
      await expect(answer.getByRole('heading', { name: 'Weitere gefundene Stellen (nicht zitiert)' })).toBeVisible();
      const list = answer.getByTestId('answer-sources-uncited');
      await expect(list.getByRole('listitem')).toHaveCount(uncited.length);
      for (const s of uncited) {
        const item = list.getByRole('listitem').filter({ hasText: `[${s.n}]` });
        await expect(item).toContainText(s.hit.title);
        // An Altfassung says so in words wherever it is listed.
        if (s.hit.meta.validity === 'superseded') await expect(item.getByTestId('superseded')).toContainText('Altfassung / außer Kraft');
      }
      await expect(list).not.toContainText('216 Euro');
    } else {
      await expect(answer.getByTestId('answer-sources-uncited')).toHaveCount(0);
    }
    await app.screenshot('antwort-quellen-geprueft');
    await cited.getByRole('button', { name: `Quelle ${n} anzeigen: Hundesteuersatzung` }).click();
    await expect(app.page.getByTestId('source-view')).toContainText('§ 5 Steuersatz');
  });

  test('when the model says the sources do not answer: why, and the closest hits, which open in the source view', async ({ app, fakeOllama }) => {
    const { page } = app;
    fakeOllama.chatReply = ({ format }) => (format ? structuredReply(format, {}) : 'Die Quellen beantworten diese Frage nicht.');
    await app.open('Recherche');
    await page.getByRole('tab', { name: 'Fragen' }).click();
    await page.getByLabel('Ihre Frage').fill('Bis wann ist die Steuer für einen Hund zu zahlen?');
    await page.getByRole('button', { name: 'Fragen', exact: true }).click();
    const answer = page.getByTestId('answer');
    await expect(answer).toHaveAttribute('aria-busy', 'false');
    const [summary] = await app.core().listConversations();
    const turn = (await app.core().getConversation({ id: summary!.id })).history.at(-1)!;
    expect(turn.mode).toBe('abstained');

    await expect(answer).not.toContainText('Quellen geprüft');
    // The reason the core gives (the fixed sentence when it gives none) is there to read.
    await expect(answer).toContainText(turn.abstainReason ?? 'In den Dokumenten habe ich dazu nichts gefunden.');
    await expect(answer.getByRole('heading', { name: 'Nächstliegende Stellen' })).toBeVisible();
    const closest = answer.getByTestId('answer-sources');
    await expect(closest.getByRole('listitem')).toHaveCount(turn.sources.length);
    expect(turn.sources.length).toBeGreaterThan(0);
    const first = turn.sources[0]!;
    await closest.getByRole('button', { name: `Quelle 1 anzeigen: ${first.title}` }).click();
    await expect(page.getByTestId('source-view')).toContainText(first.title);
    await app.screenshot('antwort-enthaltung');
  });
});
