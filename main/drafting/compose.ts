/**
 * Composes a letter from a template and checked field values: the parts of
 * the DIN 5008 frame (return address, recipient, information block,
 * subject, salutation, closing) and the body as paragraphs whose origin is
 * known (template wording, fixed block, field). Pure: no I/O.
 */
import { REMEDIES, REQUIRABLE_KEYS, type LegalArea, type LetterBlock, type LetterPreview, type LetterRun, type Letterhead, type Remedy, type RequirableKey } from '../contract';
import type { FullAddress, Normalized, NormalizedValues } from './field-values';
import { layoutReturnAddress, MAX_NOTE_LINES } from './din5008';
import { formatAmount, formatDate, formatDateLong, weekdayOf } from './format';
import { formatIban } from './iban';
import { lawValue, type LawKey } from './land-law';
import type { LetterTemplate } from './template-load';
import type { Node } from './template-syntax';

type Piece = { text: string; fieldId: string | null } | { fixed: string; pieces: Piece[] };

interface ComposeContext {
  values: NormalizedValues;
  letterhead: Letterhead;
  labels: Map<string, Map<string, string>>;
  law: { area: LegalArea; override: Remedy | null };
  /** Settings the letter printed although they are empty ("IBAN: " with nothing after it). */
  usedEmpty: Set<RequirableKey>;
}

/** The legal area and the Rechtsbehelf override of this letter, from the template and its choice fields. */
export function lawContext(template: LetterTemplate, values: NormalizedValues): ComposeContext['law'] {
  const choice = (fieldId: string) => {
    const value = values.get(fieldId);
    return value?.type === 'choice' ? value.text : '';
  };
  const area = 'area' in template.legalArea ? template.legalArea.area : ((choice(template.legalArea.fieldId) || 'allgemein') as LegalArea);
  const override = template.remedyField ? choice(template.remedyField) : '';
  return { area, override: (REMEDIES as readonly string[]).includes(override) ? (override as Remedy) : null };
}

/**
 * The composed letter. `usedEmpty` collects the settings the letter reads
 * but are empty, so that export can refuse a letter with gaps.
 */
export function composeLetter(template: LetterTemplate, values: NormalizedValues, letterhead: Letterhead, aiNotice?: string, usedEmpty = new Set<RequirableKey>()): LetterPreview {
  const labels = new Map(template.info.fields.map((f) => [f.id, new Map(f.options.map((o) => [o.value, o.label]))]));
  const ctx: ComposeContext = { values, letterhead, labels, law: lawContext(template, values), usedEmpty };
  const text = (key: keyof LetterTemplate['parts']) => plain(evaluate(template.parts[key], ctx, template)).trim();
  const recipientValue = values.get(template.recipient);
  const info = [
    { label: 'Ihr Zeichen', value: text('yourReference') },
    { label: 'Ihre Nachricht vom', value: text('yourMessageDate') },
    { label: 'Unser Zeichen', value: text('ourReference') },
    { label: 'Ansprechpartner/in', value: text('contact') },
    { label: 'Telefon', value: letterhead.phone },
    { label: 'E-Mail', value: letterhead.email },
    { label: 'Datum', value: text('date') },
  ].filter((row) => row.value !== '');
  return {
    templateId: template.info.id,
    layout: 'din5008',
    returnAddress: returnAddress(letterhead),
    returnAddressLines: layoutReturnAddress(returnAddress(letterhead)).lines,
    noteZone: partLines(text('noteZone')).slice(0, MAX_NOTE_LINES),
    recipient: recipientValue && 'value' in recipientValue ? addressLines(recipientValue.value) : [],
    info,
    subject: text('subject').replace(/\s*\n\s*/g, ' '),
    salutation: text('salutation'),
    body: toBlocks(evaluate(template.body, ctx, template), { kind: 'template' }),
    closing: text('closing'),
    signature: signatureLines(text('signature'), signatureMode(letterhead)),
    signatureMode: signatureMode(letterhead),
    signatureNote: signatureMode(letterhead) === 'machine' ? MACHINE_SIGNATURE_NOTE : null,
    enclosures: partLines(text('enclosures')).map((line) => line.replace(/^[-–•*]\s+/, '')),
    aiNotice: aiNotice?.trim() || null,
  };
}

/** Printed instead of the signature when the letterhead says "maschinell erstellt". */
export const MACHINE_SIGNATURE_NOTE = 'Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.';

const signatureMode = (l: Letterhead): LetterPreview['signatureMode'] => (l.signatureMode === 'machine' ? 'machine' : 'signed');

/** The non-empty lines of a letter part (Vermerke, Anlagen), trimmed. */
const partLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * The signature lines with one empty line where the handwritten signature
 * goes (signed: where the template has a blank line, else before the name);
 * machine: no signature space.
 */
