import { fold, words } from './normalise';
import { stem } from './stem';

/**
 * The frame of a question: words that say how someone asks ("wie lange",
 * "was kostet", "darf ich", "gibt es"), not what about. They never select
 * candidates and never count when coverage of the question is judged;
 * a passage about "lange" or "kostet" is no closer to the answer. Most
 * frame words are stopwords already (wie, was, darf, muss); these are the
 * rest. Written for this project from general German usage.
 */
const FRAME = `
lange oft haufig viel viele wieviel wievielte hoch genau eigentlich bitte gerne gern ungefahr etwa
kostet koste zahle zahlen zahlt bezahlen bezahle teuer billig
gilt gelten brauche brauchen braucht benotige benotigen bekomme bekommen bekommt kriege
mache machen macht tun tue passiert passieren geht gehen erfahre erfahren wissen weiss
frage fragen mochte mochten wurde wurden konnte heisst bedeutet stimmt richtig erlaubt
jemand irgendwo irgendwann immer heute morgen mal wirklich eigentlich uberhaupt
ab bevor nachdem sobald solange neu neue neuen neuer neues alt alte alten alter altes ganz ganze ganzen
lassen droht drohen dran
`;

/**
 * What a question frame asks for, as the words an answering passage tends
 * to use: a cost question is answered by a passage with a Gebühr, a Betrag,
 * a Satz in Euro; "wie lange" by a Frist or a number of Monate. These terms
 * only lift candidates that already match the question (see LexicalSearch);
 * they neither select candidates nor count for coverage.
 */
const INTENTS: { cue: string; answer: string }[] = [
  { cue: 'kostet kosten koste zahle zahlen zahlt bezahlen bezahle teuer billig wieviel', answer: 'gebuhr gebuhren betrag betragt hohe euro satz steuersatz kostenbeitrag entgelt tarif' },
  { cue: 'lange dauer dauert', answer: 'frist dauer monat monate jahr jahre woche wochen tag tage zeitraum spatestens' },
  { cue: 'oft haufig', answer: 'taglich wochentlich monatlich jahrlich woche monat turnus rhythmus regelmassig' },
  { cue: 'wann bis ab', answer: 'frist spatestens zeitpunkt beginn ende tag uhr' },
  { cue: 'darf durfen erlaubt verboten', answer: 'zulassig erlaubt verboten untersagt gestattet erlaubnis genehmigung unzulassig' },
  { cue: 'muss mussen pflicht', answer: 'pflicht verpflichtet pflichtig anzeigen hat haben' },
  { cue: 'droht drohen strafe strafen bussgeld', answer: 'ordnungswidrig ordnungswidrigkeit geldbusse bussgeld verwarnungsgeld' },
  { cue: 'wer zustandig', answer: 'zustandig zustandigkeit stadt burgermeister amt behorde' },
];

const stems = (list: string) => list.trim().split(/\s+/).map((w) => stem(fold(w)));

const FRAME_WORDS: ReadonlySet<string> = new Set(FRAME.trim().split(/\s+/).map((w) => fold(w)));
const INTENT_TABLE = INTENTS.map((i) => ({ cues: new Set(i.cue.split(/\s+/).map((w) => fold(w))), terms: stems(i.answer) }));

/** A folded word that only frames a question. */
export const isFrameWord = (folded: string): boolean => FRAME_WORDS.has(folded);

/** Stems of what the question's frame asks for (empty for a question without one, or a plain keyword search). */
export function intentTerms(question: string): string[] {
  const asked = words(question);
  const out = new Set<string>();
  for (const intent of INTENT_TABLE) if (asked.some((w) => intent.cues.has(w))) intent.terms.forEach((t) => out.add(t));
  return [...out];
}
