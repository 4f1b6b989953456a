import type { Session, WebContents } from 'electron';
import { APP_ORIGIN, isAppUrl } from './asset-path';
import type { RequestDecision } from './request-policy';
import { SPELLCHECK } from './window-options';

/** Sent with every renderer file; the same policy as the meta tag in index.html. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where the spellchecker would fetch its dictionaries: our own origin, never Google's servers. */
export const DICTIONARY_URL = `${APP_ORIGIN}/woerterbuecher/`;

export interface SessionGuard {
  /** The decision for one request (see request-policy.ts); read on every request, so a settings change applies at once. */
  decide: (url: string) => RequestDecision;
  /** Called for every request that was cancelled. */
  onBlocked: (url: string, reason: string, resourceType: string) => void;
}

/** The part of a Session this module configures; a fake in the tests. */
export type SessionLike = {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
} & Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setSpellCheckerEnabled' | 'setSpellCheckerDictionaryDownloadURL'>;

/**
 * The renderer's session: every request that is not one of the app's own
 * files or the configured Ollama host is cancelled and logged, and no
 * permission (camera, notifications…) is granted. The spellchecker is off
 * (it would download its dictionaries from Google); should it ever be
 * switched on, it looks for them under our own origin. The core's fetch to
 * Ollama runs in Node, outside this session.
 */
export function hardenSession(session: SessionLike, guard: SessionGuard): void {
  session.setSpellCheckerEnabled(SPELLCHECK);
  session.setSpellCheckerDictionaryDownloadURL(DICTIONARY_URL);
  session.webRequest.onBeforeRequest((details, callback) => {
    const decision = guard.decide(details.url);
    if (!decision.allow) guard.onBlocked(details.url, decision.reason, details.resourceType);
    callback({ cancel: !decision.allow });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** No navigation away, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
