/**
 * Checks each sentence of a generated answer against the passages it cites,
 * without a model: its numbers (amounts, dates, periods, times, § references)
 * must stand in a cited passage, and enough of its content words must occur
 * there, analysed as search analyses them (stems, compound parts, synonyms).
 */
import { headingLabel, type Claim } from '../contract';
import type { Analyzer } from '../analysis/analyze';
import { nfc, tokenize } from '../analysis/normalise';
import { STOPWORDS } from '../analysis/stopwords';
import { stem } from '../analysis/stem';
import { synonymsOf } from '../analysis/synonyms';
import { CITATION, numbersIn } from './citations';
import { sentenceRanges } from './sentences';
import { backs, extractQuantities, foldText, passageKeys, type Quantity, type QuantityKind } from './numbers';

export interface ClaimSource {
  /** The number the answer cites it by: [n]. */
  n: number;
  text: string;
  /** The passage's headings, outermost first. */
  headingPath: string[];
  title: string;
}

/**
 * The share of a sentence's content words that must occur in its cited
 * passages. Models paraphrase ("kostet" for "beträgt", "pro Jahr" for "im
 * Jahr") and add connecting words, so requiring every word would flag most
 * faithful sentences; a sentence about something else entirely (a wrong
 * citation) shares few or none of its words with the passage. Half keeps
 * both apart on the answers we have looked at.
 */
export const MIN_SUPPORTED_SHARE = 0.5;

/** A sentence with fewer content words than this (and no number) says nothing to check ("Gern.", "Kurz gesagt:"). */
const MIN_CONTENT_WORDS = 2;

/** The shortest last part of a compound that counts for the compound ("hund" in "kampfhund"). */
const MIN_HEAD = 4;

/** How many missing words a reason names. */
const MAX_LISTED = 3;

/** Compound parts and stems shorter than this are not looked for inside the passage's words (too many chance hits). */
const MIN_INNER_MATCH = 5;

/** Adds the source numbers of one citation's list to `out`, each once. */
function citedNumbers(list: string, out: number[]): void {
  for (const n of numbersIn(list)) if (!out.includes(n)) out.push(n);
}

/**
 * Words of the answer's own making that no passage needs to contain: about
 * the sources themselves, politeness, connectives. Folded, as the analyzer's
 * tokens are.
 */
const META_WORDS: ReadonlySet<string> = new Set(
  `quelle quellen quellenangabe dokument dokumente dokumenten unterlagen text texte texten passage passagen auszug auszugen
  sagen sagt besagt steht stehen heisst lautet genannt genannte genannten angegeben erwahnt beschrieben
  folgendes folgende folgenden folgt gern gerne bitte beachten leider dazu hierzu hierfur dafur darauf daruber davon dabei
  daher deshalb somit demnach folglich zudem ausserdem ebenfalls jedoch allerdings insbesondere grundsatzlich generell
  beispielsweise jeweils bereits zunachst anschliessend danach weiterhin lediglich insgesamt zusammenfassend kurz gesagt
  pro je rund circa ca z b bzw usw etc sofern soweit falls wobei zwar vorliegenden vorliegende zitierten frage antwort
  konkret genau demzufolge entsprechend dementsprechend hinweis sogenannt sogenannte sogenannten sogenannter sog`
    .split(/\s+/)
    .filter(Boolean),
);

/* ------------------------------------------------------------ sentences */

interface Unit {
  start: number;
  end: number;
  paragraph: number;
  own: number[];
  citations: number[];
}

/** Where a range of sentenceRanges is cut further: line breaks, and after "2022." before a capital. */
const CUT = /\n|(?<=\d{3}\.)[ \t]+(?=\p{Lu})/gu;
const CITATIONS_ONLY = /^(?:\s*\[[^\]\n]{1,40}\]\s*)+[.,;:!?]?$/;
const LEADING_CITATIONS = /^(?:\[[^\]\n]{1,40}\]\s*)+/;

