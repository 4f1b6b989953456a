/**
 * How much of an Ollama response the core reads at most. Ollama (or a
 * server that only claims to be one) decides what it sends; without these
 * caps one 100 MB line of /api/chat took a minute and more than a gigabyte
 * of memory and ended up in the conversation history whole.
 */

/**
 * The longest answer kept from /api/chat, in characters (answers and
 * structured replies alike). A grounded answer is a few thousand
 * characters; even a model that writes its whole output window (8 000
 * tokens, about 32 000 characters) stays far below.
 */
export const MAX_ANSWER_CHARS = 200_000;

/**
 * The longest line of an NDJSON stream (/api/chat, /api/pull) in bytes.
 * Ollama sends one token per line (about 150 bytes); a server that sends
 * the whole answer in one line still fits with MAX_ANSWER_CHARS of
 * UTF-8. The client library buffers a line until its newline, so this is
 * what bounds its memory. (Byte caps are decimal: messages show them as
 * "1,0 MB", as formatBytes writes sizes.)
 */
export const MAX_LINE_BYTES = 1_000_000;

/**
 * All bytes of one /api/chat stream. MAX_ANSWER_CHARS of answer are about
 * 50 000 lines of 150 bytes (7.5 MB); the rest is room for what the
 * answer does not count (a thinking model's thoughts). /api/pull has no
 * such cap: a long download reports progress for hours.
 */
export const MAX_CHAT_STREAM_BYTES = 64_000_000;

/**
 * A JSON answer (/api/tags, /api/show, /api/version, /api/embed). The
 * largest is /api/embed: 16 texts × 4 096 dimensions × about 22 bytes per
 * number is 1.5 MB.
 */
export const MAX_JSON_BYTES = 16_000_000;

/** What is read of an error response's body; the rest is not downloaded. */
export const MAX_ERROR_BODY_BYTES = 64_000;

/**
 * The longest server text (Ollama's `{"error"}`) that goes into a message
 * or the log. Ollama's own errors are one line ("model requires more
 * system memory (9.1 GiB) than is available (4.0 GiB)"), a runner's crash
 * report a few hundred characters.
 */
export const MAX_ERROR_CHARS = 2_000;

/** Marks a text that was cut. */
export const CUT_MARK = ' … (gekürzt)';

/**
 * `text` with at most `max` characters; a cut text ends in CUT_MARK. `cut`
 * forces the mark for a text that is already a prefix of something longer.
 */
export function capText(text: string, max = MAX_ERROR_CHARS, cut = false): string {
  if (text.length <= max && !cut) return text;
  return safePrefix(text, max) + CUT_MARK;
}

/** The first `max` UTF-16 units of `text`, without half of a surrogate pair at the end. */
export function safePrefix(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** "200.000", as German readers write numbers. */
export function germanCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

