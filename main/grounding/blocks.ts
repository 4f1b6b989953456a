import { headingLabel, type SearchHit } from '../contract';

/**
 * A numbered source as the model sees it. Every call that asks the model
 * with sources quotes them through `quoteSource`: document text only ever
 * appears inside a <quelle> block, from which it cannot break out.
 */
export interface PromptSource {
  n: number;
  hit: SearchHit;
  /** The passage's text: a whole § where it fits, possibly shortened to fit the context. */
  text: string;
}

/** Where the passage is, as a clerk cites it: its heading path, then page or lines. */
export function locationLabel(hit: Pick<SearchHit, 'headingPath' | 'page' | 'lineStart' | 'lineEnd'>): string {
  const where = hit.page ? `Seite ${hit.page}` : hit.lineStart ? `Zeilen ${hit.lineStart}–${hit.lineEnd ?? hit.lineStart}` : '';
  return [headingLabel(hit.headingPath), where].filter(Boolean).join(', ');
}

/*
 * A document must not be able to write anything a model could read as
 * <quelle> or </quelle>. Models see through spacing, line breaks, case,
 * full-width or look-alike brackets, HTML entities and invisible characters,
 * so a marker is recognised the same way: a bracket-like character, optional
 * gaps, an optional slash-like character, and the letters of the tag name,
 * each of which may be any character whose NFKC form is that letter, with
 * invisible characters, combining marks or white space between them. The
 * bracket becomes "‹" and the invisible characters inside the marker are
 * dropped; everything else (prose, a "<" before a number, the word Quelle)
 * stays as it is.
 */

/** White space (line breaks included), invisible characters (zero-width, soft hyphen, BOM, bidi controls…) and combining marks. */
const GAP = /^[\s\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]$/u;
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}]/gu;
/** "<" and the characters that look like it: full-width ＜, small ﹤, angle brackets 〈 〈 ⟨ ❬ ❮ ⧼, ‹, ᐸ, ˂. */
const BRACKETS = new Set(['<', '\uFF1C', '\uFE64', '\u2329', '\u3008', '\u27E8', '\u276C', '\u276E', '\u29FC', '\u2039', '\u1438', '\u02C2']);
/** "<" written as an HTML entity: &lt; &#60; &#x3C; (any case, leading zeros). */
const ENTITY = /^&(?:lt|#0*60|#x0*3c);/i;
/** "/" and the characters that look like it: full-width ／, ⁄ ∕ ⧸ ╱, and backslashes \ ＼ ⧹. */
const SLASHES = new Set(['/', '\uFF0F', '\u2044', '\u2215', '\u29F8', '\u2571', '\\', '\uFF3C', '\u29F9']);

const charAt = (text: string, i: number) => (i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : '');
/** A character as a model would read it: compatibility forms (ｑ, 𝐪) folded, lower case. */
const fold = (ch: string) => ch.normalize('NFKC').toLowerCase();

/** Length of the bracket token at `i` (a character or an entity), 0 when there is none. */
function bracketAt(text: string, i: number): number {
  const ch = text[i]!;
  if (BRACKETS.has(ch)) return 1;
  if (ch === '&') return ENTITY.exec(text.slice(i, i + 12))?.[0].length ?? 0;
  return 0;
}

function skipGaps(text: string, i: number): number {
  for (let ch = charAt(text, i); ch !== '' && GAP.test(ch); ch = charAt(text, i)) i += ch.length;
  return i;
}

/** The end of a marker `name` whose bracket ends at `i`, or -1 when what follows is not the name. */
function markerEnd(text: string, i: number, name: string): number {
  let j = skipGaps(text, i);
  const slash = charAt(text, j);
  if (SLASHES.has(slash)) j = skipGaps(text, j + slash.length);
  // One character may fold to several letters (the ligature ﬂ to "fl"): they are matched in turn.
  let pending = '';
  for (let k = 0; k < name.length; k++) {
    const letter = name[k];
    if (pending === '') {
      if (k > 0) j = skipGaps(text, j);
      const ch = charAt(text, j);
      if (ch === '') return -1;
      pending = fold(ch);
      j += ch.length;
    }
    if (pending[0] !== letter) return -1;
    pending = pending.slice(1);
  }
  return j;
}

/**
 * Makes `text` unable to open or close a block of any of `names` (lower
 * case ASCII tag names): every bracket that starts such a marker becomes
 * "‹", invisible characters inside the marker are removed.
 */
export function neutraliseMarkers(text: string, names: readonly string[]): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const bracket = bracketAt(text, i);
    if (bracket === 0) {
      i++;
      continue;
    }
    const end = names.map((name) => markerEnd(text, i + bracket, name)).find((e) => e > 0) ?? -1;
    if (end < 0) {
      i += bracket;
      continue;
    }
    out += text.slice(copied, i) + '‹' + text.slice(i + bracket, end).replace(INVISIBLE, '');
    copied = i = end;
  }
  return out + text.slice(copied);
}

/** Attribute values and text cannot open or close a source block, nor end an attribute (″ for "). */
export const neutralise = (text: string) => neutraliseMarkers(text, ['quelle']).replace(/["＂]/g, '″');

export function quoteSource(source: PromptSource): string {
  const { hit } = source;
  const attrs = [`nr="${source.n}"`, `dokument="${neutralise(hit.title)}"`, `fundstelle="${neutralise(locationLabel(hit))}"`];
  // The model should know which version applies; a superseded one is said so.
  if (hit.meta?.validity === 'superseded') attrs.push('fassung="außer Kraft (Altfassung)"');
  return `<quelle ${attrs.join(' ')}>\n${neutralise(source.text).trim()}\n</quelle>`;
}
