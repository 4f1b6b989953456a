import type { SearchHit } from '../../main/contract';
import { de } from '../strings';

const t = de.pages.recherche;

/** "2022-12-31" → "31.12.2022"; anything else as given. */
const germanDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

/** Hits stored before document metadata existed may lack it. */
const metaOf = (hit: SearchHit) => (hit as Partial<SearchHit>).meta;

export const isSuperseded = (hit: SearchHit) => metaOf(hit)?.validity === 'superseded';

/** "Satzung · Konstanz": what the document says it is and who issued it; empty when it says nothing. */
export const metaLabel = (hit: SearchHit) => {
  const meta = metaOf(hit);
  return [meta?.docType, meta?.authority].filter((part): part is string => Boolean(part)).join(' · ');
};

/**
 * Beside a hit's title: a marker when the document is an Altfassung (no longer
 * in force, in words, not colour alone), and the document's type and authority.
 */
export function HitMeta({ hit }: { hit: SearchHit }) {
  const label = metaLabel(hit);
  const until = metaOf(hit)?.validUntil;
  return (
    <>
      {isSuperseded(hit) && (
        <>
          {' '}
          <span className="flag flag--stale" data-testid="superseded">
            {until ? t.supersededUntil(germanDate(until)) : t.superseded}
          </span>
        </>
      )}
      {label && (
        <>
          {' '}
          <span className="hit__meta">{label}</span>
        </>
      )}
    </>
  );
}
