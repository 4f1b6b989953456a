import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, contentTypeOf, resolveAsset } from './asset-path';
import { CONTENT_SECURITY_POLICY } from './security';

/** Must run before app 'ready': app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the renderer build under app://stadtschreiber/, nothing outside it.
 * Files are read directly (not through net.fetch) so that the session's
 * request filter never has to allow file:// URLs.
 */
export function serveRenderer(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAsset(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
