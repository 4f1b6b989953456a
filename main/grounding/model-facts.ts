import type { Ollama } from 'ollama';
import { showFacts } from '../llm/models';

export type ModelDetails = ReturnType<typeof showFacts>;

const SHOW_CACHE_MS = 60_000;

/** A model that says what it can do must say "completion" to write text; one that says nothing is tried. */
export const canWrite = (details: ModelDetails) => details.capabilities.length === 0 || details.capabilities.includes('completion');

/**
 * /api/show of the chat model, remembered for a minute: every call that asks
 * the model (an answer, a draft suggestion, a question rewrite) needs its
 * context length and abilities, and should not wait for them each time.
 * Failures are not remembered: the next call asks again.
 */
export class ModelFacts {
  private readonly shown = new Map<string, { at: number; details: ModelDetails }>();

  constructor(private readonly client: (host: string) => Ollama) {}

  async details(host: string, model: string): Promise<ModelDetails> {
    const key = `${host}\n${model}`;
    const cached = this.shown.get(key);
    if (cached && Date.now() - cached.at < SHOW_CACHE_MS) return cached.details;
    const details = showFacts(await this.client(host).show({ model }));
    this.shown.set(key, { at: Date.now(), details });
    return details;
  }
}
