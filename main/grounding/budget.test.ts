import { describe, expect, it } from 'vitest';
import { NO_META } from '../contract';
import { ANSWER_RESERVE_TOKENS, CHARS_PER_TOKEN, estimateTokens, fitToContext } from './budget';
import type { PromptSource } from './blocks';
import { buildMessages, type HistoryTurn } from '../research/prompt';

const source = (n: number, chars: number): PromptSource => ({
  n,
  text: `Quelle ${n}: ${'Verwaltungsverfahren '.repeat(Math.ceil(chars / 21))}`.slice(0, chars),
  hit: { chunkId: n, documentId: n, path: `/d/${n}.txt`, title: `Dok ${n}`, headingPath: [`§ ${n}`], lineStart: 1, lineEnd: 2, page: null, kind: 'txt', role: 'body', meta: NO_META, score: 1, snippet: '', highlights: [] },
});

describe('fitToContext', () => {
  it('keeps all sources when they fit and asks for the smallest context step that holds prompt and answer', () => {
    const fitted = fitToContext((sources, turns: HistoryTurn[]) => buildMessages('Wie lange dauert das?', sources, turns), [source(1, 3000), source(2, 3000)], [], 32768);
    expect(fitted.sources.map((s) => s.n)).toEqual([1, 2]);
    expect(fitted.promptTokens).toBe(estimateTokens(fitted.messages));
    expect(fitted.numCtx).toBe(4096);
    expect(fitted.numCtx).toBeGreaterThanOrEqual(fitted.promptTokens + ANSWER_RESERVE_TOKENS);
  });

  it('drops sources from the lowest rank up when the model context is small, and never asks for more than the model has', () => {
    const ranked = [1, 2, 3, 4, 5].map((n) => source(n, 4000));
    const fitted = fitToContext((sources, turns: HistoryTurn[]) => buildMessages('Frage?', sources, turns), ranked, [], 4096);
    expect(fitted.numCtx).toBe(4096);
    expect(fitted.sources.map((s) => s.n)).toEqual([1, 2]);
    expect(fitted.dropped).toBe(3);
    expect(fitted.promptTokens + ANSWER_RESERVE_TOKENS).toBeLessThanOrEqual(fitted.numCtx);
  });

  it('uses a bigger step for a bigger prompt when the model can take it', () => {
    const ranked = [1, 2, 3, 4, 5].map((n) => source(n, 4000));
    const fitted = fitToContext((sources, turns: HistoryTurn[]) => buildMessages('Frage?', sources, turns), ranked, [], 131072);
    expect(fitted.sources).toHaveLength(5);
    expect(fitted.numCtx).toBe(8192);
  });

  it('drops earlier turns of the conversation before any source', () => {
    const history = [1, 2, 3].map((i) => ({ question: `Frage ${i}`, answer: 'Antwort '.repeat(250) }));
    const fitted = fitToContext((sources, turns: HistoryTurn[]) => buildMessages('Und noch?', sources, turns), [source(1, 3000), source(2, 3000)], history, 4096);
    expect(fitted.sources).toHaveLength(2);
    expect(fitted.history.length).toBeLessThan(3);
    expect(fitted.history.at(-1)?.question).toBe('Frage 3');
  });

  it('shortens the best source rather than sending nothing', () => {
    const fitted = fitToContext((sources, turns: HistoryTurn[]) => buildMessages('Frage?', sources, turns), [source(1, 20000)], [], 4096);
    expect(fitted.shortened).toBe(true);
    expect(fitted.sources[0]!.text.endsWith('[…]')).toBe(true);
    expect(fitted.promptTokens + ANSWER_RESERVE_TOKENS).toBeLessThanOrEqual(4096);
    expect(fitted.sources[0]!.text.length).toBeGreaterThan(2000 * CHARS_PER_TOKEN / 3);
  });
});
