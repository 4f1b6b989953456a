import { Tokenizer } from 'htmlparser2';

/** What a markup document is made of, in source order (see scanMarkup). */
interface MarkupEvents {
  /** An element starts; its attributes are complete. */
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  /** An element ends: by its end tag, implied by another tag, or at the end of the input. */
  close(name: string): void;
  /** Text with entities decoded; `start` and `end` are the source offsets of its first and last character. */
  text(text: string, start: number, end: number): void;
}

/** Open tags that end the named open elements first (htmlparser2's rules, which follow the HTML spec loosely). */
const P = new Set(['p']);
const HEADINGS_AND_P = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, HEADINGS_AND_P] as [string, Set<string>]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, FORM_TAGS] as [string, Set<string>]),
  ...['p', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map(
    (t) => [t, P] as [string, Set<string>],
  ),
]);
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const FOREIGN = new Set(['svg', 'math']);

/**
 * Reads HTML (or XML) in one pass with htmlparser2's tokenizer and a tree
 * builder of its own: open elements on a stack that grows and shrinks at
 * its end, with a count per name, so that every tag costs constant time
 * however deep the document nests (htmlparser2's Parser shifts its whole
 * stack at every tag: 300,000 nested elements took minutes). Nothing
 * recurses, so no nesting depth overflows the call stack. The events are
 * those of htmlparser2's Parser for the same input: end tags close the
 * elements opened after theirs, some open tags imply the end of others,
 * void elements end at once, stray end tags are ignored.
 */
export function scanMarkup(source: string, events: MarkupEvents, options: { xml: boolean }): void {
  const html = !options.xml;
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  let foreign = 0;
  let tagName = '';
  let attributes: Record<string, string> = {};
  let attributeName = '';
  let attributeValue = '';
  // Where the next event starts (text after an entity, CDATA), as htmlparser2's Parser counts it.
  let cursor = 0;

  const push = (name: string) => {
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
    if (html && FOREIGN.has(name)) foreign++;
  };
  const pop = () => {
    const name = stack.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    if (html && FOREIGN.has(name)) foreign--;
    events.close(name);
    return name;
  };
  const startTag = (name: string, selfClosing: boolean) => {
    // HTML ignores a form inside a form.
    if (html && name === 'form' && (openCount.get('form') ?? 0) > 0) return;
    if (html) {
      const implied = OPEN_IMPLIES_CLOSE.get(name);
      if (implied) while (stack.length > 0 && implied.has(stack[stack.length - 1]!)) pop();
    }
    if (html && VOID.has(name)) {
      events.open(name, attributes);
      events.close(name);
      return;
    }
    push(name);
    events.open(name, attributes);
    // HTML ignores "/>" except on foreign elements (svg, math and what is inside them).
    if (selfClosing && (!html || foreign > 0)) pop();
  };
  const endTag = (name: string) => {
    if (html && VOID.has(name)) {
      // "</br>" is read as "<br>".
      if (name === 'br') {
        events.open('br', {});
        events.close('br');
      }
      return;
    }
    if ((openCount.get(name) ?? 0) > 0) {
      while (pop() !== name);
    } else if (html && name === 'p') {
      // "</p>" without an open p is an empty paragraph.
      events.open('p', {});
      events.close('p');
    }
  };

  const name = (start: number, end: number) => (html ? source.slice(start, end).toLowerCase() : source.slice(start, end));
  const tokenizer = new Tokenizer(
    { xmlMode: !html, decodeEntities: true },
    {
      onopentagname(start, end) {
        tagName = name(start, end);
        attributes = {};
      },
      onattribname(start, end) {
        attributeName = name(start, end);
        attributeValue = '';
      },
      onattribdata(start, end) {
        attributeValue += source.slice(start, end);
      },
      onattribentity(codepoint) {
        attributeValue += String.fromCodePoint(codepoint);
      },
      onattribend() {
        if (!Object.hasOwn(attributes, attributeName)) attributes[attributeName] = attributeValue;
        attributeValue = '';
      },
      onopentagend(end) {
        cursor = end + 1;
        startTag(tagName, false);
      },
      onselfclosingtag(end) {
        cursor = end + 1;
        startTag(tagName, true);
      },
      onclosetag(start, end) {
        cursor = end + 1;
        endTag(name(start, end));
      },
      ontext(start, end) {
        cursor = end;
        if (end > start) events.text(source.slice(start, end), start, end - 1);
      },
      ontextentity(codepoint, end) {
        const start = cursor;
        cursor = end;
        events.text(String.fromCodePoint(codepoint), start, end - 1);
      },
      oncdata(start, end, offset) {
        const from = cursor;
        cursor = end + 1;
        // XML's CDATA is text; in HTML it is a comment, except inside svg or math.
        if ((!html || foreign > 0) && end - offset > start) events.text(source.slice(start, end - offset), from, end);
      },
      oncomment(_start, end) {
        cursor = end + 1;
      },
      ondeclaration(_start, end) {
        cursor = end + 1;
      },
      onprocessinginstruction(_start, end) {
        cursor = end + 1;
      },
      onend() {
        while (stack.length > 0) pop();
      },
      isInForeignContext: () => foreign > 0,
    },
  );
  tokenizer.write(source);
  tokenizer.end();
}
