import { useState } from 'react';
import type { DraftSummary } from '../../../main/contract';
import { formatDateTime } from './format';
import { de } from '../../strings';

const t = de.pages.entwuerfe;

interface Props {
  drafts: DraftSummary[];
  onOpen: (id: number) => void;
  onDuplicate: (id: number) => void;
  onDelete: (id: number) => void;
}

/** The saved drafts, most recently changed first: reopen, duplicate, delete. */
export function DraftList({ drafts, onOpen, onDuplicate, onDelete }: Props) {
  const [confirming, setConfirming] = useState<number | null>(null);
  return (
    <section aria-labelledby="drafts-title">
      <h2 id="drafts-title">{t.drafts}</h2>
      {drafts.length === 0 ? (
        <p className="empty-state">{t.empty}</p>
      ) : (
        <ul className="draft-list" data-testid="draft-list">
          {drafts.map((d) => {
            const name = d.label ? `${d.templateTitle} – ${d.label}` : d.templateTitle;
            return (
              <li key={d.id}>
                <div>
                  <button type="button" className="link-like" aria-label={t.openNamed(name)} onClick={() => onOpen(d.id)}>
                    {name}
                  </button>
                  <p className="notice">
                    {t.changed(formatDateTime(d.updatedAt))}
                    {d.aiAssisted && <span className="flag">{t.flagAi}</span>}
                    {d.aiAssisted && (d.review ? <span className="flag flag--ok">{t.flagReviewed}</span> : <span className="flag flag--bad">{t.flagNeedsReview}</span>)}
                    {d.exportedAt && <span className="flag">{t.flagExported}</span>}
                  </p>
                </div>
                <div className="template-actions">
                  <button type="button" onClick={() => onDuplicate(d.id)}>
                    {t.duplicate}
                  </button>
                  {confirming === d.id ? (
                    <span className="confirm" role="group" aria-label={t.confirmDelete}>
                      {t.confirmDelete}{' '}
                      <button type="button" className="danger" onClick={() => (setConfirming(null), onDelete(d.id))}>
                        {t.confirmDeleteYes}
                      </button>{' '}
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t.cancel}
                      </button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setConfirming(d.id)}>
                      {t.delete}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
