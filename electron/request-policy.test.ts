import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideRequest, loggableUrl, originOf, type RequestPolicy } from './request-policy';

const rendererDir = resolve('/opt/stadtschreiber/resources/app.asar/dist/renderer');
const packaged: RequestPolicy = { ollamaOrigin: 'http://ollama.amt.local:11434', rendererDir, devTools: false };
const development: RequestPolicy = { ...packaged, devTools: true };
const fileUrl = (...parts: string[]) => pathToFileURL(join(...parts)).href;

describe('decideRequest', () => {
  it.each([
    ['the app entry', 'app://stadtschreiber/index.html'],
    ['an app asset', 'app://stadtschreiber/assets/index-abc.js'],
    ['the configured Ollama host', 'http://ollama.amt.local:11434/api/tags'],
    ['inline data', 'data:image/png;base64,iVBORw0KGgo='],
    ['an object URL the page made', 'blob:app://stadtschreiber/6f1c2b1e-0000-4000-8000-000000000000'],
    ['a file of the renderer build', fileUrl(rendererDir, 'assets', 'index.css')],
  ])('allows %s', (_name, url) => {
    expect(decideRequest(url, packaged)).toMatchObject({ allow: true });
  });

  it.each([
    ['the spellchecker’s dictionary download', 'https://redirector.gvt1.com/edgedl/chrome/dict/de-de-3-0.bdic'],
    ['Google’s update service', 'https://update.googleapis.com/service/update2/json'],
    ['any other host', 'https://example.org/'],
    ['plain http elsewhere', 'http://intranet.amt.local/'],
    ['the Ollama host on another port', 'http://ollama.amt.local:11435/api/tags'],
    ['the Ollama host over https when http is configured', 'https://ollama.amt.local:11434/api/tags'],
    ['a look-alike Ollama host', 'http://ollama.amt.local.evil.example:11434/'],
    ['Ollama’s name as user info', 'http://ollama.amt.local:11434@evil.example/'],
    ['another app: host', 'app://evil/index.html'],
    ['a foreign object URL', 'blob:https://example.org/6f1c2b1e'],
    ['a file outside the app', 'file:///etc/passwd'],
    ['a file beside the renderer build', fileUrl(rendererDir, '..', 'electron', 'main.cjs')],
    ['a traversal out of the build', `${pathToFileURL(rendererDir).href}/..%2F..%2Fsecret.txt`],
    ['a file on another machine', 'file://server/share/akte.pdf'],
    ['devtools in a packaged build', 'devtools://devtools/bundled/inspector.html'],
    ['websockets', 'ws://ollama.amt.local:11434/'],
    ['ftp', 'ftp://ftp.example.org/'],
    ['chrome pages', 'chrome://settings'],
    ['garbage', 'not a url'],
  ])('blocks %s', (_name, url) => {
    expect(decideRequest(url, packaged)).toMatchObject({ allow: false, reason: expect.any(String) });
  });

  it('lets DevTools load only in a development build', () => {
    expect(decideRequest('devtools://devtools/bundled/inspector.html', development)).toMatchObject({ allow: true });
    expect(decideRequest('devtools://devtools/bundled/inspector.html', packaged)).toMatchObject({ allow: false });
  });

  it('blocks every http(s) request when no Ollama host is known', () => {
    expect(decideRequest('http://ollama.amt.local:11434/api/tags', { ...packaged, ollamaOrigin: null })).toMatchObject({ allow: false });
    expect(decideRequest('http://127.0.0.1:11434/api/tags', { ...packaged, ollamaOrigin: null })).toMatchObject({ allow: false });
  });

  it('follows a changed Ollama host', () => {
    const policy = { ...packaged };
    policy.ollamaOrigin = originOf('http://10.1.2.3:8080/ollama/');
    expect(decideRequest('http://10.1.2.3:8080/ollama/api/tags', policy)).toMatchObject({ allow: true });
    expect(decideRequest('http://ollama.amt.local:11434/api/tags', policy)).toMatchObject({ allow: false });
  });
});

describe('originOf', () => {
  it('keeps scheme, host and port of an http(s) host, nothing else', () => {
    expect(originOf('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434');
    expect(originOf('https://ki.amt.local/ollama/')).toBe('https://ki.amt.local');
    expect(originOf('HTTP://Ollama.Amt.Local:80/')).toBe('http://ollama.amt.local');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('')).toBeNull();
    expect(originOf('kaputt')).toBeNull();
  });
});

describe('loggableUrl', () => {
  it('keeps where a request went but no query, fragment or inline data', () => {
    expect(loggableUrl('https://redirector.gvt1.com/edgedl/chrome/dict/de-de-3-0.bdic?token=geheim#x')).toBe('https://redirector.gvt1.com/edgedl/chrome/dict/de-de-3-0.bdic');
    expect(loggableUrl('data:text/plain,Aktenzeichen')).toBe('data:…');
    expect(loggableUrl(`https://example.org/${'a'.repeat(500)}`)).toHaveLength(200);
  });
});
