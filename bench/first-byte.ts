/**
 * Time from a question to the moment the answer's chat request to Ollama
 * starts (retrieval, source selection, prompt and context budget; with the
 * question's rewrite, that call too, which a request with `format` is): the wait the
 * clerk has before the model can begin. Measured where the product hands
 * the request to fetch; the model's own time is not the product's.
 */
import type { Core } from '../main/core';
import { timeIt } from './report';

export async function timeToFirstByte(core: Core, questions: string[], warmup = 5): Promise<{ p50: number; p95: number; asked: number; abstained: number }> {
  let sentAt: number | null = null;
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const rewrite = typeof init?.body === 'string' && init.body.includes('"format"');
    if (url.endsWith('/api/chat') && !rewrite && sentAt === null) sentAt = performance.now();
    return original(input, init);
  };
  const samples: number[] = [];
  let abstained = 0;
  let i = 0;
  try {
    // timeIt's own figure includes the streamed answer; the samples taken here stop at the request.
    await timeIt(
      async () => {
        const question = questions[i++ % questions.length]!;
        sentAt = null;
        const start = performance.now();
        const turn = await core.ask({ question, askId: `bench-${i}` });
        if (i <= warmup) return;
        if (sentAt === null) {
          if (turn.mode === 'abstained') abstained++;
          return;
        }
        samples.push(sentAt - start);
      },
      questions.length,
      warmup,
    );
  } finally {
    globalThis.fetch = original;
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), asked: samples.length, abstained };
}
