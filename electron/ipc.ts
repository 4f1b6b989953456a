import type { IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, calls, channelOf, type Result } from '../main/contract';
import type { Core } from '../main/core';
import { dispatch } from '../main/dispatch';
import { isAppUrl } from './asset-path';
import { FolderGate, type Admission } from './folder-gate';

/** The part of ipcMain this module needs; a fake in the tests. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** Only our own top-level renderer may call the core; an iframe or a stray page may not. */
export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

export const UNTRUSTED_SENDER: Result<never> = {
  ok: false,
  error: { code: 'invalid_argument', message: 'Anfrage von unbekannter Quelle abgewiesen.' },
};

/** The clerk pressed "Abbrechen" in the confirmation. */
export const FOLDER_DECLINED: Result<never> = {
  ok: false,
  error: { code: 'cancelled', message: 'Der Ordner wurde nicht hinzugefügt.' },
};

/** The path was neither chosen in the folder dialog nor confirmed. */
export const FOLDER_REFUSED: Result<never> = {
  ok: false,
  error: { code: 'invalid_argument', message: 'Der Ordner wurde nicht hinzugefügt: Bitte wählen Sie ihn über „Durchsuchen …“ aus.' },
};

const REFUSALS: Record<Exclude<Admission, 'admitted'>, Result<never>> = { declined: FOLDER_DECLINED, refused: FOLDER_REFUSED };

export interface IpcOptions {
  /** Which senders may call the core (default: the top frame of app://stadtschreiber). */
  trusted?: (event: SenderEvent) => boolean;
  /** Which folders addFolder may add (default: only those chosen in the folder dialog). */
  folders?: FolderGate;
}

/**
 * Registers one handler per contract call. Each checks the sender, validates
 * the argument against the contract's schema (in dispatch) and always
 * answers `{ ok, value }` or `{ ok: false, error }`, never a raw exception.
 * addFolder first passes the folder gate, before the core touches the path;
 * what chooseFolder's dialog returned is remembered there.
 * Returns a function that removes the handlers again.
 */
export function registerIpc(ipcMain: IpcMainLike, core: Core, options: IpcOptions = {}): () => void {
  const trusted = options.trusted ?? isTrustedSender;
  const folders = options.folders ?? new FolderGate();
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), async (event, arg) => {
      if (!trusted(event)) {
        core.log.warn('ipc call from untrusted sender dropped', { name, url: event.senderFrame?.url });
        return UNTRUSTED_SENDER;
      }
      if (name === 'addFolder') {
        // An invalid argument goes on to dispatch, which explains it without touching any path.
        const parsed = calls.addFolder.arg.safeParse(arg);
        if (parsed.success) {
          const admission = await folders.admit(parsed.data.path);
          if (admission !== 'admitted') {
            core.log.warn('addFolder over ipc not admitted', { admission, path: parsed.data.path });
            return REFUSALS[admission];
          }
        }
      }
      const result = await dispatch(core, name, arg);
      if (name === 'chooseFolder' && result.ok) folders.chosen((result.value as { path: string | null }).path);
      return result;
    });
  }
  return () => CALL_NAMES.forEach((name) => ipcMain.removeHandler(channelOf(name)));
}
