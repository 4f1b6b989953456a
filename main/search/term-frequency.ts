import type { Vocabulary } from '../analysis/vocabulary';

/** Words counted per slice of a background build; other calls run between slices. */
const SLICE = 2000;

/**
 * How much a term says, from how many of the index's chunks contain it:
 * log(1 + N / (1 + df)). A term in few chunks says most; one the index does
 * not know at all, most of all. Search weighs the query's words by it, and
 * grounding the question's words.
 */
export const informativeness = (df: number, chunks: number) => Math.log(1 + Math.max(1, chunks) / (1 + df));

interface Build {
  version: number;
  words: { word: string; freq: number }[];
  next: number;
  counts: Map<string, number>;
}

/**
 * Roughly how many chunks each index term occurs in: what search.ts needs
 * to pick the query terms that select candidates. Counted from the
 * vocabulary, each word's occurrences going to every term it is indexed
 * under, its stem and its compound parts' stems. Counting the stem alone
 * missed the parts: "antrag" looked rare while thousands of chunks hold it
 * inside "Antragsteller", and queries scored two to three times the
 * postings their budget allowed. Occurrences overstate chunks a little,
 * which only makes the selection more careful.
 *
 * Built from the vocabulary as of its last flush (the end of an indexing
 * job) and rebuilt after the next: an estimate one job behind still tells
 * common terms from rare ones.
 */
export class TermFrequencies {
  private counts = new Map<string, number>();
  private builtAt = -1;
  private build: Build | null = null;
  private scheduled = false;

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly termsOf: (word: string) => string[],
  ) {}

  of(term: string): number {
    if (this.builtAt !== this.vocabulary.version) this.advance(Infinity);
    return this.counts.get(term) ?? 0;
  }

  /**
   * Builds in slices between other work (after the index opens, after an
   * indexing job), so that the first search does not wait for it; a search
   * that comes earlier finishes the build itself.
   */
  prepare(): void {
    if (this.scheduled || this.builtAt === this.vocabulary.version) return;
    this.scheduled = true;
    const step = () => {
      this.advance(SLICE);
      if (this.builtAt === this.vocabulary.version) this.scheduled = false;
      else setImmediate(step).unref();
    };
    setImmediate(step).unref();
  }

  /** Counts up to `limit` more words into the current build; swaps it in once complete. */
  private advance(limit: number): void {
    const version = this.vocabulary.version;
    if (this.build?.version !== version) this.build = { version, words: this.vocabulary.counted(), next: 0, counts: new Map() };
    const build = this.build;
    const end = Math.min(build.words.length, build.next + limit);
    for (; build.next < end; build.next++) {
      const { word, freq } = build.words[build.next]!;
      for (const term of this.termsOf(word)) build.counts.set(term, (build.counts.get(term) ?? 0) + freq);
    }
    if (build.next === build.words.length) {
      this.counts = build.counts;
      this.builtAt = version;
      this.build = null;
    }
  }
}
