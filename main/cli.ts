/**
 * The headless command line over the same core as the app.
 * Output for people is German; --json output is for programs.
 */
import { parseArgs } from 'node:util';
import type { OllamaStatus } from './contract';
import { createCore, type Core } from './core';
import { AppError } from './errors';
import { formatBytes } from './format';
import { defaultDataDir } from './paths';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

const HELP = `Stadtschreiber – Kommandozeile

Aufruf:
  stadtschreiber [Optionen] <Befehl> [Befehlsoptionen]

Befehle:
  status [--json]   Datenordner, Datenbank-Schema und Verbindung zu Ollama anzeigen

Optionen:
  --data-dir <Ordner>   Datenordner (sonst STADTSCHREIBER_DATA oder der Ordner der App)
  -h, --help            Diese Hilfe anzeigen
  -v, --version         Version anzeigen

Umgebungsvariablen:
  STADTSCHREIBER_DATA   Datenordner
  OLLAMA_HOST           Ollama-Server, falls in den Einstellungen keiner gespeichert ist
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.stderr(`Fehler: ${(error as Error).message}\nHilfe: stadtschreiber --help\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || !command) {
    io.stdout(HELP);
    return values.help ? 0 : 2;
  }
  if (values.version) {
    const { APP_VERSION } = await import('./version');
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  if (command !== 'status') {
    io.stderr(`Unbekannter Befehl „${command}“.\nHilfe: stadtschreiber --help\n`);
    return 2;
  }

  const dataDir = values['data-dir'] ?? defaultDataDir(io.env);
  let core: Core | undefined;
  try {
    core = createCore({ dataDir, env: io.env });
    return await status(core, values.json, io);
  } catch (error) {
    const message = error instanceof AppError ? error.userMessage : (error as Error).message;
    io.stderr(`Fehler: ${message}\n`);
    return 1;
  } finally {
    core?.close();
  }
}

async function status(core: Core, json: boolean, io: CliIo): Promise<number> {
  const [info, settings, ollama] = await Promise.all([core.getAppInfo(), core.getSettings(), core.getOllamaStatus()]);
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
      `Ollama-Adresse:  ${ollama.host} (${source})`,
      `Ollama:          ${describeOllama(ollama)}`,
      ...ollama.models.map((m) => `  – ${m.name} (${formatBytes(m.sizeBytes)})`),
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
