import type { IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, channelOf, type Result } from '../main/contract';
import type { Core } from '../main/core';
import { dispatch } from '../main/dispatch';
import { isAppUrl } from './asset-path';

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

/**
 * Registers one handler per contract call. Each checks the sender, validates
 * the argument against the contract's schema (in dispatch) and always
 * answers `{ ok, value }` or `{ ok: false, error }`, never a raw exception.
 * Returns a function that removes the handlers again.
 */
export function registerIpc(ipcMain: IpcMainLike, core: Core, trusted: (event: SenderEvent) => boolean = isTrustedSender): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), async (event, arg) => {
      if (!trusted(event)) {
        core.log.warn('ipc call from untrusted sender dropped', { name, url: event.senderFrame?.url });
        return UNTRUSTED_SENDER;
      }
      return dispatch(core, name, arg);
    });
  }
  return () => CALL_NAMES.forEach((name) => ipcMain.removeHandler(channelOf(name)));
}
