import { useEffect, useRef } from 'react';
import type { Passage, SearchHit } from '../../main/contract';
import { headingLine } from '../format';
import { de } from '../strings';
import { Highlighted } from './Highlighted';
import { HitMeta } from './HitMeta';

const t = de.pages.recherche;

/** "Seite 3" or "Zeilen 7–9": where a passage is in its file. */
export const locationOf = (hit: Pick<SearchHit, 'page' | 'lineStart' | 'lineEnd'>) =>
  hit.page ? t.page(hit.page) : hit.lineStart ? t.lines(hit.lineStart, hit.lineEnd ?? hit.lineStart) : '';

/** A passage in its context, with "Original öffnen": for search hits and for an answer's citations. */
export function SourceView({ passage, onClose, onOpen }: { passage: Passage; onClose: () => void; onOpen: () => void }) {
  const { hit } = passage;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [passage]);
  return (
    <aside className="source-view" aria-labelledby="source-title" tabIndex={-1} ref={ref} data-testid="source-view">
      <h2 id="source-title">
        {t.sourceView}: {hit.title}
      </h2>
      <p className="hit__where">
        {[headingLine(hit.headingPath), locationOf(hit)].filter(Boolean).join(' · ')}
        <HitMeta hit={hit} />
      </p>
      <p className="source-path">{hit.path}</p>
      {passage.before.map((c, i) => (
        <p key={`b${i}`} className="source-context">
          {c.text}
        </p>
      ))}
      <div className="source-passage">
        <p className="source-text">
          <Highlighted text={passage.text} ranges={passage.highlights} />
        </p>
      </div>
      {passage.after.map((c, i) => (
        <p key={`a${i}`} className="source-context">
          {c.text}
        </p>
      ))}
      <div className="form-actions">
        <button type="button" className="primary" onClick={onOpen}>
          {t.openOriginal}
        </button>
        <button type="button" onClick={onClose}>
          {t.closeSource}
        </button>
      </div>
    </aside>
  );
}
