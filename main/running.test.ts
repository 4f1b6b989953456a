import { describe, expect, it } from 'vitest';
import { Running } from './running';

describe('running work by id', () => {
  it('refuses a second start under a running id with the German message, and frees the id when the work ends, also by an error', async () => {
    const running = new Running();
    let release!: () => void;
    const first = running.run('frage-1', 'Diese Frage wird bereits beantwortet.', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(running.run('frage-1', 'Diese Frage wird bereits beantwortet.', async () => 'zweite')).rejects.toMatchObject({
      code: 'invalid_argument',
      userMessage: 'Diese Frage wird bereits beantwortet.',
    });
    release();
    await first;
    await expect(running.run('frage-1', 'x', async () => { throw new Error('kaputt'); })).rejects.toThrow('kaputt');
    expect(await running.run('frage-1', 'x', async () => 'wieder frei')).toBe('wieder frei');
  });

  it('cancels one piece of work or all of them, and says whether there was one', () => {
    const running = new Running();
    const a = running.begin('a', 'busy');
    const b = running.begin('b', 'busy');
    expect(running.cancel('a')).toBe(true);
    expect([a.aborted, b.aborted]).toEqual([true, false]);
    expect(running.cancel('unbekannt')).toBe(false);
    running.cancelAll();
    expect(b.aborted).toBe(true);
    running.end('a');
    expect(running.cancel('a')).toBe(false);
  });
});
