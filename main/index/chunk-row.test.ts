import { describe, expect, it } from 'vitest';
import { headingPathOf, ownStoredHeading } from './chunk-row';

describe('stored heading paths', () => {
  it.each(['', '§ 5 Steuersatz', 'Hundesteuersatzung › § 5 Steuersatz', 'Satzung › Abschnitt 2 › § 8 Ruhezeit'])('%j: the own heading is the last of its path', (stored) => {
    expect(ownStoredHeading(stored)).toBe(headingPathOf(stored).at(-1) ?? '');
  });

  it('gives a heading without a parent whole (not its last character)', () => {
    expect(ownStoredHeading('§ 5 Steuersatz')).toBe('§ 5 Steuersatz');
    expect(headingPathOf('Satzung › § 1 Geltungsbereich')).toEqual(['Satzung', '§ 1 Geltungsbereich']);
  });
});
