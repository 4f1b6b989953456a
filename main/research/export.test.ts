import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { NO_META, type AnswerTurn, type Claim, type SearchHit } from '../contract';
import { answerFlags, answerToDocx, answerToMarkdown } from './export';

const hit = (n: number, overrides: Partial<SearchHit> = {}): SearchHit => ({
  chunkId: n,
  documentId: n,
  path: `/akten/satzungen/dok-${n}.md`,
  title: `Hundesteuersatzung ${n}`,
  headingPath: ['§ 5 Steuersatz'],
  lineStart: 3,
  lineEnd: 5,
  page: null,
  kind: 'md',
  role: 'body',
  meta: NO_META,
  score: 1,
  snippet: '',
  highlights: [],
  ...overrides,
});

const citation = (n: number, h: SearchHit) => ({ n, chunkId: h.chunkId, documentId: h.documentId, path: h.path, title: h.title, headingPath: h.headingPath, lineStart: h.lineStart, lineEnd: h.lineEnd, page: h.page });

const WRONG = 'Für einen zweiten Hund zahlen Sie 250 Euro im Jahr [1].';
const RIGHT = 'Für den ersten Hund sind es 108 Euro [1].';
const ANSWER = `${RIGHT} ${WRONG}`;
const REASON = 'Der Betrag 250 Euro steht nicht in Quelle [1].';

const claim = (text: string, supported: boolean, reason: string | null = null): Claim => {
  const start = ANSWER.indexOf(text);
  return { text, start, end: start + text.length, citations: [1], supported, reason };
};

