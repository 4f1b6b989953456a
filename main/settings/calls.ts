import { LAND_CODES, LAND_NAMES, settingsPatchSchema, type CoreCalls, type Settings, type SettingsView } from '../contract';
import type { ResolvedHost } from '../llm/host';
import type { Logger } from '../log';
import { parseOrThrow } from '../validate';
import type { SettingsStore } from './store';

type SettingsCalls = Pick<CoreCalls, 'getSettings' | 'updateSettings'>;

interface SettingsCallsOptions {
  store: SettingsStore;
  /** The Ollama host the current settings lead to (the Ollama service resolves it). */
  ollamaHost: () => ResolvedHost;
  /** Pushes the new view (`settingsChanged`). */
  changed: (view: SettingsView) => void;
  /** A new embedding model: the chunks without its vectors get them (awaited: its failure is the update's). */
  embeddingModelChanged?: () => unknown;
  log: Logger;
}

export function settingsCalls({ store, ollamaHost, changed, embeddingModelChanged, log }: SettingsCallsOptions): SettingsCalls {
  const view = (settings: Settings): SettingsView => {
    const resolved = ollamaHost();
    return { settings, effectiveOllamaHost: resolved.host, ollamaHostSource: resolved.source, lands: LAND_CODES.map((code) => ({ code, name: LAND_NAMES[code] })) };
  };
  return {
    async getSettings() {
      return view(store.read());
    },
    async updateSettings(patch) {
      const valid = parseOrThrow(settingsPatchSchema, patch, 'Die Einstellung');
      const previousEmbeddingModel = store.read().embeddingModel;
      const next = view(store.update(valid));
      log.info('settings updated', { keys: Object.keys(valid) });
      changed(next);
      if (next.settings.embeddingModel !== previousEmbeddingModel) await embeddingModelChanged?.();
      return next;
    },
  };
}
