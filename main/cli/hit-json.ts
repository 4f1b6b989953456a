import { headingLabel, type SearchHit } from '../contract';

/**
 * Where a hit is, as `search --json` and `ask --json` print it: `headingPath`
 * (outermost first), and `heading`, the same path as one line ("§ 5 Steuersatz",
 * "Satzung › § 5 Steuersatz"), kept for scripts written against it.
 */
export const hitPlace = (h: Pick<SearchHit, 'path' | 'title' | 'headingPath' | 'lineStart' | 'lineEnd' | 'page'>) => ({
  path: h.path,
  title: h.title,
  heading: headingLabel(h.headingPath),
  headingPath: h.headingPath,
  lineStart: h.lineStart,
  lineEnd: h.lineEnd,
  page: h.page,
});
