import { OLLAMA_DEFAULT_HOST } from '../contract';

const DEFAULT_PORT = '11434';

/**
 * Turns an OLLAMA_HOST value into a URL the way the Ollama CLI reads it:
 * "0.0.0.0", "gpu-server:11434" and ":11434" are all valid there. A bind-all
 * address is a server setting; as a client we talk to the loopback instead.
 * Returns null for a value that cannot be a host.
 */
export function normaliseOllamaHost(raw: string): string | null {
  let value = raw.trim();
  if (value === '') return null;
  if (value.startsWith(':')) value = `127.0.0.1${value}`;
  const explicitScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  try {
    const url = new URL(explicitScheme ? value : `http://${value}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.port && !explicitScheme) url.port = DEFAULT_PORT;
    if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
    if (url.hostname === '[::]') url.hostname = '[::1]';
    return url.toString().replace(/\/$/, '');
  } catch {
    return null;
  }
}

export interface ResolvedHost {
  host: string;
  source: 'settings' | 'environment' | 'default';
}

/** A host saved in Einstellungen wins, then OLLAMA_HOST, then the default. */
export function resolveOllamaHost(saved: string, env: Record<string, string | undefined>): ResolvedHost {
  const fromSettings = normaliseOllamaHost(saved);
  if (fromSettings) return { host: fromSettings, source: 'settings' };
  const fromEnv = normaliseOllamaHost(env.OLLAMA_HOST ?? '');
  if (fromEnv) return { host: fromEnv, source: 'environment' };
  return { host: OLLAMA_DEFAULT_HOST, source: 'default' };
}
