import type { Ollama, ShowResponse } from 'ollama';
import type { InstalledModel, ModelList, ModelSuggestion, PullProgress } from '../contract';
import type { Logger } from '../log';
import { ResponseTooLargeError } from './bounded-fetch';
import { ollamaError, serverMessageOf } from './errors';
import { listedModels } from './status';
import { MODEL_SUGGESTIONS } from './suggestions';

/** What /api/show told about one model version; a model's digest changes when it is pulled again. */
interface ShowFacts {
  capabilities: string[];
  contextLength: number | null;
}

/** /api/show reads the model file's metadata: asked at most this many at a time. */
const SHOW_CONCURRENCY = 4;

/**
 * Lists the installed models (/api/tags) with what each can do and its
 * context length (/api/show). Remembers /api/show answers per model digest,
 * so that opening Einstellungen again does not re-read every model file.
 */
export class ModelCatalog {
  private readonly facts = new Map<string, ShowFacts>();

  constructor(private readonly log: Logger) {}

  /** Never throws: an unreachable server comes back as `reachable: false` with a German error. */
  async list(client: Ollama, host: string, timeoutMs: number, pulls: PullProgress[] = []): Promise<ModelList> {
    try {
      const models = listedModels(await client.list());
      const installed = await mapLimited(models, SHOW_CONCURRENCY, async ({ model, digest }): Promise<InstalledModel> => {
        const facts = await this.show(client, model.name, digest);
        return {
          ...model,
          capabilities: facts.capabilities,
          chat: facts.capabilities.includes('completion'),
          embedding: facts.capabilities.includes('embedding'),
          contextLength: facts.contextLength,
        };
      });
      installed.sort((a, b) => a.name.localeCompare(b.name));
      return { host, reachable: true, models: installed, suggestions: suggestionsFor(installed), pulls, error: null };
    } catch (error) {
      const appError = ollamaError(error, host, timeoutMs);
      this.log.warn('listing models failed', { host, error: appError });
      return { host, reachable: false, models: [], suggestions: suggestionsFor([]), pulls, error: appError.toApiError() };
    }
  }

  /** Remembered per digest; without one (a server that sends none) asked every time. */
  private async show(client: Ollama, name: string, digest: string | null): Promise<ShowFacts> {
    const key = digest === null ? null : `${name}@${digest}`;
    const known = key === null ? undefined : this.facts.get(key);
    if (known) return known;
    let response: ShowResponse;
    try {
      response = await client.show({ model: name });
    } catch (error) {
      // Removed between /api/tags and /api/show, a broken model file, or an answer over its cap or not JSON
      // (the server did answer /api/tags): listed, but with no abilities. A broken connection fails the list.
      const answered = (error as { status_code?: number }).status_code !== undefined || error instanceof ResponseTooLargeError || error instanceof SyntaxError;
      if (!answered) throw error;
      this.log.warn('model details not available', { name, error: serverMessageOf(error) });
      return { capabilities: [], contextLength: null };
    }
    const facts = showFacts(response);
    if (key !== null) this.facts.set(key, facts);
    return facts;
  }
}

/**
 * Capabilities and context length from an /api/show answer. Ollama before
 * 0.6.4 sent no capabilities: there a model whose file declares a pooling
 * type is an embedding model (only those have one), any other a chat model.
 */
export function showFacts(response: Partial<ShowResponse> | null | undefined): ShowFacts {
  // The client types model_info as a Map; on the wire (and at run time) it is a plain object. Any part may be missing.
  const rawInfo: unknown = response?.model_info;
  const info = (rawInfo !== null && typeof rawInfo === 'object' && !Array.isArray(rawInfo) ? rawInfo : {}) as Record<string, unknown>;
  const architecture = typeof info['general.architecture'] === 'string' ? info['general.architecture'] : response?.details?.family;
  const length = info[`${architecture}.context_length`] ?? Object.entries(info).find(([key]) => key.endsWith('.context_length'))?.[1];
  const contextLength = typeof length === 'number' && Number.isFinite(length) && length > 0 ? length : null;
  let capabilities = Array.isArray(response?.capabilities) ? response.capabilities.map(String) : null;
  if (!capabilities) capabilities = Object.keys(info).some((key) => key.endsWith('.pooling_type')) ? ['embedding'] : ['completion'];
  return { capabilities, contextLength };
}

/** The suggestions, each marked installed when a model of that name (any tag for an untagged name) is there. */
export function suggestionsFor(installed: { name: string }[]): ModelSuggestion[] {
  const names = new Set(installed.map((m) => m.name));
  return MODEL_SUGGESTIONS.map((s) => ({
    ...s,
    installed: names.has(s.name) || (!s.name.includes(':') && names.has(`${s.name}:latest`)),
  }));
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
