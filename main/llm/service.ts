/**
 * The one Ollama service of a core: where the server is (resolved from the
 * current settings and the environment in this one place, at every use, so
 * that a changed host applies to the next request), clients with their
 * timeouts, the status, the embedder of the configured model, the model
 * catalogue and the downloads.
 */
import type { Ollama } from 'ollama';
import type { ModelList, OllamaStatus, PullProgress, Settings } from '../contract';
import type { Logger } from '../log';
import { createOllamaClient, DEFAULT_TIMEOUT_MS } from './client';
import { embedTexts, type Embedder } from './embed';
import { ollamaError } from './errors';
import { resolveOllamaHost, type ResolvedHost } from './host';
import { ModelCatalog } from './models';
import { PullManager } from './pull';
import { fetchOllamaStatus } from './status';

/** The settings the service reads. */
export type OllamaSettings = Pick<Settings, 'ollamaHost' | 'chatModel' | 'embeddingModel'>;

interface OllamaServiceOptions {
  /** The settings as they are now (read at every use). */
  settings: () => OllamaSettings;
  /** Where OLLAMA_HOST is read from. */
  env: Record<string, string | undefined>;
  log: Logger;
  /** The longest wait of a request (DEFAULT_TIMEOUT_MS unless told). */
  timeoutMs?: number;
  /** Progress of the model downloads (pushed as `pullProgress`). */
  onPullProgress?: (progress: PullProgress) => void;
}

export class OllamaService {
  readonly timeoutMs: number;
  private readonly catalog: ModelCatalog;
  private readonly pulls: PullManager;

  constructor(private readonly options: OllamaServiceOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.catalog = new ModelCatalog(options.log);
    this.pulls = new PullManager(() => this.host().host, (progress) => options.onPullProgress?.(progress), options.log);
  }

  /** The server to talk to and where that came from: saved host > OLLAMA_HOST > default. */
  host(): ResolvedHost {
    return this.resolve(this.options.settings());
  }

  /** The one host resolution of the core. */
  private resolve(current: OllamaSettings): ResolvedHost {
    return resolveOllamaHost(current.ollamaHost, this.options.env);
  }

  /** A client whose every request ends after `timeoutMs`. */
  client(host = this.host().host, timeoutMs = this.timeoutMs): Ollama {
    return createOllamaClient(host, timeoutMs);
  }

  /** The chat model and its server as the settings say now (the model may be empty: none chosen). */
  chatModel(): { host: string; model: string } {
    const current = this.options.settings();
    return { host: this.resolve(current).host, model: current.chatModel };
  }

  /** The embedder of the configured embedding model, or null when none is set. */
  embedder(timeoutMs = this.timeoutMs): Embedder | null {
    // Model and host from one reading of the settings, so that they belong together.
    const current = this.options.settings();
    const model = current.embeddingModel;
    if (!model) return null;
    const { host } = this.resolve(current);
    const client = createOllamaClient(host, timeoutMs);
    return {
      model,
      embed: async (texts) => {
        try {
          return await embedTexts(client, model, texts);
        } catch (error) {
          throw ollamaError(error, host, timeoutMs);
        }
      },
    };
  }

  /** Version and installed models; never throws. */
  status(): Promise<OllamaStatus> {
    const { host } = this.host();
    return fetchOllamaStatus(this.client(host), host, this.timeoutMs, this.options.log);
  }

  /** The installed models with their abilities, the suggestions and the running downloads; never throws. */
  listModels(): Promise<ModelList> {
    const { host } = this.host();
    return this.catalog.list(this.client(host), host, this.timeoutMs, this.pulls.active());
  }

  pull(name: string): { pullId: string } {
    return this.pulls.start(name);
  }

  cancelPull(pullId: string): boolean {
    return this.pulls.cancel(pullId);
  }

  /** Resolves when every download started so far has ended. */
  idle(): Promise<void> {
    return this.pulls.idle();
  }

  /** Cancels the downloads (Ollama keeps what it has). */
  close(): void {
    this.pulls.cancelAll();
  }
}
