import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../contract';
import { Analyzer } from '../analysis/analyze';
import { sentenceRanges } from '../grounding/sentences';
import { extractiveAnswer } from './extractive';

describe('sentenceRanges', () => {
  it('splits at sentence ends but not after abbreviations, and treats list items as sentences', () => {
    const text = 'Nach § 27 Abs. 1 Nr. 2 ist z. B. der Verlust anzuzeigen. Die Behörde prüft das.\n- Erstens der Ausweis\n- Zweitens der Pass';
    const sentences = sentenceRanges(text).map(([s, e]) => text.slice(s, e));
    expect(sentences).toEqual(['Nach § 27 Abs. 1 Nr. 2 ist z. B. der Verlust anzuzeigen.', 'Die Behörde prüft das.', '- Erstens der Ausweis', '- Zweitens der Pass']);
  });
});

describe('extractiveAnswer', () => {
  it('marks the sentences that contain the question\'s words and quotes them with the source number', () => {
    const analyzer = new Analyzer({ freq: () => 0 });
    const hit = { title: 'PAuswG', headingPath: ['§ 27 Pflichten'], chunkId: 1 } as SearchHit;
    const text = 'Der Ausweisinhaber hat der Behörde den Verlust des Ausweises unverzüglich anzuzeigen. Im Übrigen gilt das Gesetz.';
    const { answer, extract } = extractiveAnswer('Muss ich den Verlust des Ausweises melden?', [{ hit, text }], analyzer);
    expect(extract[0]!.highlights).toHaveLength(1);
    const [s, e] = extract[0]!.highlights[0]!;
    expect(text.slice(s, e)).toBe('Der Ausweisinhaber hat der Behörde den Verlust des Ausweises unverzüglich anzuzeigen.');
    expect(answer).toBe('PAuswG, § 27 Pflichten: „Der Ausweisinhaber hat der Behörde den Verlust des Ausweises unverzüglich anzuzeigen.“ [1]');
  });
});
