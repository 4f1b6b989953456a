/** Abbreviations after which a full stop does not end a sentence (German legal and office text). */
const ABBREVIATIONS = /(?:\b(?:Abs|Nr|Art|Satz|S|Ziff|lit|bzw|ggf|vgl|z|B|u|a|d|h|o|Buchst|Anl|Tel|Dr|Str|ca|usw|sog|gem|i|V|m|inkl|zzgl|evtl|max|min|Mio|Mrd|Ver)\.|\d\.)$/;

/** [start, end) of the sentences of a text; list items and lines count as sentences too. */
export function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim()) out.push([start + lead, end - trail]);
  };
  const boundary = /([.!?])(\s+)|\n\s*\n|\n(?=\s*(?:[-•*]|\(?\d+\)|\d+\.)\s)/g;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + (match[1] ? 1 : 0);
    if (match[1] && ABBREVIATIONS.test(text.slice(Math.max(0, end - 8), end))) continue;
    push(end);
    start = match.index + match[0].length;
  }
  push(text.length);
  return out;
}
