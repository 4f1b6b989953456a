import { afterEach, describe, expect, it } from 'vitest';
import { makePdf } from '../../e2e/fixtures/pdf';
import type { Logger } from '../log';
import { parseFile } from './parse-file';
import { memoryReason, needsThread, ON_THREAD, PARSE_BUDGET, ParseThread, type ParseBudget } from './parse-thread';
import { type DocumentKind } from './types';
import { FileError } from '../file-error';

const enc = (s: string) => new TextEncoder().encode(s);
/** One million paragraphs in 4 MB: a second or so and a few hundred MB of heap to read. */
const manyParagraphs = () => enc('ab\n\n'.repeat(1_000_000));
const small = () => enc('# Merkblatt Hundesteuer\n\nDie Steuer beträgt 90 Euro.\n');

let threads: ParseThread[] = [];
afterEach(() => {
  for (const thread of threads) thread.close();
  threads = [];
});
const open = (budget: Partial<ParseBudget> = {}, log?: Logger) => {
  const thread = new ParseThread({ budget, ...(log ? { log } : {}) });
  threads.push(thread);
  return thread;
};

describe('ParseThread', () => {
  it('reads files on its thread as parseFile does here, one thread for all of them', async () => {
    const thread = open();
    const files: [DocumentKind, Uint8Array][] = [
      ['md', small()],
      ['html', enc('<title>Gebühren</title><h2>§ 1 Höhe</h2><p>Die Gebühr beträgt 5 Euro.</p>')],
      ['txt', enc('Satzung\n\n§ 1 Steuergegenstand\n\nGegenstand der Steuer ist das Halten von Hunden.\n')],
      ['pdf', makePdf([['§ 3 Steuersatz', 'Die Steuer beträgt 90 Euro.'], ['Befreiung für Blindenhunde.']])],
    ];
    for (const [kind, bytes] of files) {
      const expected = await parseFile(kind, bytes, 'datei');
      // The thread takes the bytes over: it gets a copy.
      expect(await thread.parse(kind, new Uint8Array(bytes), 'datei')).toEqual(expected);
    }
    expect(thread.started).toBe(1);
  });

  it('gives a file that needs more memory than the budget up with the German reason, and reads the next on a new thread', async () => {
    const thread = open({ memoryMb: 64 });
    const failure = await thread.parse('md', manyParagraphs(), 'gross').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FileError);
    expect(failure).toMatchObject({ reason: 'Die Datei brauchte beim Lesen mehr als 64 MB Arbeitsspeicher und wurde übersprungen.' });
    expect((failure as Error).message).toMatch(/out of memory/);
    expect((await thread.parse('md', small(), 'klein')).title).toBe('Merkblatt Hundesteuer');
    expect(thread.started).toBe(2);
    expect(memoryReason(PARSE_BUDGET)).toBe('Die Datei brauchte beim Lesen mehr als 1 GB Arbeitsspeicher und wurde übersprungen.');
  });

  it('gives a file that takes longer than the budget up with the German reason, and reads the next on a new thread', async () => {
    const thread = open();
    // Started with the default budget (starting a thread is not the file's time).
    await thread.parse('md', small(), 'warm');
    thread.budget.timeMs = 50;
    const failure = await thread.parse('md', manyParagraphs(), 'langsam').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FileError);
    expect(failure).toMatchObject({ reason: 'Die Datei war nach 0,05 Sekunden noch nicht gelesen und wurde übersprungen.', message: 'parse exceeded 50 ms' });
    thread.budget.timeMs = PARSE_BUDGET.timeMs;
    expect((await thread.parse('md', small(), 'klein')).chunks).toHaveLength(1);
    expect(thread.started).toBe(2);
  });

  it('ends the thread at once when the job is cancelled mid-file: the parse rejects with the signal’s reason', async () => {
    const thread = open();
    await thread.parse('md', small(), 'warm');
    const controller = new AbortController();
    const parsing = thread.parse('md', manyParagraphs(), 'gross', controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(parsing).rejects.toMatchObject({ name: 'AbortError' });
    // Cancelled before it is handed over: no thread is asked.
    await expect(thread.parse('md', small(), 'danach', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(thread.started).toBe(1);
    expect((await thread.parse('md', small(), 'weiter')).title).toBe('Merkblatt Hundesteuer');
    expect(thread.started).toBe(2);
  });

  it('reads files here when no thread can start, and says so in the log', async () => {
    const warnings: string[] = [];
    const log: Logger = { debug() {}, info() {}, warn: (message) => void warnings.push(message), error() {} };
    // 1 MB of heap: the thread cannot even load the parsers.
    const thread = open({ memoryMb: 1 }, log);
    expect(await thread.parse('md', small(), 'datei')).toEqual(await parseFile('md', small(), 'datei'));
    expect(await thread.parse('txt', enc('Zweite Datei.'), 'zwei')).toMatchObject({ title: 'Zweite Datei.' });
    expect(thread.started).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/parse thread could not start/)]);
  });
});

describe('parseWhereNeeded', () => {
  it('sends PDFs, office files and large files to the thread, and parses small text files here', () => {
    expect(needsThread('pdf', 100)).toBe(true);
    expect(needsThread('docx', 100)).toBe(true);
    expect(needsThread('odt', 100)).toBe(true);
    expect(needsThread('md', ON_THREAD.fromBytes - 1)).toBe(false);
    expect(needsThread('md', ON_THREAD.fromBytes)).toBe(true);
    expect(needsThread('html', 2_000)).toBe(false);
  });

  it('reads a small Markdown file without starting the thread, and a PDF on it', async () => {
    const thread = open();
    expect((await thread.parseWhereNeeded('md', small(), 'merkblatt')).chunks[0]!.text).toContain('90 Euro');
    expect(thread.started).toBe(0);
    const pdf = await thread.parseWhereNeeded('pdf', makePdf([['Sondernutzung', 'Die Gebühr beträgt 12 Euro.']]), 'sondernutzung');
    expect(pdf.chunks.map((c) => c.text).join(' ')).toContain('12 Euro');
    expect(thread.started).toBe(1);
  });
});
