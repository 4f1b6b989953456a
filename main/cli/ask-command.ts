import { randomUUID } from 'node:crypto';
import type { AnswerTurn } from '../contract';
import type { Core } from '../core';
import { locationLabel } from '../grounding/blocks';
import { hitPlace } from './hit-json';
import type { CliIo } from './io';

/**
 * What --json prints: the issue's shape, plus how the answer came about.
 * `claims`: every sentence of the answer with content, checked against what
 * it cites ({ text, start, end, citations, supported, reason }; start/end are
 * offsets into `answer`, reason is German and null when supported);
 * `verified` is true only when every one is supported. `abstainReason`: when
 * mode is "abstained", why the closest hits in `sources` were not enough.
 */
export function answerJson(turn: AnswerTurn) {
  return {
    answer: turn.answer,
    citations: turn.citations.map((c) => ({ n: c.n, ...hitPlace(c) })),
    model: turn.model,
    verified: turn.verified,
    grounded: turn.grounded,
    mode: turn.mode,
    unfinished: turn.unfinished,
    notice: turn.notice,
    claims: (turn.claims ?? []).map(({ text, start, end, citations, supported, reason }) => ({ text, start, end, citations, supported, reason })),
    abstainReason: turn.abstainReason ?? null,
    sources: turn.sources.map((h, i) => ({ n: i + 1, ...hitPlace(h), validity: h.meta?.validity ?? 'unknown' })),
  };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

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
  if (turn.mode === 'abstained' && turn.abstainReason) io.stderr(`Hinweis: ${turn.abstainReason}\n`);
  const claims = turn.mode === 'abstained' ? [] : (turn.claims ?? []);
  const unsupported = claims.filter((c) => !c.supported);
  if (unsupported.length > 0) {
    io.stderr(`Hinweis: Nicht alle Aussagen belegt (${unsupported.length} von ${claims.length} nicht belegt) – bitte in den Quellen prüfen.\n`);
    for (const c of unsupported) io.stderr(`nicht belegt: „${squash(c.text)}“ – ${c.reason ?? 'Die zitierte Quelle stützt diese Aussage nicht.'}\n`);
  }
  if (turn.mode === 'generated' && turn.citations.length === 0) io.stderr('Hinweis: Ohne Beleg – die Antwort nennt keine Quelle.\n');
  if (turn.removedCitations.length > 0) io.stderr(`Hinweis: Verweise auf nicht vorhandene Quellen entfernt: ${turn.removedCitations.map((n) => `[${n}]`).join(', ')}\n`);
  if (turn.sources.length > 0) {
    io.stdout(`\n${turn.mode === 'abstained' ? 'Nächstliegende Stellen' : 'Quellen'}:\n`);
    const cited = new Set([...turn.citations.map((c) => c.n), ...(turn.extract ?? []).map((p) => p.n)]);
    turn.sources.forEach((h, i) => {
      const marks = [h.meta?.validity === 'superseded' ? 'Altfassung / außer Kraft' : '', turn.mode !== 'abstained' && !cited.has(i + 1) ? 'nicht zitiert' : ''].filter(Boolean);
      io.stdout(`[${i + 1}] ${h.title} – ${locationLabel(h)}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}\n    ${h.path}\n`);
    });
  }
  return 0;
}
