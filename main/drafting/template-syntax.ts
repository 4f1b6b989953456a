/**
 * The placeholder language of template bodies (and of the letter parts in
 * the front matter):
 *
 *   {{feld}}  {{feld.eigenschaft}}  {{letterhead.city}}     a value
 *   {{#if feld}} … {{else}} … {{/if}}                      a condition
 *   {{#if feld = "wert"}}  {{#if feld != "wert"}}  {{#if not feld}}
 *   {{> block-id}}                                        a fixed text block, word for word
 *
 * A tag of a block (#if, else, /if, >) alone on its line takes the line
 * with it, so conditions do not leave blank lines behind.
 */

type Condition = { path: string[]; op: 'set' | 'unset' | 'eq' | 'ne'; value: string };

export type Node =
  | { t: 'text'; text: string }
  | { t: 'value'; path: string[]; line: number }
  | { t: 'if'; cond: Condition; line: number; then: Node[]; else: Node[] }
  | { t: 'fixed'; id: string; line: number };

export class SyntaxProblem extends Error {}

const TAG = /\{\{([^{}]*)\}\}/g;
const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9]*)?$/;
const BLOCK_TAG = /^\s*(#if\b.*|else|\/if|>.*)\s*$/;

type Token = { kind: 'text'; text: string } | { kind: 'tag'; body: string; line: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const start = match.index;
    let end = start + match[0].length;
    let textEnd = start;
    if (BLOCK_TAG.test(match[1]!)) {
      // Standalone: only whitespace between the previous newline and the tag, and the tag and the next newline.
      const lineStart = source.lastIndexOf('\n', start - 1) + 1;
      const nl = source.indexOf('\n', end);
      const lineEnd = nl === -1 ? source.length : nl;
      if (lineStart >= last && source.slice(lineStart, start).trim() === '' && source.slice(end, lineEnd).trim() === '') {
        textEnd = lineStart;
        end = nl === -1 ? lineEnd : nl + 1;
      }
    }
    if (textEnd > last) tokens.push({ kind: 'text', text: source.slice(last, textEnd) });
    tokens.push({ kind: 'tag', body: match[1]!.trim(), line: lineOf(source, start) });
    last = end;
  }
  if (last < source.length) tokens.push({ kind: 'text', text: source.slice(last) });
  return tokens;
}

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

function parsePath(text: string, line: number): string[] {
  if (!PATH.test(text)) throw new SyntaxProblem(`Zeile ${line}: „{{${text}}}“ ist kein gültiger Platzhalter (erlaubt: {{feld}} oder {{feld.eigenschaft}}).`);
  return text.split('.');
}

function parseCondition(text: string, line: number): Condition {
  const compare = /^([^\s!=]+)\s*(!=|=)\s*"([^"]*)"$/.exec(text);
  if (compare) return { path: parsePath(compare[1]!, line), op: compare[2] === '=' ? 'eq' : 'ne', value: compare[3]! };
  const negated = /^not\s+(\S+)$/.exec(text);
  if (negated) return { path: parsePath(negated[1]!, line), op: 'unset', value: '' };
  if (/^\S+$/.test(text)) return { path: parsePath(text, line), op: 'set', value: '' };
  throw new SyntaxProblem(`Zeile ${line}: Die Bedingung „${text}“ ist ungültig (erlaubt: feld, not feld, feld = "wert", feld != "wert").`);
}

/** Parses a body or a letter part; throws SyntaxProblem with the line in German. */
export function parseTemplateText(source: string, lineOffset = 0): Node[] {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { t: 'if' }>; inElse: boolean }[] = [];
  const target = () => {
    const top = stack.at(-1);
    return top ? (top.inElse ? top.node.else : top.node.then) : root;
  };
  for (const token of tokenize(source)) {
    if (token.kind === 'text') {
      target().push({ t: 'text', text: token.text });
      continue;
    }
    const line = token.line + lineOffset;
    const body = token.body;
    if (body.startsWith('#if')) {
      const node: Extract<Node, { t: 'if' }> = { t: 'if', cond: parseCondition(body.slice(3).trim(), line), line, then: [], else: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (body === 'else') {
      const top = stack.at(-1);
      if (!top || top.inElse) throw new SyntaxProblem(`Zeile ${line}: {{else}} ohne passendes {{#if …}}.`);
      top.inElse = true;
    } else if (body === '/if') {
      if (!stack.pop()) throw new SyntaxProblem(`Zeile ${line}: {{/if}} ohne passendes {{#if …}}.`);
    } else if (body.startsWith('>')) {
      const id = body.slice(1).trim();
      if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new SyntaxProblem(`Zeile ${line}: „{{> ${id}}}“ nennt keinen gültigen Textbaustein.`);
      target().push({ t: 'fixed', id, line });
    } else if (body.startsWith('#') || body.startsWith('/')) {
      throw new SyntaxProblem(`Zeile ${line}: „{{${body}}}“ ist unbekannt (erlaubt sind {{#if …}}, {{else}}, {{/if}}).`);
    } else {
      target().push({ t: 'value', path: parsePath(body, line), line });
    }
  }
  const open = stack.at(-1);
  if (open) throw new SyntaxProblem(`Zeile ${open.node.line}: {{#if …}} wird nicht mit {{/if}} geschlossen.`);
  return root;
}

/** Every placeholder path and fixed block a parsed text uses (for checks at load time). */
export function referencesOf(nodes: Node[], out: { paths: { path: string[]; line: number }[]; blocks: { id: string; line: number }[] } = { paths: [], blocks: [] }) {
  for (const node of nodes) {
    if (node.t === 'value') out.paths.push({ path: node.path, line: node.line });
    else if (node.t === 'fixed') out.blocks.push({ id: node.id, line: node.line });
    else if (node.t === 'if') {
      out.paths.push({ path: node.cond.path, line: node.line });
      referencesOf(node.then, out);
      referencesOf(node.else, out);
    }
  }
  return out;
}
