import type { ModelResponse, Ollama } from 'ollama';
import type { OllamaModel, OllamaStatus } from '../contract';
import type { Logger } from '../log';
import { ollamaError } from './errors';

/** An /api/tags entry as the contract describes an installed model. */
export function toOllamaModel(m: ModelResponse): OllamaModel {
  return {
    name: m.name,
    sizeBytes: m.size,
    modifiedAt: new Date(m.modified_at).toISOString(),
    family: m.details?.family ?? '',
    parameterSize: m.details?.parameter_size ?? '',
    quantization: m.details?.quantization_level ?? '',
  };
}

/** Asks the server for its version and its models; never throws. */
export async function fetchOllamaStatus(client: Ollama, host: string, timeoutMs: number, log: Logger): Promise<OllamaStatus> {
  const checkedAt = new Date().toISOString();
  try {
    const [version, list] = await Promise.all([client.version(), client.list()]);
    const models: OllamaModel[] = list.models.map(toOllamaModel);
    models.sort((a, b) => a.name.localeCompare(b.name));
    return { host, reachable: true, version: version.version, models, error: null, checkedAt };
  } catch (error) {
    const appError = ollamaError(error, host, timeoutMs);
    log.warn('ollama status check failed', { host, error: appError });
    return { host, reachable: false, version: null, models: [], error: appError.toApiError(), checkedAt };
  }
}
