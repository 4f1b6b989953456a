import type { Api } from '../main/contract';

declare global {
  interface Window {
    /** The bridge to the core: the preload script in Electron, a binding in the browser tests. */
    api: Api;
  }
}
