import { wordHash } from './normalise';

/**
 * One folded word of the vocabulary. Indexing holds on to these objects
 * (through the analyzer's token cache) and counts into them directly: a
 * Map lookup per distinct word and document was too dear.
 */
export interface WordEntry {
  readonly word: string;
  freq: number;
  /** Changed since the last flush (and listed in `dirty`). */
  dirty: boolean;
}

/**
 * How often each folded surface word occurs across the index: the evidence
 * for compound splitting. Kept in memory (a few MB even for large indexes);
 * written back as one snapshot per indexing job (`flush`), not per
 * document (a row per word with every batch was too dear, docs/performance.md). The snapshot records which stored documents it counts
 * (`covers`): after a crash before a flush, the index store sees that they
 * disagree and rebuilds the counts from the stored chunks (see
 * IndexStore.syncVocabulary).
 */
export class Vocabulary implements WordFrequencies {
  /** Every word with a count, and words whose count fell to 0 since the last flush. */
  private readonly entries = new Map<string, WordEntry>();
  private dirty: WordEntry[] = [];
  /** Entries with a count above 0. */
  private live = 0;
  /** Counts every time an entry's count goes from 0 to more or back (see wordList). */
  private liveChanges = 0;
  private words: { liveChanges: number; text: string } | null = null;
  /** Changes at every flush that wrote something: estimates built from the counts (TermFrequencies) are then stale. */
  version = 0;
  /**
   * Changes whenever entries leave the map (at a flush): whoever holds
   * WordEntry objects must look them up again, or it would count into
   * entries the vocabulary no longer knows.
   */
  generation = 0;
  /** Hashes of the words in `entries` (and perhaps of some that left): see `mayKnow`. */
  private hashes = new Int32Array(1 << 16);
  private hashCount = 0;
  /** Which stored documents the counts are those of (see index/vocabulary-covers.ts); null: not known. */
  covers: string | null = null;

  constructor(private readonly storage: VocabularyStorage) {
    this.load();
  }

  /** What the stored snapshot says it counts (see `covers`). */
  storedCovers(): string | null {
    return this.storage.read()?.covers ?? null;
  }

  /** Takes the counts stored now (another process saved newer ones), or starts from none (`empty`, before a rebuild). */
  reload(empty = false): void {
    this.entries.clear();
    this.dirty = [];
    this.live = 0;
    this.liveChanges++;
    this.hashes = new Int32Array(1 << 16);
    this.hashCount = 0;
    // Every WordEntry held elsewhere (the analyzer's) belongs to the counts that are gone.
    this.generation++;
    this.version++;
    this.covers = null;
    if (!empty) this.load();
  }

  private load(): void {
    const row = this.storage.read();
    const stored = row?.words ?? '';
    // "word<TAB>count" lines: words are folded letters and digits only (normalise.ts), never a tab or a line break.
    for (const line of stored ? stored.split('\n') : []) {
      const tab = line.indexOf('\t');
      const word = line.slice(0, tab);
      const freq = Number(line.slice(tab + 1));
      if (tab <= 0 || !(freq > 0)) continue;
      this.entries.set(word, { word, freq, dirty: false });
      this.remember(word);
      this.live++;
    }
    this.covers = row?.covers ?? null;
  }

  freq(word: string): number {
    return this.entries.get(word)?.freq ?? 0;
  }

  /** The entry of a folded word, created with count 0 if the vocabulary does not know it yet. */
  entry(word: string): WordEntry {
    let entry = this.entries.get(word);
    if (!entry) {
      entry = { word, freq: 0, dirty: false };
      this.entries.set(word, entry);
      this.remember(word);
    }
    return entry;
  }

