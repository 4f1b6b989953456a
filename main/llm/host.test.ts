import { describe, expect, it } from 'vitest';
import { normaliseOllamaHost, resolveOllamaHost } from './host';

describe('normaliseOllamaHost', () => {
  it.each([
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    [':8080', 'http://127.0.0.1:8080'],
    ['gpu-server', 'http://gpu-server:11434'],
    ['gpu-server:9000', 'http://gpu-server:9000'],
    ['http://gpu-server', 'http://gpu-server'],
    ['https://ki.stadt.intern/ollama/', 'https://ki.stadt.intern/ollama'],
    ['  http://127.0.0.1:11434  ', 'http://127.0.0.1:11434'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseOllamaHost(input)).toBe(expected);
  });

  it.each(['', '   ', 'ftp://server', 'http://'])('rejects %j', (input) => {
    expect(normaliseOllamaHost(input)).toBeNull();
  });
});

describe('resolveOllamaHost', () => {
  it('prefers the saved host, then OLLAMA_HOST, then the default', () => {
    expect(resolveOllamaHost('http://a:1', { OLLAMA_HOST: 'b:2' })).toEqual({ host: 'http://a:1', source: 'settings' });
    expect(resolveOllamaHost('', { OLLAMA_HOST: 'b:2' })).toEqual({ host: 'http://b:2', source: 'environment' });
    expect(resolveOllamaHost('', {})).toEqual({ host: 'http://127.0.0.1:11434', source: 'default' });
    expect(resolveOllamaHost('', { OLLAMA_HOST: 'ftp://x' })).toEqual({ host: 'http://127.0.0.1:11434', source: 'default' });
  });
});
