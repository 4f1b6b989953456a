import { randomUUID } from 'node:crypto';
import type { AnswerTurn } from '../contract';
import type { Core } from '../core';
import { locationLabel } from '../research/prompt';
import type { CliIo } from './io';

/** What --json prints: the issue's shape, plus how the answer came about. */
export function answerJson(turn: AnswerTurn) {
  return {
    answer: turn.answer,
    citations: turn.citations.map(({ n, path, title, heading, lineStart, lineEnd, page }) => ({ n, path, title, heading, lineStart, lineEnd, page })),
    model: turn.model,
    verified: turn.verified,
    grounded: turn.grounded,
    mode: turn.mode,
    unfinished: turn.unfinished,
    notice: turn.notice,
    sources: turn.sources.map((h, i) => ({ n: i + 1, path: h.path, title: h.title, heading: h.heading, lineStart: h.lineStart, lineEnd: h.lineEnd, page: h.page })),
  };
}

/**
 * `stadtschreiber ask "<question>" [--json] [--model M]`: the answer streams
 * to stdout as the model writes it, then the sources. Ctrl+C stops the
 * answer and keeps what arrived.
 */
export async function askCommand(core: Core, words: string[], options: { json: boolean; model: string | undefined }, io: CliIo): Promise<number> {
  const question = words.join(' ').trim();
  if (!question) {
    io.stderr('Fehler: Bitte eine Frage angeben: stadtschreiber ask "<Frage>"\n');
    return 2;
  }
  const askId = randomUUID();
  let streamed = false;
  const off = core.on('answerStream', (event) => {
    if (event.askId !== askId || event.type !== 'token' || options.json) return;
    streamed = true;
    io.stdout(event.text);
  });
  const removeInterrupt = io.onInterrupt?.(() => void core.cancelAnswer({ askId }));
  let turn: AnswerTurn;
  try {
    turn = await core.ask({ question, askId, ...(options.model ? { model: options.model } : {}) });
  } finally {
    off();
    removeInterrupt?.();
  }
  if (options.json) {
    io.stdout(JSON.stringify(answerJson(turn), null, 2) + '\n');
    return 0;
  }
  if (streamed) io.stdout('\n');
  // The streamed text may still hold citations that were removed; the checked answer is printed when it differs.
  if (!streamed || turn.removedCitations.length > 0) io.stdout(`${streamed ? '\nGeprüfte Fassung:\n' : ''}${turn.answer}\n`);
  if (turn.notice) io.stderr(`Hinweis: ${turn.notice}\n`);
  if (turn.mode === 'generated' && turn.citations.length === 0) io.stderr('Hinweis: Ohne Beleg – die Antwort nennt keine Quelle.\n');
  if (turn.removedCitations.length > 0) io.stderr(`Hinweis: Verweise auf nicht vorhandene Quellen entfernt: ${turn.removedCitations.map((n) => `[${n}]`).join(', ')}\n`);
  if (turn.sources.length > 0) {
    io.stdout(`\n${turn.mode === 'abstained' ? 'Nächstliegende Stellen' : 'Quellen'}:\n`);
    turn.sources.forEach((h, i) => io.stdout(`[${i + 1}] ${h.title} – ${locationLabel(h)}\n    ${h.path}\n`));
  }
  return 0;
}
