import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { Analyzer } from './analyze';
import { splitCompound } from './decompound';
import { fold, nfc, tokenize, words } from './normalise';
import { STOPWORDS } from './stopwords';
import { Vocabulary } from './vocabulary';
import { vocabularyStore } from '../index/vocabulary-store';

const vocab = (entries: Record<string, number>) => ({ freq: (w: string) => entries[w] ?? 0 });

describe('normalisation', () => {
  it('folds case, ß and umlauts, and applies NFKC', () => {
    expect(fold('Straße')).toBe('strasse');
    expect(fold('ÄNDERUNGSBESCHEID')).toBe('anderungsbescheid');
    expect(fold('Ｍüller')).toBe('muller'); // full-width M (NFKC)
    expect(fold('e\u0301')).toBe('e');
  });

  it('folds words of Latin letters one letter at a time exactly as the full normalisation does', () => {
    // The full normalisation, as the fold of any other word runs it.
    const full = (w: string) => w.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
    const latin = Array.from({ length: 0x250 - 0x41 }, (_, i) => String.fromCharCode(0x41 + i));
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const samples = ['Übergangsgebühr', 'Maßnahme', 'Ĳsselmeer', 'Œuvre', 'ﬁnanz', 'Øre¼', 'İstanbul', 'ǅemal'];
    for (let n = 0; n < 20_000; n++) samples.push(Array.from({ length: 1 + (n % 8) }, () => latin[next() % latin.length]).join(''));
    expect(samples.filter((w) => fold(w) !== full(w))).toEqual([]);
  });

  it('splits on hyphens, slashes and punctuation and keeps offsets into the text', () => {
    const tokens = tokenize('Melde-Register, § 27/Abs. 1');
    expect(tokens.map((t) => t.word)).toEqual(['melde', 'register', '27', 'abs', '1']);
    expect('Melde-Register, § 27/Abs. 1'.slice(tokens[1]!.start, tokens[1]!.end)).toBe('Register');
  });
});

describe('splitCompound', () => {
  const v = vocab({ bau: 40, genehmigung: 30, verfahren: 50, hund: 5, hunde: 8, steuer: 20, personal: 6, ausweis: 90, staat: 10, angehorigkeit: 12, ordnung: 9, widrigkeit: 3 });

  it.each([
    ['baugenehmigungsverfahren', ['bau', 'genehmigung', 'verfahren']],
    ['hundesteuer', ['hunde', 'steuer']],
    ['personalausweis', ['personal', 'ausweis']],
    ['staatsangehorigkeit', ['staat', 'angehorigkeit']],
    ['ordnungswidrigkeit', ['ordnung', 'widrigkeit']],
  ])('%s → %j', (word, parts) => {
    expect(splitCompound(word, v)).toEqual(parts);
  });

  it('leaves words alone that are not made of known words', () => {
    expect(splitCompound('beteiligter', v)).toEqual([]);
    expect(splitCompound('unverzuglich', v)).toEqual([]);
    expect(splitCompound('steuer', v)).toEqual([]); // too short to be a compound
  });

  it('ignores parts that are rare or stopwords', () => {
    expect(splitCompound('hundesteuer', vocab({ hunde: 1, steuer: 20 }))).toEqual([]);
    expect(splitCompound('ausnahmen', vocab({ aus: 100, nahmen: 5 }))).toEqual([]);
  });
});

describe('Analyzer', () => {
  const analyzer = new Analyzer(vocab({ hund: 5, hunde: 8, steuer: 20, bau: 40, genehmigung: 30, verfahren: 50 }));
  const terms = (text: string) => new Set(analyzer.analyze(text).flatMap((t) => t.terms));

  it('lets "Hundesteuer" and "Steuer für Hunde" meet', () => {
    const compound = terms('Hundesteuer');
    const phrase = terms('Steuer für Hunde');
    expect([...phrase].every((t) => compound.has(t))).toBe(true);
  });

  it('lets "Genehmigung" find "Baugenehmigungsverfahren"', () => {
    const doc = terms('Das Baugenehmigungsverfahren dauert.');
    for (const t of terms('Genehmigungen')) expect(doc.has(t)).toBe(true);
  });

  it('drops stopwords and stems inflections', () => {
    expect(analyzer.analyze('Muss ich den Verlust meines Ausweises melden?').map((t) => t.terms[0])).toEqual(['verlust', 'ausweis', 'meld']);
  });
});

