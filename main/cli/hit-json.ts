import type { SearchHit } from '../contract';

/** Where a hit is, as `search --json` and `ask --json` print it. */
export const hitPlace = (h: SearchHit) => ({ path: h.path, title: h.title, heading: h.heading, lineStart: h.lineStart, lineEnd: h.lineEnd, page: h.page });
