// Builds main/analysis/data/openthesaurus.txt, the thesaurus that widens queries (main/analysis/thesaurus.ts),
// from OpenThesaurus' text export as Debian ships it (package openthesaurus-de-text), and copies the
// LGPL-2.1 beside it. Run by hand when the data should be refreshed; the app never reads the Debian file.
//
//   node scripts/build-thesaurus.mjs [input] [--out dir] [--license file]
//
// Input: one synset per line, entries separated by ';', with annotations in parentheses:
// "Müll;Abfall;Siff (ugs.);(wertloses) Zeug (Hauptform);in den Müll geben".
//
// What is kept, and why (query expansion between everyday and official vocabulary):
// - Single words only. Leading patterns "(sich) …", "(jemanden) …" and trailing annotations
//   "… (ugs.)", "… (österr., Hauptform)" are removed first; an entry that is then more than one
//   word (idioms, "in den Müll geben") is dropped: a query word widens to single terms.
// - Letters and inner hyphens only ("E-Mail" stays; "ca.", "§", digits and "Kauf(manns)laden" go).
// - Dropped for their label: derb, vulg., abwertend (and stark/leicht/oft …), beleidigend,
//   Schimpfwort: insults are no search vocabulary of an office. veraltet (but not veraltend, which
//   is still in use, "Badeanstalt"), historisch: no one searches today's documents with them.
//   fig., ironisch, scherzhaft, spöttisch: a figurative sense is a different meaning
//   ("Spreu" for Abfall). Markenname, Handelsname (brands are homographs: "Tempo"), Symbol,
//   Einheitenzeichen, Formelzeichen, Kindersprache.
// - fachspr. is kept unless it is marked for an unrelated field or as a scientific name
//   (medizinisch, bot., zool., chem., lat., griechisch, …): legal and administrative terms carry
//   plain "fachspr." or "jur."/"Amtsdeutsch" (kept), and a rare technical word costs a query
//   nothing; Latin medical and botanical names only crowd out useful synonyms.
// - Everyday (ugs.), elevated (geh.), regional (österr., schweiz., …) and loan words (engl.) stay:
//   citizens write them, and clerks answer them.
// - The word marked Hauptform (the synset's main form) is written first, the rest in source order.
// - A synset keeps 2–12 words after filtering (duplicates removed): larger ones are mostly loose
//   associations ("Zeug" with 35 words). A synset with the same words as an earlier one is dropped.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const DEBIAN_INPUT = '/usr/share/openthesaurus-de/openthesaurus.txt';
const DEBIAN_LICENSE = '/usr/share/common-licenses/LGPL-2.1';
const MIN_WORDS = 2;
const MAX_WORDS = 12;

/** Labels (one item of a comma-separated annotation, lower case) that drop the entry. */
const DROP_LABEL = /derb|vulg|abwertend|abfällig|beleidigend|schimpfwort|rassistisch|veraltet|histor|fig\.|iron|scherzh|spött|markenname|handelsname|^symbol$|zeichen$|kindersprach/;
/** Field and scientific-language labels that drop an entry marked fachspr. */
const UNRELATED_FIELD = /mediz|^med\.|bot|zool|chem|biol|anat|^lat|griech|wissenschaft|math|physik|^tech|techn|astron|geol|ling|sprachwiss|psych|informatik|^it$|jäger|^mil|militär|seem|marit|mus\.|musik/;

const WORD = /^\p{L}+(?:-\p{L}+)*$/u;

/** The word an entry stands for, or null when the entry is not kept; `main` for the synset's Hauptform. */
export function entryWord(entry) {
  let text = entry.trim();
  const labels = [];
  let m;
  while ((m = /\s*\(([^()]*)\)\s*$/.exec(text))) {
    labels.push(...m[1].split(',').map((l) => l.trim().toLowerCase()));
    text = text.slice(0, m.index);
  }
  while ((m = /^\([^()]*\)\s*/.exec(text))) text = text.slice(m[0].length);
  text = text.trim();
  if (!WORD.test(text) || text.length < 2) return null;
  if (labels.some((l) => DROP_LABEL.test(l))) return null;
  if (labels.includes('fachspr.') && labels.some((l) => UNRELATED_FIELD.test(l))) return null;
  return { word: text, main: labels.includes('hauptform') };
}

/** The kept synsets of the thesaurus text, each a list of distinct words in source order. */
export function filterSynsets(source) {
  const kept = [];
  const seen = new Set();
  for (const line of source.split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const entries = line.split(';').map(entryWord).filter((e) => e !== null);
    // The Hauptform first: thesaurus.ts takes a synset's words in order when it must choose.
    const words = [...new Set([...entries.filter((e) => e.main), ...entries].map((e) => e.word))];
    if (words.length < MIN_WORDS || words.length > MAX_WORDS) continue;
    const key = [...words].sort().join(';');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(words);
  }
  return kept;
}

/** "2016-04-24" from the export's header line "# Automatically generated 2016-04-24 23:01". */
function sourceDate(source) {
  return /^# Automatically generated (\d{4}-\d{2}-\d{2})/m.exec(source)?.[1] ?? 'unknown';
}

/** The installed Debian package's version, when the input is the Debian file. */
function debianVersion(input) {
  if (resolve(input) !== DEBIAN_INPUT) return null;
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'openthesaurus-de-text'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function main() {
  const root = resolve(import.meta.dirname, '..');
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string', default: join(root, 'main/analysis/data') }, license: { type: 'string', default: DEBIAN_LICENSE } },
  });
  const input = positionals[0] ?? DEBIAN_INPUT;
  const source = readFileSync(input, 'utf8');
  const synsets = filterSynsets(source);
  const date = sourceDate(source);
  const debian = debianVersion(input);
  const version = debian ? `${date} (Debian openthesaurus-de-text ${debian})` : date;

  const header =
    `# OpenThesaurus (https://www.openthesaurus.de), version ${version}, Copyright (C) 2003-2014 Daniel Naber and contributors; ` +
    `licence LGPL-2.1-or-later, see OPENTHESAURUS-LICENSE.txt. Filtered by scripts/build-thesaurus.mjs: ${synsets.length} synsets, words separated by ';'.`;
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const dataFile = join(out, 'openthesaurus.txt');
  writeFileSync(dataFile, [header, ...synsets.map((s) => s.join(';'))].join('\n') + '\n');

  const preface = [
    'OpenThesaurus data bundled with Stadtschreiber',
    '==============================================',
    '',
    'openthesaurus.txt in this folder is data from OpenThesaurus, a German thesaurus',
    'written by its users (https://www.openthesaurus.de), Copyright (C) 2003-2014',
    `Daniel Naber and contributors, text export version ${version}.`,
    '',
    'It was filtered by scripts/build-thesaurus.mjs of this repository (single words',
    'only, annotations removed, some labels and large synsets dropped; see the script).',
    'Stadtschreiber reads it to widen search queries by synonyms (main/analysis/thesaurus.ts).',
    '',
    'OpenThesaurus is free software under the GNU Lesser General Public License,',
    'version 2.1 or (at your option) any later version. The full text follows.',
    '',
    '------------------------------------------------------------------------------',
    '',
  ].join('\n');
  writeFileSync(join(out, 'OPENTHESAURUS-LICENSE.txt'), preface + readFileSync(values.license, 'utf8'));

  console.log(`${dataFile}: ${synsets.length} synsets, ${readFileSync(dataFile).length} bytes (${dirname(dataFile)}/OPENTHESAURUS-LICENSE.txt)`);
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) main();