describe('counting a document into the vocabulary', () => {
  it('counts folded content words and numbers, not stopwords, and takes them out again', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const vocabulary = new Vocabulary(vocabularyStore(db));
    const analyzer = new Analyzer(vocabulary);
    const lists = [analyzer.contentWords('Die Steuer, die Steuer und 2021 Hunde'), analyzer.contentWords('Hunde')];
    analyzer.count(vocabulary, lists, 1);
    expect(['steuer', '2021', 'hunde', 'die', 'und'].map((w) => vocabulary.freq(w))).toEqual([2, 1, 2, 0, 0]);
    expect(vocabulary.size).toBe(3);
    analyzer.count(vocabulary, lists, -1);
    expect(vocabulary.size).toBe(0);
    vocabulary.flush();
    expect(db.prepare('SELECT words FROM vocabulary').get()).toEqual({ words: '' });
    db.close();
  });

  it('finds the compounds that contain a word, most frequent first, as the words come and go', () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const vocabulary = new Vocabulary(vocabularyStore(db));
    const add = (word: string, n: number) => vocabulary.add(vocabulary.entry(word), n);
    add('genehmigung', 1);
    add('baugenehmigungsverfahren', 3);
    add('genehmigungen', 5);
    add('ausnahmegenehmigung', 7);
    add('genehmigungsgenehmigung', 2);
    expect(vocabulary.compoundsContaining('genehmigung', 5)).toEqual(['ausnahmegenehmigung', 'baugenehmigungsverfahren', 'genehmigungsgenehmigung']);
    // Words that come, and words whose count falls to 0, after the first search.
    add('gaststattengenehmigung', 9);
    add('ausnahmegenehmigung', -7);
    expect(vocabulary.compoundsContaining('genehmigung', 2)).toEqual(['gaststattengenehmigung', 'baugenehmigungsverfahren']);
    expect(vocabulary.compoundsContaining('neh', 5)).toEqual([]);
    db.close();
  });

  it("splits compounds the same with the vocabulary's hash filter as without it", () => {
    const db = new Database(':memory:');
    migrate(db, migrations);
    const vocabulary = new Vocabulary(vocabularyStore(db));
    const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'laws');
    const counts = new Map<string, number>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      for (const word of words(readFileSync(join(dir, file), 'utf8'))) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    for (const [word, n] of counts) vocabulary.add(vocabulary.entry(word), n);
    const plain = { freq: (w: string) => vocabulary.freq(w) };
    const long = [...counts.keys()].filter((w) => w.length >= 8);
    expect(long.length).toBeGreaterThan(10_000);
    expect(long.filter((w) => splitCompound(w, vocabulary).join() !== splitCompound(w, plain).join())).toEqual([]);
    expect(long.filter((w) => splitCompound(w, vocabulary).length > 0).length).toBeGreaterThan(1000);
    db.close();
  });
});

describe('Analyzer refresh rounds', () => {
  it('tell which words split differently after the vocabulary grew', () => {
    const counts: Record<string, number> = { steuer: 20 };
    const analyzer = new Analyzer({ freq: (w) => counts[w] ?? 0 });
    expect(analyzer.termsOf('hundesteuer')).toEqual(['hundesteu']);
    analyzer.termsOf('steuer');
    counts.hunde = 8; // a later document taught the index "Hunde"
    const round = analyzer.beginRefresh();
    const changed = (word: string) => analyzer.anyChanged(analyzer.contentWords(word), round);
    expect(changed('hundesteuer')).toBe(true);
    expect(changed('steuer')).toBe(false);
    expect(analyzer.termsOf('hundesteuer')).toEqual(['hundesteu', 'hund', 'steu']);
  });
});