function turn(overrides: Partial<AnswerTurn> = {}): AnswerTurn {
  const sources = [hit(1), hit(2, { title: 'Hundesteuersatzung 2019', meta: { ...NO_META, validity: 'superseded', validUntil: '2022-12-31' } })];
  return {
    id: 1,
    conversationId: 1,
    question: 'Wie hoch ist die Hundesteuer für einen zweiten Hund?',
    answer: ANSWER,
    mode: 'generated',
    model: 'qwen2.5:7b',
    sources,
    citations: [citation(1, sources[0]!)],
    removedCitations: [],
    verified: false,
    claims: [claim(RIGHT, true), claim(WRONG, false, REASON)],
    abstainReason: null,
    grounded: true,
    unfinished: false,
    extract: [],
    notice: null,
    numCtx: 4096,
    promptTokens: 300,
    createdAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

async function documentXml(buffer: Buffer): Promise<string> {
  return (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string');
}

describe('answer flags', () => {
  it('adds one line when not all statements are supported, and none when all are', () => {
    const flags = answerFlags(turn());
    expect(flags.filter((f) => f.startsWith('Nicht alle Aussagen belegt'))).toEqual([
      'Nicht alle Aussagen belegt: 1 von 2 Aussagen sind durch die zitierten Quellen nicht gedeckt (als „nicht belegt“ markiert).',
    ]);
    const fine = turn({ verified: true, claims: [claim(RIGHT, true), claim(WRONG, true)] });
    expect(answerFlags(fine).some((f) => f.startsWith('Nicht alle'))).toBe(false);
  });

  it('reads turns stored before the claim check (no claims, no abstention reason) as before', () => {
    const old = turn({ verified: true }) as Partial<AnswerTurn>;
    delete old.claims;
    delete old.abstainReason;
    expect(answerFlags(old as AnswerTurn)).toEqual(['Erstellt mit dem Sprachmodell qwen2.5:7b – bitte anhand der Quellen prüfen.']);
    expect(answerToMarkdown(old as AnswerTurn)).toContain(`\n${ANSWER}\n`);
  });
});

describe('Markdown export', () => {
  it('marks the unsupported sentence in the text and lists it with its reason under the answer', () => {
    const md = answerToMarkdown(turn());
    expect(md).toContain(`${RIGHT} ${WRONG} *(nicht belegt)*`);
    expect(md).not.toContain(`${RIGHT} *(nicht belegt)*`);
    expect(md).toContain(`- „${WRONG}“ – nicht belegt: ${REASON}`);
    expect(md).toContain('> Nicht alle Aussagen belegt: 1 von 2');
    // Every source keeps its number; the uncited one and the Altfassung say so.
    expect(md).toContain('1. Hundesteuersatzung 1 – § 5 Steuersatz, Zeilen 3–5  \n   /akten/satzungen/dok-1.md');
    expect(md).toContain('2. Hundesteuersatzung 2019 – § 5 Steuersatz, Zeilen 3–5 – Altfassung / außer Kraft (nicht zitiert)');
  });

  it('an answer whose statements are all supported is exported word for word, without a flagged list', () => {
    const md = answerToMarkdown(turn({ verified: true, claims: [claim(RIGHT, true), claim(WRONG, true)] }));
    expect(md).toContain(`\n${ANSWER}\n`);
    expect(md).not.toContain('nicht belegt');
  });

  it('an unsupported sentence without a reason still says why in general terms', () => {
    const md = answerToMarkdown(turn({ claims: [claim(WRONG, false, null)] }));
    expect(md).toContain(`- „${WRONG}“ – nicht belegt: Die zitierte Quelle stützt diese Aussage nicht.`);
  });

  it('an abstention exports why the closest hits were not enough, and lists them', () => {
    const reason = 'Die nächstliegenden Stellen regeln die Hundesteuer, nicht die Öffnungszeiten des Hallenbads.';
    const md = answerToMarkdown(
      turn({ mode: 'abstained', answer: 'In den Dokumenten habe ich dazu nichts gefunden.', model: null, citations: [], claims: [], abstainReason: reason, grounded: false }),
    );
    expect(md).toContain(`In den Dokumenten habe ich dazu nichts gefunden.\n\n${reason}\n`);
    expect(md).toContain('> Die Dokumente beantworten diese Frage nicht');
    expect(md).toContain('## Nächstliegende Stellen');
    expect(md).toContain('1. Hundesteuersatzung 1 – § 5 Steuersatz, Zeilen 3–5  ');
    expect(md).not.toContain('nicht zitiert');
  });
});

describe('.docx export', () => {
  it('highlights the unsupported sentence, marks it "nicht belegt" and lists it with its reason', async () => {
    const buffer = await answerToDocx(turn());
    const { value } = await mammoth.extractRawText({ buffer });
    expect(value).toContain(`${RIGHT} ${WRONG} (nicht belegt)`);
    expect(value).toContain(`– „${WRONG}“ – nicht belegt: ${REASON}`);
    expect(value).toContain('Nicht alle Aussagen belegt: 1 von 2');
    expect(value).toContain('[2] Hundesteuersatzung 2019 – § 5 Steuersatz, Zeilen 3–5 – Altfassung / außer Kraft (nicht zitiert)');
    const xml = await documentXml(buffer);
    // Exactly the wrong sentence is highlighted and wavy underlined.
    const highlighted = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*?<w:highlight w:val="yellow"\/>(?:(?!<\/w:r>).)*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(highlighted).toEqual([WRONG]);
    expect(xml).toContain('<w:u w:val="wave" w:color="A4161A"/>');
  });

  it('keeps the answer paragraphs, and an abstention carries its reason', async () => {
    const two = turn({ answer: `${RIGHT}\n\n${WRONG}`, claims: [] });
    const xml = await documentXml(await answerToDocx(two));
    expect(xml).not.toContain('w:highlight');
    const { value } = await mammoth.extractRawText({ buffer: await answerToDocx(two) });
    expect(value).toContain(`${RIGHT}\n\n${WRONG}\n\n`);

    const reason = 'Keine der gefundenen Stellen nennt die Öffnungszeiten.';
    const abstained = turn({ mode: 'abstained', answer: 'Die Quellen beantworten diese Frage nicht.', citations: [], claims: [], abstainReason: reason });
    const text = (await mammoth.extractRawText({ buffer: await answerToDocx(abstained) })).value;
    expect(text).toContain(reason);
    expect(text).toContain('Nächstliegende Stellen');
  });
});
