import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';

let dir: ReturnType<typeof tempDir>;
let core: Core;
let folderA: number;

beforeAll(async () => {
  dir = tempDir();
  const a = join(dir.path, 'a');
  const b = join(dir.path, 'b');
  mkdirSync(a);
  mkdirSync(b);
  writeFileSync(join(a, 'hundesteuer.md'), '# Hundesteuersatzung\n\n## § 2 Steuersatz\n\nDie Hundesteuer beträgt 96 Euro für den ersten Hund.\n');
  writeFileSync(join(a, 'merkblatt.md'), '# Merkblatt Tierhaltung\n\n## Hinweise\n\nFür Hunde wird eine Steuer erhoben. Die Steuer für Hunde ist jährlich fällig.\n');
  writeFileSync(join(a, 'bau.txt'), 'Merkblatt Bauen\n\nDas Baugenehmigungsverfahren beginnt mit dem Bauantrag.\n');
  writeFileSync(join(b, 'fristen.md'), '# Fristen\n\n## Widerspruchsfrist\n\nDer Widerspruch ist innerhalb eines Monats zu erheben.\n\n## Sonstiges\n\nAuch beim Widerspruch gegen Gebühren gilt die Frist von einem Monat nach Bekanntgabe des Bescheids.\n');
  writeFileSync(join(b, 'phrase.md'), '# Vermerke\n\n## Erster\n\nDie Gebühr für den Hund wurde erlassen.\n\n## Zweiter\n\nDer Hund wurde angemeldet, eine Gebühr fällt später an.\n');
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger });
  folderA = (await core.addFolder({ path: a })).folder.id;
  await core.addFolder({ path: b });
  await core.idle();
});
afterAll(() => {
  core.close();
  dir.remove();
});

const search = (query: string, extra: { folderIds?: number[]; kinds?: ('md' | 'txt')[] } = {}) => core.search({ query, limit: 10, ...extra });
const titles = async (query: string) => (await search(query)).hits.map((h) => h.title);

describe('search', () => {
  it('lets "Hundesteuer" and "Steuer für Hunde" find each other', async () => {
    expect(await titles('Steuer für Hunde')).toEqual(expect.arrayContaining(['Hundesteuersatzung', 'Merkblatt Tierhaltung']));
    expect(await titles('Hundesteuer')).toEqual(expect.arrayContaining(['Hundesteuersatzung', 'Merkblatt Tierhaltung']));
  });

  it('lets "Genehmigung" find "Baugenehmigungsverfahren"', async () => {
    expect(await titles('Genehmigung')).toContain('Merkblatt Bauen');
  });

  it('ranks a heading match above a body match', async () => {
    const hits = (await search('Widerspruchsfrist')).hits;
    expect(hits[0]!.headingPath).toEqual(['Fristen', 'Widerspruchsfrist']);
  });

  it('gives each hit its source: absolute path, heading path, lines, score and a highlighted snippet', async () => {
    const [hit] = (await search('Hundesteuer 96 Euro')).hits;
    expect(hit).toMatchObject({ path: join(dir.path, 'a', 'hundesteuer.md'), title: 'Hundesteuersatzung', headingPath: ['Hundesteuersatzung', '§ 2 Steuersatz'], lineStart: 3, lineEnd: 5, page: null, kind: 'md' });
    expect(hit!.score).toBeGreaterThan(0);
    const marked = hit!.highlights.map(([s, e]) => hit!.snippet.slice(s, e));
    expect(marked).toEqual(expect.arrayContaining(['Hundesteuer', '96', 'Euro']));
  });

  it('matches a quoted phrase only as a phrase', async () => {
    const phrase = (await search('"Gebühr für den Hund"')).hits;
    expect(phrase.map((h) => h.headingPath)).toEqual([['Vermerke', 'Erster']]);
    const words = (await search('Gebühr Hund')).hits.map((h) => h.headingPath);
    expect(words).toEqual(expect.arrayContaining([['Vermerke', 'Erster'], ['Vermerke', 'Zweiter']]));
  });

  it('filters by folder and by file type', async () => {
    expect((await search('Steuer', { folderIds: [folderA] })).hits.every((h) => h.path.includes(`${join(dir.path, 'a')}`))).toBe(true);
    expect((await search('Widerspruch', { folderIds: [folderA] })).hits).toEqual([]);
    expect((await search('Merkblatt', { kinds: ['txt'] })).hits.map((h) => h.title)).toEqual(['Merkblatt Bauen']);
  });

  it.each([
    '"',
    '"unbalanced quote',
    'AND',
    'OR NOT AND',
    'Steuer AND NOT',
    '*',
    'Hund*',
    'title:Steuer',
    '-Steuer',
    'NEAR(Steuer Hund)',
    '^Steuer',
    '{heading}: Steuer',
    'Steuer) OR (',
    "'; DROP TABLE chunks; --",
    '',
    '   ',
    'der die das',
  ])('never fails on hostile or empty input: %j', async (query) => {
    const result = await search(query);
    expect(Array.isArray(result.hits)).toBe(true);
  });

  it('still finds the words inside hostile syntax', async () => {
    expect(await titles('Steuer) OR (')).toEqual(expect.arrayContaining(['Hundesteuersatzung']));
    expect(await titles('title:Hundesteuer')).toContain('Hundesteuersatzung');
  });

  it('shows a passage with its neighbours in the source view', async () => {
    const [hit] = (await search('Bekanntgabe Bescheid')).hits;
    const passage = await core.getPassage({ chunkId: hit!.chunkId, query: 'Bekanntgabe' });
    expect(passage.hit.headingPath).toEqual(['Fristen', 'Sonstiges']);
    expect(passage.before.map((c) => c.headingPath)).toEqual([['Fristen', 'Widerspruchsfrist']]);
    expect(passage.hit.highlights.length).toBeGreaterThan(0);
  });
});

describe('the laws corpus (../shared/corpus/laws)', () => {
  const laws = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'laws');
  let lawCore: Core;
  let lawDir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    lawDir = tempDir();
    lawCore = createCore({ dataDir: lawDir.path, env: {}, logger: silentLogger });
    await lawCore.addFolder({ path: laws });
    await lawCore.idle();
  }, 60_000);
  afterAll(() => {
    lawCore.close();
    lawDir.remove();
  });

  it('answers "Muss ich den Verlust meines Ausweises melden?" with PAuswG § 27 in the first three, with its exact lines', async () => {
    const { hits } = await lawCore.search({ query: 'Muss ich den Verlust meines Ausweises melden?', limit: 3 });
    const hit = hits.find((h) => h.path.endsWith('PAuswG.md') && h.headingPath.at(-1) === '§ 27 Pflichten des Ausweisinhabers');
    expect(hit, hits.map((h) => h.headingPath.join(' › ')).join('\n')).toBeDefined();
    const lines = readFileSync(join(laws, 'PAuswG.md'), 'utf8').split('\n');
    const start = lines.findIndex((l) => l.startsWith('### § 27 ')) + 1;
    const next = lines.findIndex((l, i) => i >= start && /^#+ /.test(l)) + 1;
    let end = next - 1;
    while (lines[end - 1]!.trim() === '') end--;
    expect(hit!.lineStart).toBe(start);
    expect(hit!.lineEnd).toBeLessThanOrEqual(end);
    expect(lines.slice(hit!.lineStart! - 1, hit!.lineEnd!).join('\n')).toContain('den Verlust des Ausweises');
  });
});
