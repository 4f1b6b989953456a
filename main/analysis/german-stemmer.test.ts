import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { germanStem } from './german-stemmer';
import { tokenize } from './normalise';

const reference = snowball.newStemmer('german');
const LAWS = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'laws');

describe('germanStem', () => {
  it('agrees with the reference Snowball implementation on every word of the laws corpus', () => {
    const words = new Set<string>();
    for (const file of readdirSync(LAWS).filter((f) => f.endsWith('.md'))) {
      for (const t of tokenize(readFileSync(join(LAWS, file), 'utf8'))) words.add(t.word);
    }
    expect(words.size).toBeGreaterThan(20_000);
    const differing = [...words].filter((w) => germanStem(w) !== reference.stem(w));
    expect(differing).toEqual([]);
  });

  it.each(['häuser', 'straße', 'bauen', 'feuer', 'bayern', 'kenntnisse', 'ergebnissen', 'ordnungsgemäß', 'möglichkeiten', 'beteiligten', 'anordnung', 'erst', 'ein', 'y', ''])(
    'agrees on %j, with umlauts and ß not folded',
    (word) => {
      expect(germanStem(word)).toBe(reference.stem(word));
    },
  );
});
