import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { Analyzer } from '../analysis/analyze';
import { TermFrequencies } from './term-frequency';
import { Vocabulary } from '../analysis/vocabulary';
import { vocabularyStore } from '../index/vocabulary-store';

describe('term frequencies for choosing query terms', () => {
  const db = new Database(':memory:');
  migrate(db, migrations);
  afterEach(() => db.exec('DELETE FROM vocabulary'));

  const setUp = () => {
    const vocabulary = new Vocabulary(vocabularyStore(db));
    const analyzer = new Analyzer(vocabulary);
    const add = (text: string) => analyzer.count(vocabulary, [analyzer.contentWords(text)], 1);
    return { vocabulary, analyzer, add, frequencies: new TermFrequencies(vocabulary, (w) => analyzer.peekTerms(w)) };
  };

  it('counts a word under its compound parts as well as its own stem', () => {
    const { vocabulary, add, frequencies } = setUp();
    add('Antrag Antrag Steller Steller Antragsteller Antragsteller Antragsteller');
    vocabulary.flush();
    // "antrag" alone: 2; inside "antragsteller": 3 more.
    expect(frequencies.of('antrag')).toBe(5);
    expect(frequencies.of('antragstell')).toBe(3);
    expect(frequencies.of('unbekannt')).toBe(0);
  });

  it("does not fill the analyzer's word cache with the whole vocabulary", () => {
    const { vocabulary, analyzer, add, frequencies } = setUp();
    add('Hunde Hunde Steuer Steuer');
    vocabulary.flush();
    const fresh = new Analyzer(vocabulary);
    const counting = new TermFrequencies(vocabulary, (w) => fresh.peekTerms(w));
    expect(counting.of('hund')).toBe(2);
    expect(fresh['infos'].size).toBe(0);
    // A word the analyzer has met keeps the terms it was indexed with.
    const indexed = analyzer.termsOf('hunde');
    expect(analyzer.peekTerms('hunde')).toBe(indexed);
    expect(frequencies.of('steu')).toBe(2);
  });

  it('is rebuilt after the vocabulary is flushed, not while an indexing job is still counting', () => {
    const { vocabulary, add, frequencies } = setUp();
    add('Hund Hund');
    vocabulary.flush();
    expect(frequencies.of('hund')).toBe(2);
    add('Hund');
    expect(frequencies.of('hund')).toBe(2);
    vocabulary.flush();
    expect(frequencies.of('hund')).toBe(3);
  });

  it('builds in the background after prepare(), so that the first search finds it ready', async () => {
    const { vocabulary, add, frequencies } = setUp();
    add('Widerspruch Widerspruch Frist Frist Widerspruchsfrist');
    vocabulary.flush();
    const counted = vocabulary.counted.bind(vocabulary);
    let snapshots = 0;
    vocabulary.counted = () => {
      snapshots++;
      return counted();
    };
    frequencies.prepare();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(snapshots).toBe(1);
    expect(frequencies.of('frist')).toBe(3);
    expect(snapshots).toBe(1);
  });
});
