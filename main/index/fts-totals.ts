import type Database from 'better-sqlite3';

/**
 * FTS5 keeps, for bm25, the number of rows and each column's total of
 * tokens: the "averages" record, row 1 of the table's %_data. For a
 * contentless table it does not lower them when a row is deleted (SQLite
 * 3.53), so every chunk replaced or removed since the index was created
 * stayed in bm25's row count and average lengths, and rankings drifted with
 * every re-indexed file. This recomputes them from the sizes FTS5 keeps for
 * every live row (%_docsize) and writes them back in FTS5's own format
 * (SQLite varints: the row count, then one total per column).
 *
 * Returns whether the record was wrong (and is now right).
 */
export function repairFtsTotals(db: Database.Database, table: string, columns: number): boolean {
  const sizes = db.prepare<[], { sz: Buffer }>(`SELECT sz FROM "${table}_docsize"`);
  return db.transaction(() => {
    const stored = averagesRecord(db, table);
    if (!stored) return false;
    const totals = new Array<number>(columns).fill(0);
    let rows = 0;
    for (const { sz } of sizes.iterate()) {
      rows++;
      let at = 0;
      for (let column = 0; column < columns && at < sz.length; column++) {
        const [value, next] = readVarint(sz, at);
        totals[column]! += value;
        at = next;
      }
    }
    const bytes: number[] = [];
    for (const value of [rows, ...totals]) writeVarint(value, bytes);
    const repaired = Buffer.from(bytes);
    if (repaired.equals(stored)) return false;
    // SQLite's defensive mode (on in better-sqlite3) refuses writes to FTS5's tables: lifted for this one record.
    db.unsafeMode(true);
    try {
      db.prepare<[Buffer]>(`UPDATE "${table}_data" SET block = ? WHERE id = 1`).run(repaired);
    } finally {
      db.unsafeMode(false);
    }
    return true;
  }).immediate();
}

/** The row count FTS5 keeps in its averages record (0 for an FTS table that never held a row). */
export function storedRowCount(db: Database.Database, table: string): number {
  const block = averagesRecord(db, table);
  return block ? readVarint(block, 0)[0] : 0;
}

const averagesRecord = (db: Database.Database, table: string) => db.prepare<[], { block: Buffer }>(`SELECT block FROM "${table}_data" WHERE id = 1`).get()?.block;

/** An SQLite varint: up to eight bytes of seven bits, high bit set on all but the last; a ninth byte carries eight. */
export function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[at + i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  return [value * 256 + (bytes[at + 8] ?? 0), at + 9];
}

/** The shortest SQLite varint of a value below 2^56 (every count here is far below). */
export function writeVarint(value: number, out: number[]): void {
  const groups: number[] = [];
  let rest = value;
  do {
    groups.unshift(rest % 128);
    rest = Math.floor(rest / 128);
  } while (rest > 0);
  groups.forEach((group, i) => out.push(i < groups.length - 1 ? group | 0x80 : group));
}
