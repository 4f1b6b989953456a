import type { ListResponse, ModelResponse, Ollama } from 'ollama';
import type { OllamaModel, OllamaStatus } from '../contract';
import type { Logger } from '../log';
import { ollamaError } from './errors';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * An /api/tags entry as the contract describes an installed model. Only
 * the name is needed: Ollama-compatible servers leave out what they do not
 * know (modified_at, size, digest, details), and what is missing stays
 * null (size, modifiedAt) instead of failing the whole list.
 * Null for an entry without a name.
 */
export function toOllamaModel(m: Partial<ModelResponse>): OllamaModel | null {
  const name = text(m?.name) || text(m?.model);
  if (!name) return null;
  const modified = typeof m.modified_at === 'string' || m.modified_at instanceof Date ? new Date(m.modified_at) : null;
  const details = (m.details ?? {}) as Partial<ModelResponse['details']>;
  return {
    name,
    sizeBytes: typeof m.size === 'number' && Number.isFinite(m.size) && m.size >= 0 ? m.size : null,
    modifiedAt: modified && !Number.isNaN(modified.getTime()) ? modified.toISOString() : null,
    family: text(details.family),
    parameterSize: text(details.parameter_size),
    quantization: text(details.quantization_level),
  };
}

/** An installed model from /api/tags, with its digest when the server gave one (it changes when the model is pulled again). */
interface ListedModel {
  model: OllamaModel;
  digest: string | null;
}

/** The entries of an /api/tags answer that name a model; an answer without a `models` array lists none. */
export function listedModels(list: Partial<ListResponse> | null | undefined): ListedModel[] {
  const entries: unknown[] = Array.isArray(list?.models) ? list.models : [];
  const out: ListedModel[] = [];
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object') continue;
    const model = toOllamaModel(entry as Partial<ModelResponse>);
    if (model) out.push({ model, digest: text((entry as Partial<ModelResponse>).digest) || null });
  }
  return out;
}

/** Asks the server for its version and its models; never throws. */
export async function fetchOllamaStatus(client: Ollama, host: string, timeoutMs: number, log: Logger): Promise<OllamaStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const [version, list] = await Promise.all([client.version(), client.list()]);
    const models: OllamaModel[] = listedModels(list).map((m) => m.model);
    models.sort((a, b) => a.name.localeCompare(b.name));
    return { host, reachable: true, version: text(version?.version) || null, models, error: null, checkedAt };
  } catch (error) {
    const appError = ollamaError(error, host, timeoutMs);
    log.warn('ollama status check failed', { host, error: appError });
    return { host, reachable: false, version: null, models: [], error: appError.toApiError(), checkedAt };
  }
}
