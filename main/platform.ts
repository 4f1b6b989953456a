/**
 * What only the desktop shell can do for the core: dialogs, opening a file
 * with its program, restarting the app. Every ability is optional: where one
 * is missing, the call that needs it answers with a German "not possible
 * here" message instead. Each capability takes `Pick<Platform, …>` of what
 * it uses, so the type says which calls depend on the desktop.
 *
 * Implementations: the desktop (electron/main.ts), the headless one below
 * (the CLI, the tests that need none) and the recording fake of the browser
 * tests (e2e/fixtures/recording-platform.ts).
 */
import type { AnswerExportFormat } from './contract';

export interface Platform {
  /** The folder dialog; null when the clerk cancelled. */
  chooseFolder?(): Promise<string | null>;
  /** Opens a file with the program the system has for its type. */
  openPath?(path: string): Promise<void>;
  /** The save dialog (answers and drafts): where to write, or null when the clerk cancelled. */
  chooseSavePath?(suggestedName: string, format: AnswerExportFormat): Promise<string | null>;
  /** The open dialog for a Word template or a logo image; null when the clerk cancelled. */
  chooseOpenFile?(kind: 'docx' | 'image'): Promise<string | null>;
  /** Restarts the app (a scheduled repair runs at its start). */
  restartApp?(): void;
}

/** No desktop: the CLI. Frozen, so that no caller can lend it an ability by accident. */
export const HEADLESS_PLATFORM: Platform = Object.freeze({});
