import { describe, expect, it } from 'vitest';
import { joinLetterSpaced } from './letter-spacing';
import { parseMarkdown } from './parsers/markdown';
import { parsePlainText } from './parsers/plain-text';

const enc = (s: string) => new TextEncoder().encode(s);

describe('joinLetterSpaced', () => {
  it('reads letter-spaced words as words, words apart by a wider gap', () => {
    expect(joinLetterSpaced('A L L G E M E I N V E R F Ü G U N G')).toBe('ALLGEMEINVERFÜGUNG');
    expect(joinLetterSpaced('S A T Z U N G   Ü B E R   D I E   H U N D E S T E U E R')).toBe('SATZUNG ÜBER DIE HUNDESTEUER');
    expect(joinLetterSpaced('Betreff: S a t z u n g vom 1. Mai')).toBe('Betreff: Satzung vom 1. Mai');
    expect(joinLetterSpaced('B E K A N N T M A C H U N G\tD E R   S T A D T')).toBe('BEKANNTMACHUNG DER STADT');
  });

  it('leaves short abbreviations and ordinary text alone', () => {
    for (const text of ['Anlage A B C', 'Die Gruppen A B C sind gemeint.', 'Ein Text ohne Sperrung.', 'x y z w', 'Nr. 1 a b c', '']) expect(joinLetterSpaced(text)).toBe(text);
  });

  it('is applied by the parsers to titles, headings and text', () => {
    const md = parseMarkdown(enc('# A L L G E M E I N V E R F Ü G U N G\n\nDie  S P E R R Z E I T  gilt.\n'));
    expect(md.title).toBe('ALLGEMEINVERFÜGUNG');
    expect(md.blocks.map((b) => b.text)).toEqual(['ALLGEMEINVERFÜGUNG', 'Die  SPERRZEIT  gilt.']);
    expect(parsePlainText(enc('S A T Z U N G\n\nText.\n')).title).toBe('SATZUNG');
  });
});
