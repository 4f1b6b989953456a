import { splitCompound } from './decompound';
import { tokenize, words, type Token } from './normalise';
import { stem } from './stem';
import { STOPWORDS } from './stopwords';
import type { WordFrequencies } from './vocabulary';

export interface AnalyzedToken extends Token {
  /** The word's stem and the stems of its compound parts: the terms it is indexed and matched under. */
  terms: string[];
}

/**
 * The one analysis for index and query: tokens without stopwords, each with
 * its stem and, for compounds of words the index knows, its parts' stems.
 * Splitting results are memoised per vocabulary state by the caller's cache.
 */
export class Analyzer {
  private splits = new Map<string, string[]>();
  private joined = new Map<string, string>();

  constructor(private readonly vocab: WordFrequencies) {}

  /**
   * A refresh after the vocabulary grew: `changed(word)` recomputes the
   * word's terms once and says whether they differ from what was indexed.
   */
  refresher(): (word: string) => boolean {
    const decided = new Map<string, boolean>();
    return (word) => {
      let changed = decided.get(word);
      if (changed === undefined) {
        const old = this.splits.get(word);
        this.splits.delete(word);
        const now = this.termsOf(word);
        changed = old !== undefined && (now.length !== old.length || now.some((t, i) => t !== old[i]));
        decided.set(word, changed);
      }
      return changed;
    };
  }

  termsOf(word: string): string[] {
    let terms = this.splits.get(word);
    if (terms) return terms;
    const own = stem(word);
    const parts = splitCompound(word, this.vocab).map(stem);
    terms = [own, ...parts.filter((p) => p !== own)];
    if (this.splits.size > 500_000) {
      this.splits.clear();
      this.joined.clear();
    }
    this.splits.set(word, terms);
    this.joined.delete(word);
    return terms;
  }

  /** The word's terms as one space-separated string: what the FTS row holds for it. */
  private termText(word: string): string {
    let text = this.joined.get(word);
    if (text === undefined || !this.splits.has(word)) {
      text = this.termsOf(word).join(' ');
      this.joined.set(word, text);
    }
    return text;
  }

  analyze(text: string): AnalyzedToken[] {
    return contentTokens(tokenize(text)).map((token) => ({ ...token, terms: this.termsOf(token.word) }));
  }

  /** Space-separated terms for an FTS5 column. */
  indexText(text: string): string {
    return this.indexWords(contentWords(words(text)));
  }

  /** The same for words already split and without stopwords (indexing splits each chunk once). */
  indexWords(words: string[]): string {
    let out = '';
    for (const word of words) out += (out ? ' ' : '') + this.termText(word);
    return out;
  }
}

/** Tokens without stopwords. */
export function contentTokens(tokens: Token[]): Token[] {
  return tokens.filter((t) => !STOPWORDS.has(t.word));
}

/** Words without stopwords. */
export function contentWords(list: string[]): string[] {
  return list.filter((w) => !STOPWORDS.has(w));
}

/** Folded content words (and numbers) and how often each occurs: what the vocabulary counts. */
export function countWords(text: string | string[], into = new Map<string, number>()): Map<string, number> {
  for (const word of typeof text === 'string' ? words(text) : text) {
    if (STOPWORDS.has(word)) continue;
    into.set(word, (into.get(word) ?? 0) + 1);
  }
  return into;
}
