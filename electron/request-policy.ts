import { fileURLToPath } from 'node:url';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './asset-path';

/**
 * Which requests the renderer's session lets through. Nothing the window
 * loads may leave the administration's network: only the app's own files
 * and the Ollama host the core is configured for.
 */
export interface RequestPolicy {
  /** The origin (scheme, host, port) of the Ollama host the core uses; null when there is none. */
  ollamaOrigin: string | null;
  /** The renderer build: a file: URL inside it is one of the app's own files. */
  rendererDir: string;
  /** Development builds: DevTools' own frontend (devtools://) may load. */
  devTools: boolean;
}

export type RequestDecision = { allow: true; reason: string } | { allow: false; reason: string };

const allow = (reason: string): RequestDecision => ({ allow: true, reason });
const block = (reason: string): RequestDecision => ({ allow: false, reason });

/** "http://ollama.amt.local:11434" for "http://ollama.amt.local:11434/proxy/", null for anything but http(s). */
export function originOf(host: string | null | undefined): string | null {
  if (!host) return null;
  try {
    const url = new URL(host);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

const inside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
};

/** The decision for one request URL; every URL that is not explicitly the app's own is refused. */
export function decideRequest(rawUrl: string, policy: RequestPolicy): RequestDecision {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return block('not a URL');
  }
  switch (url.protocol) {
    case `${APP_SCHEME}:`:
      return url.host === APP_HOST ? allow('app') : block(`foreign ${APP_SCHEME}: host`);
    case 'data:':
      // Inline data (the CSP's img-src data:) goes nowhere.
      return allow('inline data');
    case 'blob:': {
      // blob:app://stadtschreiber/<uuid>: an object the page made itself.
      const inner = rawUrl.slice('blob:'.length);
      return inner.startsWith(`${APP_SCHEME}://${APP_HOST}/`) ? allow('own blob') : block('foreign blob');
    }
    case 'file:': {
      if (url.host !== '' && url.host !== 'localhost') return block('file: on another machine');
      let path: string;
      try {
        path = fileURLToPath(url);
      } catch {
        return block('file: URL that names no local path');
      }
      return inside(resolve(path), resolve(policy.rendererDir)) ? allow('renderer file') : block('file: outside the renderer build');
    }
    case 'devtools:':
      return policy.devTools ? allow('devtools') : block('devtools in a packaged build');
    case 'http:':
    case 'https:':
      return policy.ollamaOrigin !== null && url.origin === policy.ollamaOrigin ? allow('ollama') : block('host outside the allow list');
    default:
      return block(`scheme ${url.protocol}`);
  }
}

/** What the log keeps of a blocked URL: no query or fragment (they may carry data), at most 200 characters. */
export function loggableUrl(rawUrl: string): string {
  try {
    const url = new URL(rawUrl);
    if (url.protocol === 'data:') return 'data:…';
    return `${url.protocol}//${url.host}${url.pathname}`.slice(0, 200);
  } catch {
    return rawUrl.slice(0, 200);
  }
}