describe('Analyzer.contentWords (the indexing path)', () => {
  it('finds the same words as the plain tokenizer on every law of the corpus and on many distinct words (hash collisions, table growth, non-ASCII, NFD input)', () => {
    const analyzer = new Analyzer({ freq: () => 0 });
    const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'laws');
    let total = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const input of [text, text.slice(0, 20_000).normalize('NFD')]) {
        const expected = words(input).filter((w) => !STOPWORDS.has(w));
        expect(analyzer.contentWords(input).map((info) => info.word)).toEqual(expected);
        total += expected.length;
      }
    }
    expect(total).toBeGreaterThan(300_000);
    // More distinct words than the table's first size: it grows and still finds every word, old and new.
    const many = Array.from({ length: 100_000 }, (_, i) => `wort${i.toString(36)}`).join(' ');
    expect(analyzer.contentWords(many).map((info) => info.word)).toEqual(words(many));
    expect(analyzer.contentWords(many).map((info) => info.word)).toEqual(words(many));
  });

  it('gives the same FTS text as analysing word by word', () => {
    const analyzer = new Analyzer(vocab({ hund: 5, hunde: 8, steuer: 20, bau: 40, genehmigung: 30, verfahren: 50 }));
    const text = 'Die Hundesteuer und das Baugenehmigungsverfahren (§ 3 Abs. 2).';
    expect(analyzer.indexText(text)).toBe(analyzer.analyze(text).map((t) => t.terms.join(' ')).join(' '));
  });
});

describe('memory', () => {
  /** Heap growth after analysing 40 texts of 200 KB built at run time (as a text read from a file is), each with one new long word. */
  const retained = (analyse: (text: string) => unknown, word: (i: number) => string) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    // The rest of each text is punctuation: no further words to learn.
    for (let i = 0; i < 40; i++) analyse(`${word(i)}${' .'.repeat(100_000)}`);
    gc();
    return process.memoryUsage().heapUsed - before;
  };

  // V8 keeps a substring of 13 characters or more as a view into its text: kept alive, the 40 texts would be 8 MB.
  it('keeps no analysed text alive through the words the analyzer learned', () => {
    const analyzer = new Analyzer({ freq: () => 0 });
    expect(retained((text) => analyzer.contentWords(text), (i) => `verwaltungsvorgangsnummer${i}`)).toBeLessThan(2_000_000);
    expect(analyzer.termsOf('verwaltungsvorgangsnummer1')).toHaveLength(1);
  });

  it('keeps no text alive through the spellings the fold cache keeps', () => {
    expect(retained((text) => tokenize(text), (i) => `Übergangsbestimmungszeitraum${i}`)).toBeLessThan(2_000_000);
  });
});

describe('nfc', () => {
  it('returns text below U+0300 unchanged and normalises the rest', () => {
    for (let code = 0; code < 0x300; code++) expect(nfc(String.fromCharCode(code, 0x61))).toBe(String.fromCharCode(code, 0x61).normalize('NFC'));
    expect(nfc('Stra\u0308sse')).toBe('Strässe');
  });

  it('leaves punctuation and currency signs above U+0300 as NFC does, without normalising the text', () => {
    for (const [from, to] of [[0x2010, 0x206f], [0x20a0, 0x20cf]] as const) {
      for (let code = from; code <= to; code++) {
        const text = `a${String.fromCharCode(code)}e\u0301`;
        expect(nfc(text)).toBe(text.normalize('NFC'));
        const plain = `„Straße“ – 5 ${String.fromCharCode(code)} Gebühr`;
        expect(nfc(plain)).toBe(plain);
      }
    }
  });
});