  /**
   * False when no word with this hash (see normalise.ts) is in the
   * vocabulary; true when one may be. Compound splitting tries every
   * substring of a long word as a part: this check turns nearly all of
   * them away without building the substring or looking it up.
   */
  mayKnow(hash: number): boolean {
    const slots = this.hashes;
    const mask = slots.length - 1;
    const key = hash === 0 ? 1 : hash;
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      const found = slots[slot]!;
      if (found === key) return true;
      if (found === 0) return false;
    }
  }

  private remember(word: string): void {
    if (2 * (this.hashCount + 1) > this.hashes.length) {
      // Rebuilt from the words present (drops those that left), with room to grow.
      const size = Math.max(1 << 16, 1 << Math.ceil(Math.log2(4 * (this.entries.size + 1))));
      this.hashes = new Int32Array(size);
      this.hashCount = 0;
      for (const known of this.entries.keys()) this.insertHash(wordHash(known));
    }
    this.insertHash(wordHash(word));
  }

  private insertHash(hash: number): void {
    const slots = this.hashes;
    const mask = slots.length - 1;
    const key = hash === 0 ? 1 : hash;
    let slot = key & mask;
    while (slots[slot] !== 0) {
      if (slots[slot] === key) return;
      slot = (slot + 1) & mask;
    }
    slots[slot] = key;
    this.hashCount++;
  }

  /**
   * Index words that contain `part` inside a longer compound
   * ("genehmigung" → "baugenehmigungsverfahren"), most frequent first.
   * Lets a query word find compounds even when the index never saw the
   * part on its own, so splitting could not know it.
   */
  compoundsContaining(part: string, limit: number): string[] {
    if (part.length < 4) return [];
    // One native substring search through all words instead of a loop over the map: the loop
    // made a query word the index hardly knows dear at 100k chunks.
    const text = this.wordList();
    const found: [string, number][] = [];
    for (let at = text.indexOf(part); at >= 0; ) {
      const start = text.lastIndexOf('\n', at) + 1;
      const end = text.indexOf('\n', at + part.length);
      const word = text.slice(start, end);
      const freq = this.entries.get(word)?.freq ?? 0;
      if (freq > 0 && word.length > part.length + 2) found.push([word, freq]);
      at = text.indexOf(part, end);
    }
    found.sort((a, b) => b[1] - a[1]);
    return found.slice(0, limit).map(([word]) => word);
  }

  /** Every word that occurs, one per line (in the map's order), rebuilt when a word came or went. */
  private wordList(): string {
    if (this.words?.liveChanges !== this.liveChanges) {
      const lines: string[] = [''];
      for (const { word, freq } of this.entries.values()) if (freq > 0) lines.push(word);
      lines.push('');
      this.words = { liveChanges: this.liveChanges, text: lines.join('\n') };
    }
    return this.words.text;
  }

  /** Number of distinct words in the index. */
  get size(): number {
    return this.live;
  }

  /** Adds `n` occurrences (negative: removes them) to an entry from `entry()`. */
  add(entry: WordEntry, n: number): void {
    const before = entry.freq;
    const after = Math.max(0, before + n);
    entry.freq = after;
    if (before === 0 && after > 0) this.live++;
    else if (before > 0 && after === 0) this.live--;
    if ((before === 0) !== (after === 0)) this.liveChanges++;
    if (!entry.dirty) {
      entry.dirty = true;
      this.dirty.push(entry);
    }
  }

  /** Every word that occurs, with its count (a snapshot: safe to keep while the vocabulary changes). */
  counted(): { word: string; freq: number }[] {
    const out: { word: string; freq: number }[] = [];
    for (const { word, freq } of this.entries.values()) if (freq > 0) out.push({ word, freq });
    return out;
  }

  /**
   * Writes the counts to the database (all of them, as one snapshot) if any
   * changed or they now count other documents (`covers`), and forgets words
   * that no longer occur.
   */
  flush(covers: string | null = this.covers): void {
    if (this.dirty.length === 0 && covers === this.covers) return;
    const changed = this.dirty;
    const lines: string[] = [];
    for (const { word, freq } of this.entries.values()) if (freq > 0) lines.push(`${word}\t${freq}`);
    this.storage.write(lines.join('\n'), covers);
    this.covers = covers;
    this.dirty = [];
    this.version++;
    let forgotten = 0;
    for (const entry of changed) {
      entry.dirty = false;
      if (entry.freq === 0 && this.entries.get(entry.word) === entry) {
        this.entries.delete(entry.word);
        forgotten++;
      }
    }
    if (forgotten > 0) this.generation++;
  }
}

/** Where the snapshot lives ("word<TAB>count" lines and what they cover): the index's vocabulary table (index/vocabulary-store.ts). */
export interface VocabularyStorage {
  read(): { words: string; covers: string | null } | undefined;
  write(words: string, covers: string | null): void;
}

/** Read-only view the splitter needs; a Map in the tests. */
export interface WordFrequencies {
  freq(word: string): number;
  /** Optional quick filter: false means no word with this hash (normalise.ts wordHash) has a count. */
  mayKnow?(hash: number): boolean;
}
