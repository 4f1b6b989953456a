/** The core's modules import each other in one direction only: no file reaches itself through its imports. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph';

const root = resolve(import.meta.dirname, '..');

describe('the import graph of main/', () => {
  it('has no cycle', () => {
    const graph = importGraph(root);
    expect(graph.size).toBeGreaterThan(100);
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });

  it('reads value, type-only, re-export and dynamic imports', () => {
    const graph = importGraph(root);
    expect(graph.get('main/core.ts')).toEqual(expect.arrayContaining(['main/ingest/indexer.ts', 'main/contract.ts']));
    expect(graph.get('main/ingest/index-file.ts')).toContain('main/index/index-store.ts');
  });
});
