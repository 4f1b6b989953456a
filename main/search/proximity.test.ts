import { describe, expect, it } from 'vitest';
import { closestShare } from './proximity';

const text = (words: string) => words.split(' ').map((w) => [w]);
const GROUPS = [['verlust'], ['ausweis', 'personalausweis'], ['anzeig']];

describe('closestShare', () => {
  it('is 1 when all the query words stand within the window', () => {
    expect(closestShare(text('den verlust des ausweis sofort anzeig'), GROUPS, [1, 1, 1], 12)).toBe(1);
  });

  it('counts only the words within one window when they stand far apart', () => {
    const far = text(['verlust', ...Array(20).fill('x'), 'ausweis', 'anzeig'].join(' '));
    expect(closestShare(far, GROUPS, [1, 1, 1], 12)).toBeCloseTo(2 / 3, 5);
    expect(closestShare(far, GROUPS, [4, 1, 1], 12)).toBeCloseTo(4 / 6, 5);
  });

  it('takes any term of a word (a compound part, a synonym) and is 0 without any', () => {
    expect(closestShare([['personalausweis', 'ausweis'], ['verlust']], GROUPS, [1, 1, 1], 12)).toBeCloseTo(2 / 3, 5);
    expect(closestShare(text('nichts davon hier'), GROUPS, [1, 1, 1], 12)).toBe(0);
    expect(closestShare(text('verlust'), GROUPS, [0, 0, 0], 12)).toBe(0);
  });
});
