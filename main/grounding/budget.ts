import type { Message } from 'ollama';
import type { PromptSource } from './blocks';

/**
 * No tokenizer of the model is available locally, so the prompt's size is
 * estimated on the safe side: German text runs at about 3.5–4.5 characters
 * per token in the common tokenizers; counting 3 over-estimates.
 */
export const CHARS_PER_TOKEN = 3;
/** Room left for the answer. */
export const ANSWER_RESERVE_TOKENS = 1024;
/**
 * num_ctx comes in a few steps: every other value makes Ollama reload the
 * model, and a bigger window costs memory on the server.
 */
const CONTEXT_STEPS = [4096, 8192, 16384, 32768];

export const estimateTokens = (messages: Message[]) =>
  Math.ceil(messages.reduce((sum, m) => sum + m.content.length + 8, 0) / CHARS_PER_TOKEN);

interface Budgeted<H> {
  messages: Message[];
  sources: PromptSource[];
  history: H[];
  promptTokens: number;
  numCtx: number;
  /** Sources left out (lowest rank first) or shortened to fit. */
  dropped: number;
  shortened: boolean;
}

/**
 * Fits a prompt with sources into the model's context: earlier turns go
 * first (oldest first), then sources from the lowest rank up; the best
 * source is shortened rather than dropped. num_ctx is the smallest step
 * that holds the prompt and the answer, never more than the model can take
 * (nor more than `maxContext`). `build` makes the messages of the call.
 */
export function fitToContext<H>(
  build: (sources: PromptSource[], history: H[]) => Message[],
  ranked: PromptSource[],
  history: H[],
  modelContext: number,
  maxContext: number = CONTEXT_STEPS.at(-1)!,
): Budgeted<H> {
  const limit = Math.max(1024, Math.min(modelContext, maxContext, CONTEXT_STEPS.at(-1)!));
  const room = limit - ANSWER_RESERVE_TOKENS;
  let sources = [...ranked];
  let turns = [...history];
  let messages = build(sources, turns);
  while (estimateTokens(messages) > room && turns.length > 0) {
    turns = turns.slice(1);
    messages = build(sources, turns);
  }
  while (estimateTokens(messages) > room && sources.length > 1) {
    sources = sources.slice(0, -1);
    messages = build(sources, turns);
  }
  let shortened = false;
  const first = sources[0];
  if (first && estimateTokens(messages) > room) {
    const over = (estimateTokens(messages) - room) * CHARS_PER_TOKEN;
    const keep = Math.max(0, first.text.length - over - 16);
    sources = [{ ...first, text: `${first.text.slice(0, keep)} […]` }];
    shortened = true;
    messages = build(sources, turns);
  }
  const promptTokens = estimateTokens(messages);
  const needed = promptTokens + ANSWER_RESERVE_TOKENS;
  const numCtx = Math.min(limit, CONTEXT_STEPS.find((step) => step >= needed) ?? limit);
  return { messages, sources, history: turns, promptTokens, numCtx, dropped: ranked.length - sources.length, shortened };
}
