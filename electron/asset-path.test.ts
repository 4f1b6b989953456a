import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, isAppUrl, resolveAsset } from './asset-path';

const root = resolve('/opt/stadtschreiber/renderer');

describe('resolveAsset', () => {
  it.each([
    ['app://stadtschreiber/', join(root, 'index.html')],
    ['app://stadtschreiber/index.html', join(root, 'index.html')],
    ['app://stadtschreiber/assets/index-abc.js', join(root, 'assets', 'index-abc.js')],
    ['app://stadtschreiber/assets/Gr%C3%BC%C3%9Fe.css', join(root, 'assets', 'Grüße.css')],
  ])('serves %s', (url, expected) => {
    expect(resolveAsset(root, url)).toBe(expected);
  });

  it.each([
    'app://stadtschreiber/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://stadtschreiber/%00index.html',
    'app://stadtschreiber/%E0%A4%A',
    'app://other-host/index.html',
    'file:///etc/passwd',
    'https://example.org/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAsset(root, url)).toBeNull();
  });
});

describe('dot segments', () => {
  it.each(['app://stadtschreiber/../../etc/passwd', 'app://stadtschreiber/%2e%2e/%2e%2e/etc/passwd'])(
    'in %s are resolved by the URL parser and stay inside the build',
    (url) => {
      expect(resolveAsset(root, url)).toBe(join(root, 'etc', 'passwd'));
    },
  );
});

describe('isAppUrl', () => {
  it('accepts only our origin', () => {
    expect(isAppUrl('app://stadtschreiber/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://stadtschreiber/')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('contentTypeOf', () => {
  it('knows the renderer build’s file types', () => {
    expect(contentTypeOf('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('/x/a.bin')).toBe('application/octet-stream');
  });
});
