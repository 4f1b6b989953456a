/**
 * The headless command line over the same core as the app.
 * Output for people is German; --json output is for programs.
 */
import { parseArgs } from 'node:util';
import { askCommand } from './cli/ask-command';
import { checklistsCommand } from './cli/checklists-command';
import { draftCommand } from './cli/draft-command';
import { indexCommand } from './cli/index-command';
import { repairCommand } from './cli/repair-command';
import type { CliIo } from './cli/io';
import { searchCommand } from './cli/search-command';
import { statusCommand } from './cli/status';
import { templatesCommand, templatesImportCommand, templatesTypeCommand } from './cli/templates-command';
import { createCore, type Core } from './core';
import { storageError, storageFault } from './db/sqlite-errors';
import { AppError, INTERNAL_ERROR_MESSAGE } from './errors';
import { databaseFile, defaultDataDir } from './paths';
import { APP_VERSION } from './version';

export type { CliIo } from './cli/io';

const HELP = `Stadtschreiber – Kommandozeile

Aufruf:
  stadtschreiber [Optionen] <Befehl> [Argumente]

Befehle:
  status [--json]                     Datenordner, Schema, Ordner und Verbindung zu Ollama anzeigen
  index <Ordner…> [--force]           Ordner hinzufügen und indexieren (Fortschritt auf stderr);
                                      bereits indexierte Ordner werden aktualisiert, --force liest alles neu
  search "<Anfrage>" [--json] [--limit N]
                                      In den indexierten Dokumenten suchen (N: 1–100, Standard 10)
  ask "<Frage>" [--json] [--model M]  Frage aus den Dokumenten beantworten: die Antwort des Chat-Modells
                                      erscheint Wort für Wort, danach die Quellen; ohne Ollama die
                                      passendsten Stellen (M: anderes Chat-Modell als in den Einstellungen)
  templates [--json]                  Briefvorlagen auflisten (mitgelieferte und eigene Word-Vorlagen);
                                      fehlerhafte Vorlagen mit Grund auf stderr, dann Rückgabewert 1
  templates import <datei.docx> [--title T] [--json]
                                      Eigene Word-Vorlage mit {{Platzhaltern}} importieren (wie in der App);
                                      zeigt ihre ID und die Felder mit Typ. Typ im Platzhalter: {{Antragsdatum|Datum}},
                                      sonst aus dem Namen erkannt (…datum, Betrag, IBAN, Aktenzeichen, Anschrift)
  templates type <Vorlagen-ID> <Feld-ID> <Typ>
                                      Typ eines Feldes einer eigenen Vorlage ändern: Text, Mehrzeilig, Datum,
                                      Betrag, Aktenzeichen, IBAN, Anschrift, Person oder Auswahl
  checklists [--json]                 Prüflisten der Vorprüfung auflisten (mitgelieferte und eigene aus
                                      <Datenordner>/checklists); fehlerhafte mit Grund auf stderr, dann 1
  repair [--force] [--json]           Datenbank prüfen und, wenn sie beschädigt ist, reparieren: Sie wird daneben
                                      aufbewahrt, Einstellungen, Ordner, Unterhaltungen und Entwürfe werden in eine
                                      neue übernommen, der Suchindex beim nächsten „index“ neu aufgebaut
                                      (--force: auch eine intakte Datenbank neu anlegen). Stadtschreiber vorher beenden
  draft --template <ID> --data <felder.json> --out <brief.docx> [--letterhead <briefkopf.json>]
                                      Brief aus einer Vorlage als .docx (DIN 5008) erzeugen; ungültige
                                      Felder: je Feld eine Meldung auf stderr, Rückgabewert 1. Briefkopf
                                      aus den Einstellungen, sonst aus --letterhead

Optionen:
  --data-dir <Ordner>   Datenordner (sonst STADTSCHREIBER_DATA oder der Ordner der App)
  -h, --help            Diese Hilfe anzeigen
  -v, --version         Version anzeigen

Umgebungsvariablen:
  STADTSCHREIBER_DATA   Datenordner
  OLLAMA_HOST           Ollama-Server, falls in den Einstellungen keiner gespeichert ist

Rückgabewerte: 0 Erfolg, 1 Fehler, 2 falscher Aufruf.
`;

const COMMANDS = ['status', 'index', 'search', 'ask', 'templates', 'checklists', 'draft', 'repair'] as const;

/** How long the command line waits for another process's write before it says the database is busy. */
const CLI_BUSY_TIMEOUT_MS = 30_000;

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
        force: { type: 'boolean', default: false },
        limit: { type: 'string' },
        model: { type: 'string' },
        template: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        letterhead: { type: 'string' },
        title: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.stderr(`Fehler: ${(error as Error).message}\nHilfe: stadtschreiber --help\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.version) {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  if (values.help || !command) {
    io.stdout(HELP);
    return values.help ? 0 : 2;
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    io.stderr(`Unbekannter Befehl „${command}“.\nHilfe: stadtschreiber --help\n`);
    return 2;
  }

  const dataDir = values['data-dir'] ?? defaultDataDir(io.env);
  let core: Core | undefined;
  try {
    if (command === 'checklists') return checklistsCommand(dataDir, values.json, io);
    if (command === 'templates') {
      const [sub, ...rest] = args;
      if (sub === 'import') return templatesImportCommand(dataDir, rest, { title: values.title, json: values.json }, io);
      if (sub === 'type') return templatesTypeCommand(dataDir, rest, { json: values.json }, io);
      if (sub !== undefined) {
        io.stderr(`Unbekannter Befehl „templates ${sub}“ (möglich: templates, templates import, templates type).\nHilfe: stadtschreiber --help\n`);
        return 2;
      }
      return templatesCommand(dataDir, values.json, io);
    }
    if (command === 'repair') return repairCommand(dataDir, { json: values.json, force: values.force }, io);
    // A command may wait longer than the app for a job of another process to commit its batch.
    core = createCore({ dataDir, env: io.env, busyTimeoutMs: CLI_BUSY_TIMEOUT_MS });
    if (command === 'draft') return await draftCommand(core, { template: values.template, data: values.data, out: values.out, letterhead: values.letterhead }, io);
    if (command === 'status') return await statusCommand(core, values.json, io);
    if (command === 'index') return await indexCommand(core, args, { force: values.force }, io);
    if (command === 'ask') return await askCommand(core, args, { json: values.json, model: values.model }, io);
    return await searchCommand(core, args, { json: values.json, limit: values.limit }, io);
  } catch (error) {
    // A storage fault (a busy index, a full disk) in German; anything else is logged with its stack.
    const message =
      error instanceof AppError ? error.userMessage : storageFault(error) ? storageError(error, { file: databaseFile(dataDir) }).userMessage : INTERNAL_ERROR_MESSAGE;
    if (!(error instanceof AppError)) core?.log.error('command failed', { command, error });
    io.stderr(`Fehler: ${message}\n`);
    return 1;
  } finally {
    core?.close();
  }
}