function signatureLines(text: string, mode: LetterPreview['signatureMode']): string[] {
  const lines: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' && (lines.length === 0 || lines.at(-1) === '')) continue;
    lines.push(line);
  }
  while (lines.at(-1) === '') lines.pop();
  if (mode === 'machine') return lines.filter((line) => line !== '');
  if (lines.length > 0 && !lines.includes('')) lines.splice(lines.length === 1 ? 1 : lines.length - 1, 0, '');
  return lines;
}

/** The Rücksendeangabe: one line, the sender in short. */
export function returnAddress(l: Letterhead): string {
  return [l.authority, l.department, l.street, [l.postalCode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
}

/** DIN 5008 address lines: organisation, "Frau"/"Herrn" with the name, addition, street, postcode and town, country. */
function addressLines(a: FullAddress): string[] {
  const name = personName(a);
  const salutation = a.salutation === 'Herr' ? 'Herrn' : a.salutation;
  const person = [salutation, name].filter(Boolean).join(' ');
  const country = /^(deutschland|germany|de)$/i.test(a.country) ? '' : a.country.toUpperCase();
  return [a.organisation, person, a.extra, a.street, [a.postalCode, a.city].filter(Boolean).join(' '), country]
    .flatMap((part) => part.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const personName = (p: FullAddress) => [p.title, p.firstName, p.lastName].filter(Boolean).join(' ');

/** "Sehr geehrte Frau Dr. Mustermann" / "Sehr geehrter Herr …" / "Guten Tag Alex Muster" / "Sehr geehrte Damen und Herren". */
function letterSalutation(p: FullAddress | undefined): string {
  if (!p || !p.lastName) return 'Sehr geehrte Damen und Herren';
  const surname = [p.title, p.lastName].filter(Boolean).join(' ');
  if (p.salutation === 'Frau') return `Sehr geehrte Frau ${surname}`;
  if (p.salutation === 'Herr') return `Sehr geehrter Herr ${surname}`;
  return `Guten Tag ${personName(p)}`;
}

function formatValue(value: Normalized | undefined, prop: string | undefined, labels: Map<string, string> | undefined): string {
  if (!value) return prop === 'salutation' ? letterSalutation(undefined) : '';
  switch (value.type) {
    case 'text':
    case 'reference':
      return value.text;
    case 'multiline':
      return prop === 'list'
        ? value.text
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => (/^\s*[-–•*]\s+/.test(l) ? l.replace(/^\s*[-–•*]\s+/, '- ') : `- ${l.trim()}`))
            .join('\n')
        : value.text;
    case 'choice':
      return prop === 'value' ? value.text : (labels?.get(value.text) ?? value.text);
    case 'date':
      return prop === 'long' ? formatDateLong(value.iso) : prop === 'full' ? `${weekdayOf(value.iso)}, ${formatDateLong(value.iso)}` : formatDate(value.iso);
    case 'amount':
      return prop === 'number' ? formatAmount(value.cents) : `${formatAmount(value.cents)} €`;
    case 'iban':
      return formatIban(value.iban);
    case 'person':
    case 'address': {
      const v = value.value;
      if (prop === 'salutation') return letterSalutation(v);
      if (prop === 'name') return personName(v) || v.organisation;
      if (value.type === 'person') return [v.salutation, personName(v)].filter(Boolean).join(' ');
      const lines = addressLines(v);
      return prop === 'oneline' ? lines.join(', ') : lines.join('\n');
    }
  }
}

function letterheadValue(l: Letterhead, key: string): string {
  if (key === 'address') return [l.street, [l.postalCode, l.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (key === 'iban') return l.iban ? formatIban(l.iban) : '';
  return String((l as Record<string, string>)[key] ?? '');
}

const ADDRESS_PARTS = new Set(['street', 'postalCode', 'city']);

function resolve(path: string[], ctx: ComposeContext): { text: string; raw: string; set: boolean; fieldId: string | null; setting: RequirableKey | null } {
  const [head, prop] = path as [string, string | undefined];
  if (head === 'letterhead') {
    const text = letterheadValue(ctx.letterhead, prop ?? '');
    const key = ADDRESS_PARTS.has(prop ?? '') ? 'address' : (prop ?? '');
    return { text, raw: text, set: text !== '', fieldId: null, setting: (REQUIRABLE_KEYS as readonly string[]).includes(key) ? (key as RequirableKey) : null };
  }
  if (head === 'law') {
    const text = lawValue(ctx.letterhead.land, ctx.law.area, ctx.law.override, prop as LawKey);
    return { text, raw: text, set: text !== '', fieldId: null, setting: 'land' };
  }
  const value = ctx.values.get(head);
  const text = formatValue(value, prop, ctx.labels.get(head));
  const raw = value && 'text' in value ? value.text : text;
  return { text, raw, set: value !== undefined, fieldId: head, setting: null };
}

function evaluate(nodes: Node[], ctx: ComposeContext, template: LetterTemplate, out: Piece[] = []): Piece[] {
  for (const node of nodes) {
    if (node.t === 'text') out.push({ text: node.text, fieldId: null });
    else if (node.t === 'value') {
      const value = resolve(node.path, ctx);
      if (value.setting && !value.set) ctx.usedEmpty.add(value.setting);
      out.push({ text: value.text, fieldId: value.fieldId });
    } else if (node.t === 'if') {
      const value = resolve(node.cond.path, ctx);
      // A condition on the Land's law without a Land would silently drop the Rechtsbehelfsbelehrung.
      if (node.cond.path[0] === 'law' && !ctx.letterhead.land) ctx.usedEmpty.add('land');
      const holds = { set: value.set, unset: !value.set, eq: value.raw === node.cond.value, ne: value.raw !== node.cond.value }[node.cond.op];
      evaluate(holds ? node.then : node.else, ctx, template, out);
    } else {
      const block = template.blocks.get(node.id);
      if (block) out.push({ fixed: block.id, pieces: evaluate(block.nodes, ctx, template) });
    }
  }
  return out;
}

const plain = (pieces: Piece[]): string => pieces.map((p) => ('text' in p ? p.text : plain(p.pieces))).join('');

/**
 * Paragraphs are separated by blank lines; a line "- …" is a list item, a
 * line "## …" of the template's own text a heading, other lines of one
 * paragraph are kept as line breaks; **bold** works in the template's own text.
 */
function toBlocks(pieces: Piece[], origin: LetterBlock['origin']): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  let lines: { runs: LetterRun[]; literalStart: boolean }[] = [{ runs: [], literalStart: true }];
  let bold = false;
  const flush = () => {
    blocks.push(...paragraphsOf(lines, origin));
    lines = [{ runs: [], literalStart: true }];
    bold = false;
  };
  for (const piece of pieces) {
    if ('fixed' in piece) {
      flush();
      blocks.push(...toBlocks(piece.pieces, { kind: 'fixed', blockId: piece.fixed }));
      continue;
    }
    const parts = piece.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) lines.push({ runs: [], literalStart: piece.fieldId === null });
      const line = lines.at(-1)!;
      if (line.runs.length === 0) line.literalStart = piece.fieldId === null;
      if (part === '') return;
      if (piece.fieldId !== null) {
        line.runs.push({ text: part, bold, fieldId: piece.fieldId });
        return;
      }
      part.split('**').forEach((segment, j) => {
        if (j > 0) bold = !bold;
        if (segment) line.runs.push({ text: segment, bold, fieldId: null });
      });
    });
  }
  flush();
  return blocks;
}

function paragraphsOf(lines: { runs: LetterRun[]; literalStart: boolean }[], origin: LetterBlock['origin']): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  let current: LetterRun[] | null = null;
  const push = (kind: LetterBlock['kind'], runs: LetterRun[]) => {
    const fieldIds = new Set(runs.filter((r) => r.text.trim() !== '').map((r) => r.fieldId));
    const only = fieldIds.size === 1 ? [...fieldIds][0] : null;
    blocks.push({ kind, runs, origin: origin.kind === 'template' && only ? { kind: 'field', fieldId: only } : origin });
  };
  const end = () => {
    if (current && current.some((r) => r.text.trim() !== '')) push('paragraph', trimRuns(current));
    current = null;
  };
  for (const line of lines) {
    const text = line.runs.map((r) => r.text).join('');
    if (text.trim() === '') {
      end();
      continue;
    }
    const list = /^\s*[-–•]\s+/.exec(text);
    const heading = line.literalStart ? /^\s*##\s+/.exec(text) : null;
    if (list || heading) {
      end();
      push(list ? 'listItem' : 'heading', trimRuns(dropPrefix(line.runs, (list ?? heading)![0].length)));
      continue;
    }
    if (current) current.push({ text: '\n', bold: false, fieldId: null });
    current = [...(current ?? []), ...line.runs];
  }
  end();
  return blocks;
}

function dropPrefix(runs: LetterRun[], length: number): LetterRun[] {
  const out: LetterRun[] = [];
  let skip = length;
  for (const run of runs) {
    if (skip >= run.text.length) {
      skip -= run.text.length;
      continue;
    }
    out.push({ ...run, text: run.text.slice(skip) });
    skip = 0;
  }
  return out;
}

function trimRuns(runs: LetterRun[]): LetterRun[] {
  const out = runs.filter((r) => r.text !== '').map((r) => ({ ...r }));
  while (out.length && out[0]!.text.trim() === '') out.shift();
  while (out.length && out.at(-1)!.text.trim() === '') out.pop();
  if (out.length) {
    out[0]!.text = out[0]!.text.replace(/^[ \t]+/, '');
    out.at(-1)!.text = out.at(-1)!.text.replace(/[ \t]+$/, '');
  }
  return out;
}
