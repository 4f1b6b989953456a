// The ranking rules of the research issue, each on a small corpus built for it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { createCore, type Core } from '../core';
import { silentLogger } from '../log';

let dir: ReturnType<typeof tempDir>;
let core: Core;

const bylaw = (front: Record<string, string>, title: string, sections: [string, string][]) =>
  [
    '---',
    ...Object.entries(front).map(([k, v]) => `${k}: ${v}`),
    '---',
    '',
    '## Inhaltsverzeichnis',
    '',
    ...sections.map(([h]) => `- ${h}`),
    '',
    `# ${title}`,
    '',
    ...sections.flatMap(([h, body]) => [`### ${h}`, '', body, '']),
  ].join('\n');

beforeAll(async () => {
  dir = tempDir();
  const docs = join(dir.path, 'docs');
  mkdirSync(docs);
  // Two municipalities with near-identical Satzungen, one of them also with a superseded version.
  const friedhof = (town: string, fee: string): [string, string][] => [
    ['§ 1 Geltungsbereich', `Diese Satzung gilt für die Friedhöfe der Gemeinde ${town}.`],
    ['§ 2 Ruhezeit', `Die Ruhezeit für Urnen beträgt in ${town} 15 Jahre.`],
    ['§ 3 Gebühren', `Die Gebühr für ein Urnengrab beträgt ${fee} Euro.`],
  ];
  writeFileSync(join(docs, 'friedhof-a.md'), bylaw({ titel: 'Friedhofssatzung Altdorf', gemeinde: 'Altdorf', rechtsnatur: 'Satzung', gueltig_ab: '2020-01-01' }, 'Friedhofssatzung', friedhof('Altdorf', '800')));
  writeFileSync(join(docs, 'friedhof-b.md'), bylaw({ titel: 'Friedhofssatzung Neudorf', gemeinde: 'Neudorf', rechtsnatur: 'Satzung', gueltig_ab: '2021-01-01' }, 'Friedhofssatzung', friedhof('Neudorf', '900')));
  writeFileSync(
    join(docs, 'friedhof-b-alt.md'),
    bylaw({ titel: 'Friedhofssatzung Neudorf (Altfassung)', gemeinde: 'Neudorf', rechtsnatur: 'Satzung', gueltig_ab: '2010-01-01', gueltig_bis: '2020-12-31', status: 'aufgehoben' }, 'Friedhofssatzung', friedhof('Neudorf', '700')),
  );
  // Coverage: a passage with both of the question's rare words beats one that repeats one of them.
  // BM25 alone prefers the short repetition (high term frequency, short passage) to the long passage with both words.
  const filler = 'Hier stehen viele weitere Hinweise zur Sache, die mit der Frage nichts zu tun haben. '.repeat(1);
  writeFileSync(join(docs, 'ausweis.md'), `# Merkblatt\n\n## A\n\nAusweis Ausweis Ausweis Ausweis, Ausweis und nochmals Ausweis.\n\n## B\n\n${filler}Den Verlust des Ausweises zeigen Sie an. ${filler}\n`);
  // Everyday word, official word: the thesaurus knows Kehricht ↔ Abfall (the hand-written table does not).
  writeFileSync(join(docs, 'abfall.md'), '# Abfallsatzung\n\n## § 7 Abholung\n\nDer Abfall wird wöchentlich abgeholt.\n');
  writeFileSync(join(docs, 'baeder.md'), '# Ordnung der Stadt\n\n## § 4 Öffnung\n\nDie Badeanstalt ist von Mai bis September geöffnet.\n');
  core = createCore({ dataDir: join(dir.path, 'data'), env: {}, logger: silentLogger });
  await core.addFolder({ path: docs });
  await core.idle();
});
afterAll(() => {
  core.close();
  dir.remove();
});

const hits = async (query: string) => (await core.search({ query, limit: 10 })).hits;

describe('ranking', () => {
  it('ranks a passage with more of the question\'s rare words above one that repeats one of them', async () => {
    const [first] = await hits('Verlust Ausweis');
    expect(first!.headingPath.at(-1)).toMatch(/B$/);
  });

  it('never offers a table of contents before the sections it lists, and reads the headings without it', async () => {
    const found = await hits('Ruhezeit Urnen');
    expect(found[0]!.role).toBe('body');
    expect(found[0]!.headingPath).toEqual(['Friedhofssatzung', '§ 2 Ruhezeit']);
    const toc = found.findIndex((h) => h.role === 'toc');
    if (toc >= 0) expect(toc).toBeGreaterThan(found.findIndex((h) => h.headingPath.at(-1) === '§ 2 Ruhezeit'));
  });

  it('prefers the municipality the question names, and within it the version in force', async () => {
    const [first] = await hits('Wie hoch ist die Gebühr für ein Urnengrab in Neudorf?');
    expect(first!.meta).toMatchObject({ authority: 'Neudorf', validity: 'current' });
    const [other] = await hits('Wie hoch ist die Gebühr für ein Urnengrab in Altdorf?');
    expect(other!.meta.authority).toBe('Altdorf');
    const neudorf = (await hits('Urnengrab Gebühr Neudorf')).filter((h) => h.meta.authority === 'Neudorf' && h.headingPath.at(-1) === '§ 3 Gebühren');
    expect(neudorf.map((h) => h.meta.validity)).toEqual(['current', 'superseded']);
  });

  it('knows everyday words for official ones from the hand-written table: Schwimmbad for Badeanstalt', async () => {
    const [first] = await hits('Wann hat das Schwimmbad geöffnet?');
    expect(first?.title).toBe('Ordnung der Stadt');
  });

  it('does not let the frame of a question select anything: "Wie lange dauert das?" alone finds nothing by "lange"', async () => {
    const framed = await hits('Wie lange ist die Badeanstalt geöffnet?');
    expect(framed[0]!.title).toBe('Ordnung der Stadt');
  });

  it('widens a word the index does not know to its thesaurus synonyms that it does know', async () => {
    const [first] = await hits('Kehricht');
    expect(first?.title).toBe('Abfallsatzung');
  });

  it('finds an unknown compound through the known word it starts with', async () => {
    // "Urnengrabzettel" cannot be split into known words ("Zettel" is none); "Urnengrab" is one.
    const [first] = await hits('Urnengrabzettel');
    expect(first?.headingPath.at(-1)).toBe('§ 3 Gebühren');
  });
});

describe("FTS5's rowid constraint", () => {
  it('holds only when the rowid is bound as an integer: as a double FTS5 answers for every matching row', () => {
    // The coverage re-ranking depends on this; a driver that changes how numbers bind shows here first.
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, content='', contentless_delete=1); INSERT INTO t(rowid, body) VALUES (1, 'a'), (2, 'a b');");
    const contains = db.prepare<[string, bigint], { one: number }>('SELECT 1 AS one FROM t WHERE t MATCH ? AND rowid = ?');
    expect(contains.get('b', 1n)).toBeUndefined();
    expect(contains.get('b', 2n)).toEqual({ one: 1 });
    db.close();
  });
});
