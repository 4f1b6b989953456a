import { CALL_NAMES, EVENT_NAMES, channelOf, type Api, type EventName } from '../main/contract';

export type Invoke = (channel: string, arg: unknown) => Promise<unknown>;
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.api` from the contract: one method per call, and `on` for
 * events. The preload script gives it ipcRenderer; nothing else is exposed.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe): Api {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = (arg: unknown) => invoke(channelOf(name), arg);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
    return subscribe(channelOf(event), listener);
  };
  return Object.freeze(api) as unknown as Api;
}