/**
 * The answer's sentences with their citations. sentenceRanges splits at
 * sentence ends, blank lines and list items; here also at every line break
 * (headings, table rows) and after a number of three or more digits that
 * ends a sentence ("seit 2022. Die …", which sentenceRanges keeps together
 * as if it were an ordinal). A citation that stands after the full stop
 * ("… 108 Euro. [1]") belongs to the sentence before it.
 *
 * Citations of a sentence: the [n] it contains. A sentence without any takes
 * those of the next sentence in the same paragraph that has some (models
 * often cite once, at the end of a paragraph or a list), else those of the
 * nearest sentence before it in the paragraph. Paragraphs are separated by
 * blank lines; a list belongs to the paragraph it stands in.
 */
function units(answer: string): Unit[] {
  const ranges: [number, number][] = [];
  for (const [s, e] of sentenceRanges(answer)) {
    let from = s;
    const piece = answer.slice(s, e);
    for (const m of piece.matchAll(CUT)) {
      pushTrimmed(answer, ranges, from, s + m.index);
      from = s + m.index + m[0].length;
    }
    pushTrimmed(answer, ranges, from, e);
  }
  const breaks = [...answer.matchAll(/\n[ \t]*\n/g)].map((m) => m.index);
  const paragraphOf = (at: number) => {
    let p = 0;
    while (p < breaks.length && breaks[p]! < at) p++;
    return p;
  };
  const out: Unit[] = [];
  for (const [s, e] of ranges) {
    const paragraph = paragraphOf(s);
    const prev = out[out.length - 1];
    const text = answer.slice(s, e);
    const sameLine = prev !== undefined && prev.paragraph === paragraph && !answer.slice(prev.end, s).includes('\n');
    if (prev && sameLine && CITATIONS_ONLY.test(text)) {
      prev.end = e;
      continue;
    }
    let start = s;
    const lead = LEADING_CITATIONS.exec(text);
    if (prev && sameLine && lead) {
      prev.end = s + lead[0].trimEnd().length;
      start = s + lead[0].length;
      if (start >= e) continue;
    }
    out.push({ start, end: e, paragraph, own: [], citations: [] });
  }
  for (const unit of out) {
    for (const m of answer.slice(unit.start, unit.end).matchAll(CITATION)) citedNumbers(m[1]!, unit.own);
  }
  out.forEach((unit, i) => {
    if (unit.own.length) {
      unit.citations = unit.own;
      return;
    }
    for (let j = i + 1; j < out.length && out[j]!.paragraph === unit.paragraph; j++) {
      if (out[j]!.own.length) {
        unit.citations = out[j]!.own;
        return;
      }
    }
    for (let j = i - 1; j >= 0 && out[j]!.paragraph === unit.paragraph; j--) {
      if (out[j]!.own.length) {
        unit.citations = out[j]!.own;
        return;
      }
    }
  });
  return out;
}

function pushTrimmed(text: string, out: [number, number][], start: number, end: number): void {
  const raw = text.slice(start, end);
  if (!raw.trim()) return;
  out.push([start + raw.length - raw.trimStart().length, end - (raw.length - raw.trimEnd().length)]);
}

/**
 * The sentence with what is not its statement blanked out (same length, so
 * offsets stay): citations, "Quelle 2" in prose, list markers, Markdown marks.
 */
