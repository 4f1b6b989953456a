/**
 * Answers the fake model gives to test the claim check: built from the
 * numbered sources in the prompt it receives. A sentence of source [1] that
 * holds a number is quoted faithfully, quoted with that number changed, or
 * quoted citing source [2] that does not hold the number.
 */
export interface Planted {
  kind: 'faithful' | 'wrong-number' | 'wrong-citation';
  /** Builds the answer from the prompt's user message; the fallback when nothing can be planted. */
  make(user: string): string;
  /** Whether the last `make` planted its sentence. */
  applied: boolean;
  /** A piece of the planted sentence, to find its claim. */
  marker: string;
}

const SOURCE = /<quelle nr="(\d+)"[^>]*>\n([\s\S]*?)\n<\/quelle>/g;

function sourcesOf(user: string): Map<number, string> {
  return new Map([...user.matchAll(SOURCE)].map((m) => [Number(m[1]), m[2]!]));
}

/** A sentence of plain prose with a number in it (not a heading, not a list of figures). */
function numberSentence(text: string): { sentence: string; number: string } | null {
  for (const raw of text.split(/(?<=[.!?])\s+|\n+/)) {
    const sentence = raw.replace(/^\(\d+[a-z]?\)\s*/, '').trim();
    const words = sentence.split(/\s+/).length;
    const number = /(?<![\d.,§])\b\d{2,}(?:,\d+)?\b(?![.,]\d)/.exec(sentence)?.[0];
    if (number && words >= 6 && words <= 40 && /[.!?]$/.test(sentence) && !sentence.includes('§')) return { sentence, number };
  }
  return null;
}

/** A number near the true one that the sources do not contain. */
function otherNumber(number: string, sources: string): string {
  const value = Number(number.replace(',', '.'));
  for (const delta of [7, 13, 29, 41, 97]) {
    const candidate = String(Math.round(value + delta)).replace('.', ',');
    if (!new RegExp(`(?<!\\d)${candidate}(?!\\d)`).test(sources)) return candidate;
  }
  return String(Math.round(value * 3 + 1));
}

function planter(kind: Planted['kind']): Planted {
  const planted: Planted = {
    kind,
    applied: false,
    marker: '\u0000',
    make(user) {
      planted.applied = false;
      const sources = sourcesOf(user);
      const found = numberSentence(sources.get(1) ?? '');
      if (!found) return 'Antwort [1].';
      const all = [...sources.values()].join('\n');
      let sentence = found.sentence;
      let cite = 1;
      if (kind === 'wrong-number') sentence = sentence.replace(found.number, otherNumber(found.number, all));
      if (kind === 'wrong-citation') {
        const second = sources.get(2);
        if (!second || second.includes(found.number)) return 'Antwort [1].';
        cite = 2;
      }
      planted.applied = true;
      planted.marker = sentence.slice(0, 40);
      return `${sentence.replace(/[.!?]$/, '')} [${cite}].`;
    },
  };
  return planted;
}

export const plantedAnswers: Record<Planted['kind'], Planted> = {
  faithful: planter('faithful'),
  'wrong-number': planter('wrong-number'),
  'wrong-citation': planter('wrong-citation'),
};
