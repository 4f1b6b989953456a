import { describe, expect, it } from 'vitest';
import { NO_META, type Citation, type SearchHit } from '../contract';
import { hitOfSnapshot, withHeadingPath, type Snapshot } from './snapshot';

const hit: SearchHit = {
  chunkId: 1,
  documentId: 2,
  path: '/d/hundesteuer.md',
  title: 'Hundesteuersatzung',
  headingPath: ['Hundesteuersatzung', '§ 5 Steuersatz'],
  lineStart: 3,
  lineEnd: 5,
  page: null,
  kind: 'md',
  role: 'body',
  meta: NO_META,
  score: 1,
  snippet: 'Die Steuer beträgt 108 Euro.',
  highlights: [],
};

describe('snapshots of hits and citations', () => {
  it('reads a hit stored with its heading path joined as an array, and keeps no joined heading', () => {
    const { headingPath: _, ...rest } = hit;
    const old = hitOfSnapshot({ ...rest, heading: 'Hundesteuersatzung › § 5 Steuersatz' });
    expect(old).toEqual(hit);
    expect(old).not.toHaveProperty('heading');
  });

  it('reads a hit stored before chunk roles, metadata and heading paths as body text without metadata', () => {
    const old = hitOfSnapshot({ chunkId: 1, documentId: 2, path: '/d/a.txt', title: 'A', heading: '', lineStart: null, lineEnd: null, page: 1, kind: 'txt', score: 0, snippet: '', highlights: [] });
    expect(old).toMatchObject({ role: 'body', meta: NO_META, headingPath: [] });
  });

  it('leaves a hit with a heading path as it is', () => {
    expect(hitOfSnapshot(hit)).toEqual(hit);
  });

  it('reads an old citation with its heading path as an array', () => {
    const old: Snapshot<Citation> = { n: 1, chunkId: 1, documentId: 2, path: hit.path, title: hit.title, heading: '§ 5 Steuersatz', lineStart: 3, lineEnd: 5, page: null };
    expect(withHeadingPath<Citation>(old)).toEqual({ n: 1, chunkId: 1, documentId: 2, path: hit.path, title: hit.title, headingPath: ['§ 5 Steuersatz'], lineStart: 3, lineEnd: 5, page: null });
  });
});
