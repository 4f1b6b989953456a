/* What the interface sees: the channels, and `window.api`. */
import type { CallName, CallResult, Method } from './calls';
import type { EventName, Events } from './events';
import type { Result } from './result';

/** The IPC channel of a call or event: derived here, never spelled elsewhere. */
export const channelOf = (name: CallName | EventName): string => `stadtschreiber:${name}`;

/** What the renderer sees as `window.api`. */
export type Api = { [K in CallName]: Method<K, Result<CallResult<K>>> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};
