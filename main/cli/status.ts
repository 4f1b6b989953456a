import type { OllamaStatus } from '../contract';
import type { Core } from '../core';
import { formatBytes } from '../format';
import type { CliIo } from './io';

export async function statusCommand(core: Core, json: boolean, io: CliIo): Promise<number> {
  const [info, settings, ollama, folders] = await Promise.all([core.getAppInfo(), core.getSettings(), core.getOllamaStatus(), core.listFolders()]);
  if (json) {
    io.stdout(
      JSON.stringify(
        {
          version: info.version,
          dataDir: info.dataDir,
          schemaVersion: info.schemaVersion,
          ollama: { ...ollama, hostSource: settings.ollamaHostSource },
          chatModel: settings.settings.chatModel || null,
          embeddingModel: settings.settings.embeddingModel || null,
          folders,
        },
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  const source = { settings: 'Einstellungen', environment: 'OLLAMA_HOST', default: 'Standard' }[settings.ollamaHostSource];
  io.stdout(
    [
      `Stadtschreiber ${info.version}`,
      `Datenordner:     ${info.dataDir}`,
      `Datenbank:       Schema ${info.schemaVersion}`,
      `Ordner:          ${folders.length === 0 ? 'keine' : folders.map((f) => `${f.path} (${f.documents} Dokumente)`).join(', ')}`,
      `Ollama-Adresse:  ${ollama.host} (${source})`,
      `Ollama:          ${describeOllama(ollama)}`,
      ...ollama.models.map((m) => `  – ${m.name}${m.sizeBytes === null ? '' : ` (${formatBytes(m.sizeBytes)})`}`),
      `Chat-Modell:     ${settings.settings.chatModel || 'nicht gewählt'}`,
      `Embedding-Modell: ${settings.settings.embeddingModel || 'nicht gewählt'}`,
      '',
    ].join('\n'),
  );
  return 0;
}

function describeOllama(status: OllamaStatus): string {
  if (!status.reachable) return `nicht erreichbar – ${status.error?.message ?? ''}`;
  const count = status.models.length;
  return `verbunden (Version ${status.version}), ${count} ${count === 1 ? 'Modell' : 'Modelle'}`;
}
