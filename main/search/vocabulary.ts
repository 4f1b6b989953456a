import type Database from 'better-sqlite3';
import { stem } from './stem';

/**
 * How often each folded surface word occurs across the index: the evidence
 * for compound splitting. Kept in memory (a few MB even for large indexes);
 * changed words are written back in one transaction per indexing job
 * (`flush`), not per document: the counts only steer splitting, and a
 * crash before a flush costs at most slightly weaker splits, never data.
 */
export class Vocabulary {
  private readonly counts = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private stems: Map<string, number> | null = null;
  private readonly upsert;
  private readonly remove;

  constructor(private readonly db: Database.Database) {
    for (const row of db.prepare<[], { word: string; freq: number }>('SELECT word, freq FROM words').iterate()) {
      this.counts.set(row.word, row.freq);
    }
    this.upsert = db.prepare<[string, number]>('INSERT INTO words (word, freq) VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET freq = excluded.freq');
    this.remove = db.prepare<[string]>('DELETE FROM words WHERE word = ?');
  }

  freq(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  /**
   * Index words that contain `part` inside a longer compound
   * ("genehmigung" → "baugenehmigungsverfahren"), most frequent first.
   * Lets a query word find compounds even when the index never saw the
   * part on its own, so splitting could not know it.
   */
  compoundsContaining(part: string, limit: number): string[] {
    if (part.length < 4) return [];
    const found: [string, number][] = [];
    for (const [word, freq] of this.counts) {
      if (word.length > part.length + 2 && word.includes(part)) found.push([word, freq]);
    }
    found.sort((a, b) => b[1] - a[1]);
    return found.slice(0, limit).map(([word]) => word);
  }

  get size(): number {
    return this.counts.size;
  }

  /** Adds (sign 1) or removes (sign -1) a document's word counts. */
  apply(counts: Map<string, number>, sign: 1 | -1): void {
    for (const [word, n] of counts) {
      const next = (this.counts.get(word) ?? 0) + sign * n;
      if (next > 0) this.counts.set(word, next);
      else this.counts.delete(word);
      this.dirty.add(word);
      if (this.stems) {
        const s = stem(word);
        this.stems.set(s, (this.stems.get(s) ?? 0) + sign * n);
      }
    }
  }

  /**
   * How often words with this stem occur in the index: a cheap stand-in for
   * a term's document frequency, good enough to tell very common terms
   * from the rest. Built on first use, then kept up to date.
   */
  stemFrequency(stemmed: string): number {
    if (!this.stems) {
      this.stems = new Map();
      for (const [word, n] of this.counts) {
        const s = stem(word);
        this.stems.set(s, (this.stems.get(s) ?? 0) + n);
      }
    }
    return this.stems.get(stemmed) ?? 0;
  }

  /** Writes the changed counts to the database. */
  flush(): void {
    if (this.dirty.size === 0) return;
    this.db.transaction(() => {
      for (const word of this.dirty) {
        const n = this.counts.get(word);
        if (n) this.upsert.run(word, n);
        else this.remove.run(word);
      }
    })();
    this.dirty.clear();
  }
}

/** Read-only view the splitter needs; a Map in the tests. */
export interface WordFrequencies {
  freq(word: string): number;
}
