import type { CoreCalls } from '../contract';
import type { OllamaService } from './service';

type OllamaCalls = Pick<CoreCalls, 'getOllamaStatus' | 'listModels' | 'pullModel' | 'cancelPull'>;

interface OllamaCallsOptions {
  ollama: OllamaService;
}

/** The contract's Ollama calls: status, model catalogue, downloads. */
export function ollamaCalls({ ollama }: OllamaCallsOptions): OllamaCalls {
  return {
    getOllamaStatus: () => ollama.status(),
    listModels: () => ollama.listModels(),
    async pullModel({ name }) {
      return ollama.pull(name);
    },
    async cancelPull({ pullId }) {
      return { cancelled: ollama.cancelPull(pullId) };
    },
  };
}