function clean(sentence: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return sentence
    .replace(CITATION, blank)
    .replace(/\bQuellen?\s+\d{1,3}(?:\s*(?:,|und)\s*\d{1,3})*/g, blank)
    // A list marker, but not the day of a date at the start ("1. Januar 2022 …").
    .replace(/^\s*(?:#{1,6}|>|[-•*–]|\(?\d{1,2}[.)](?!\s+(?:Jan|Jän|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez))|\(?[a-z][.)])(?=\s)/, blank)
    .replace(/\*\*|__|`/g, blank);
}

function isHeading(sentence: string): boolean {
  const s = sentence.trim();
  return /^#{1,6}\s/.test(s) || /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(s);
}

const isQuestion = (cleaned: string) => /\?\s*$/.test(cleaned.trimEnd().replace(/[)"“”»«]+$/, ''));

/* ------------------------------------------------------------ abstention */

/** Words that point at the sources, or at the writer (a statement about what was found). */
const ABOUT_SOURCES =
  /\b(?:quellen?|unterlagen|dokumente?n?|texte?n?|passagen?|auszug(?:e|en)?|materialien|vorliegenden|bereitgestellten|zitierten|angegebenen|suchergebnisse?n?|treffer(?:n)?|ich|mir|mich|wir|uns)\b/;
/** "keine Angaben", "keinerlei Informationen", "keine genaue Aussage". */
const NO_INFORMATION =
  /\bkein(?:e|en|erlei)?\s+(?:\p{L}+\s+)?(?:angaben?|information(?:en)?|aussagen?|auskunfte?|hinweise?|regelung(?:en)?|antwort(?:en)?|details|daten|inhalte|bestimmungen|ausfuhrungen|erkenntnisse|anhaltspunkte|erwahnung)\b/u;
const NOTHING = /\bnichts\b/;
const NOT = /\bnicht\b/;
const NOT_VERB =
  /\b(?:hervor|entnehmen|entnommen|beantworten|beantwortet|beantwortbar|erwahnt|erwahnen|genannt|nennen|behandelt|behandeln|geregelt|regeln|thematisiert|enthalten|enthalt|aufgefuhrt|ableiten|abgeleitet|ersichtlich|finden|gefunden|beschrieben|angegeben|festgelegt|sagen|aussagen|eingegangen|vorhanden)\b|\blieg(?:en|t)\b.*\bvor\b/;
const SILENT = /\bschweig(?:en|t)\b/;

/** Sentences that send the clerk elsewhere, which an abstaining answer often adds. */
const ADVICE = /\b(?:wenden sie sich|empfehle|empfehlen|empfiehlt|erkundigen sie sich|fragen sie|nachfragen|nachzufragen|rucksprache|kontaktieren|kontakt aufnehmen|zustandigen?\s+stelle|weiterhelfen)\b/;

/** Whether one sentence (citations blanked) says that the sources do not answer. */
function isAbstention(cleaned: string): boolean {
  const s = foldText(cleaned).replace(/\s+/g, ' ');
  if (!ABOUT_SOURCES.test(s)) return false;
  return NO_INFORMATION.test(s) || NOTHING.test(s) || SILENT.test(s) || (NOT.test(s) && NOT_VERB.test(s));
}

/** Content words without the analyzer (for the abstention test): not stopwords, not meta words, not numbers. */
function plainContentWords(cleaned: string, quantities: Quantity[]): number {
  let count = 0;
  for (const t of tokenize(cleaned)) {
    if (STOPWORDS.has(t.word) || META_WORDS.has(t.word) || /^\p{N}/u.test(t.word)) continue;
    if (quantities.some((q) => t.start < q.end && t.end > q.start)) continue;
    count++;
  }
  return count;
}

/**
 * Whether the answer as a whole says that the sources do not answer the
 * question ("Die Quellen enthalten keine Angaben zu …", "… geht aus den
 * Quellen nicht hervor", "Dazu finde ich in den Quellen nichts."): at least
 * one sentence says so, and every other sentence with content is of that
 * kind too or merely advice ("Bitte wenden Sie sich an …"). An answer that
 * says something and notes a gap is not a refusal.
 */
export function saysSourcesDoNotAnswer(text: string): boolean {
  let abstentions = 0;
  for (const unit of units(text)) {
    const sentence = text.slice(unit.start, unit.end);
    const cleaned = clean(sentence);
    if (isHeading(sentence) || isQuestion(cleaned)) continue;
    const quantities = extractQuantities(cleaned).filter((q) => q.needs.length > 0);
    if ((unit.own.length === 0 || quantities.length === 0) && isAbstention(cleaned)) {
      abstentions++;
      continue;
    }
    if (ADVICE.test(foldText(cleaned))) continue;
    if (quantities.length > 0 || plainContentWords(cleaned, quantities) >= MIN_CONTENT_WORDS) return false;
  }
  return abstentions > 0;
}

/* ------------------------------------------------------------ passages */

interface Facts {
  /** Terms of the passage's text, heading and title (stems and compound parts). */
  terms: Set<string>;
  /** Its content words folded, space-separated, with a space at either end: for looking inside compounds. */
  folded: string;
  /** What its quantities offer (see numbers.ts). */
  keys: Set<string>;
}

function factsOf(source: ClaimSource, analyzer: Analyzer): Facts {
  const all = `${source.title}\n${headingLabel(source.headingPath)}\n${source.text}`;
  const terms = new Set<string>();
  let folded = ' ';
  // The analyzer's indexing path: a word seen before costs one lookup, its terms are cached.
  for (const info of analyzer.contentWords(all)) {
    for (const term of info.terms ?? analyzer.termsOf(info.word)) terms.add(term);
    folded += info.word + ' ';
  }
  return { terms, folded, keys: passageKeys(all, folded) };
}

/**
 * `needle` at a word start in `folded`, or, with `inner`, also inside a word
 * after at least three letters (a compound's later part: "steuer" in
 * "hundesteuer").
 */
function occursInWords(folded: string, needle: string, inner: boolean): boolean {
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
    if (folded[at - 1] === ' ' || (inner && at - folded.lastIndexOf(' ', at) > 3)) return true;
  }
  return false;
}

/**
 * Whether a word of the sentence occurs in the passages: one of its terms
 * or their synonyms is a passage term; or its stem begins a passage word
 * ("ermäßig" in "ermäßigt"); or the word stands in one, also as a
 * compound's part ("Steuer" in "Hundesteuer"); or a passage term is a long prefix of it
 * ("beträgt" and "betragen", which the stemmer keeps apart); or its last
 * compound part is a passage term ("Kampfhund" for "Hund"); or it is an
 * adjective of a passage's noun ("jährlich" for "Jahr").
 */
function found(word: string, terms: string[], facts: Facts[]): boolean {
  for (const f of facts) {
    for (const term of terms) {
      if (f.terms.has(term)) return true;
      for (const synonym of synonymsOf(term)) if (f.terms.has(synonym)) return true;
    }
    // A stem only at a word start ("ermäßig" in "ermäßigt", not in "Steuermaßstab"); the whole word also inside a compound.
    const own = terms[0] ?? stem(word);
    if (own.length >= MIN_INNER_MATCH && occursInWords(f.folded, own, false)) return true;
    if (word.length >= MIN_INNER_MATCH && occursInWords(f.folded, word, true)) return true;
    for (let length = word.length - 1; length >= MIN_INNER_MATCH; length--) if (f.terms.has(word.slice(0, length))) return true;
    // A compound whose last part the passage has: "Kampfhund" is a "Hund" (German puts the head last).
    for (let at = 3; own.length - at >= MIN_HEAD; at++) if (f.terms.has(own.slice(at))) return true;
    const base = DERIVED.exec(word)?.[1];
    if (base && (f.terms.has(base) || f.terms.has(stem(base)))) return true;
  }
  return false;
}

/** An adjective made from a noun: "jährlich" from "Jahr", "monatlich", "zusätzlich", "gebührenpflichtig" (folded). */
const DERIVED = /^(\p{L}{3,}?)(?:lich|ig|isch)(?:e|en|er|es|em)?$/u;

/* ------------------------------------------------------------ reasons */

const LABEL: Record<QuantityKind, string> = {
  amount: 'Der Betrag',
  percent: 'Der Prozentsatz',
  date: 'Das Datum',
  period: 'Die Frist',
  time: 'Die Uhrzeit',
  reference: 'Die Vorschrift',
  number: 'Die Zahl',
};

const list = (ns: number[]) => ns.map((n) => `[${n}]`).join(', ');
const inSources = (ns: number[]) => (ns.length === 1 ? `in Quelle ${list(ns)}` : `in den zitierten Quellen ${list(ns)}`);
const bySources = (ns: number[]) => (ns.length === 1 ? `von Quelle ${list(ns)}` : `von den Quellen ${list(ns)}`);
const quote = (s: string) => `„${s.replace(/\s+/g, ' ').trim()}“`;

function numbersReason(missing: Quantity[], cited: number[]): string {
  if (missing.length === 1) return `${LABEL[missing[0]!.kind]} ${quote(missing[0]!.text)} steht nicht ${inSources(cited)}.`;
  const shown = missing.slice(0, MAX_LISTED).map((q) => quote(q.text));
  return `Die Angaben ${shown.join(', ')}${missing.length > MAX_LISTED ? ' u. a.' : ''} stehen nicht ${inSources(cited)}.`;
}

/* ------------------------------------------------------------ check */

/**
 * Every sentence of the answer with content, checked against the passages
 * it cites (see `units` for which citations a sentence has). A sentence has
 * content when it holds a number, amount, date, period, time or § reference,
 * or at least two content words; headings, questions, sentences saying
 * that the sources do not answer and referrals without a citation of their
 * own ("Bitte wenden Sie sich an …") are left out. A claim is unsupported when
 * it cites nothing, cites a source that was not given, holds a number that
 * no cited passage holds, or when less than MIN_SUPPORTED_SHARE of its
 * content words occur in the cited passages.
 */
export function checkClaims(answer: string, sources: ClaimSource[], analyzer: Analyzer): Claim[] {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  const facts = new Map<number, Facts>();
  const factsFor = (n: number) => {
    let f = facts.get(n);
    if (!f) facts.set(n, (f = factsOf(byNumber.get(n)!, analyzer)));
    return f;
  };
  const claims: Claim[] = [];
  for (const unit of units(answer)) {
    const sentence = answer.slice(unit.start, unit.end);
    if (isHeading(sentence)) continue;
    const cleaned = nfc(clean(sentence));
    if (isQuestion(cleaned)) continue;
    const quantities = extractQuantities(cleaned);
    const checked = quantities.filter((q) => q.needs.length > 0);
    // A sentence that says the sources do not answer is no claim, unless it cites a source for a number (it then also states something).
    if ((unit.own.length === 0 || checked.length === 0) && isAbstention(cleaned)) continue;
    // Nor is a referral without a citation or a number of its own ("Bitte wenden Sie sich an die Steuerabteilung.").
    if (unit.own.length === 0 && checked.length === 0 && ADVICE.test(foldText(cleaned))) continue;
    const content = analyzer
      .analyze(cleaned)
      .filter((t) => !META_WORDS.has(t.word) && !/^\p{N}/u.test(t.word) && !quantities.some((q) => t.start < q.end && t.end > q.start));
    if (checked.length === 0 && content.length < MIN_CONTENT_WORDS) continue;

    const cited = unit.citations;
    const claim = (reason: string | null): Claim => ({ text: sentence, start: unit.start, end: unit.end, citations: [...cited], supported: reason === null, reason });
    if (cited.length === 0) {
      claims.push(claim('Ohne Quellenangabe.'));
      continue;
    }
    const unknown = cited.filter((n) => !byNumber.has(n));
    if (unknown.length) {
      claims.push(claim(unknown.length === 1 ? `Quelle ${list(unknown)} gibt es nicht.` : `Die Quellen ${list(unknown)} gibt es nicht.`));
      continue;
    }
    const passages = cited.map(factsFor);
    const missingNumbers = checked.filter((q) => !passages.some((p) => backs(p.keys, q)));
    if (missingNumbers.length) {
      claims.push(claim(numbersReason(missingNumbers, cited)));
      continue;
    }
    const missingWords: string[] = [];
    for (const token of content) {
      if (!found(token.word, token.terms, passages)) missingWords.push(cleaned.slice(token.start, token.end));
    }
    const share = content.length === 0 ? 1 : (content.length - missingWords.length) / content.length;
    if (share < MIN_SUPPORTED_SHARE) {
      const shown = [...new Set(missingWords)].slice(0, MAX_LISTED).join(', ');
      claims.push(claim(`Die Aussage wird ${bySources(cited)} nicht gestützt (nicht gefunden: ${shown}).`));
      continue;
    }
    claims.push(claim(null));
  }
  return claims;
}
