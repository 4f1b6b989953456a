import { useState } from 'react';
import type { Draft, DraftPreview, MissingSetting, TemplateField } from '../../../main/contract';
import { de } from '../../strings';
import { formatDateTime } from './format';

const t = de.pages.entwuerfe.review;

interface Props {
  draft: Draft;
  fields: TemplateField[];
  defaultReviewer: string;
  busy: boolean;
  onReview: (reviewer: string | null) => void;
  onAiNotice: (on: boolean) => void;
  onExport: () => void;
  /** Settings the letter needs that are empty: named before the export, which the core refuses until they are set. */
  missing: MissingSetting[];
  remedy: DraftPreview['remedy'];
}

/** The review gate ("geprüft", name and time) for AI-assisted drafts, the AI footer line and the export. */
export function ReviewPanel({ draft, fields, defaultReviewer, busy, onReview, onAiNotice, onExport, missing, remedy }: Props) {
  const [reviewer, setReviewer] = useState(defaultReviewer);
  const [nameError, setNameError] = useState<string | null>(null);
  const labels = new Map(fields.map((f) => [f.id, f.label]));
  const aiParts = Object.entries(draft.aiFields).filter(([id]) => labels.has(id));

  const toggle = (checked: boolean) => {
    if (!checked) return onReview(null);
    if (!reviewer.trim()) return setNameError(t.nameMissing);
    setNameError(null);
    onReview(reviewer.trim());
  };

  return (
    <section className="review" aria-labelledby="review-title">
      <h2 id="review-title">{t.title}</h2>
      {draft.aiAssisted && (
        <>
          <p>{t.aiParts}</p>
          <ul data-testid="ai-parts">
            {aiParts.map(([id, mark]) => (
              <li key={id}>
                {labels.get(id)} – {mark.model}, {formatDateTime(mark.at)}
                {mark.editedAt && `, ${t.edited}`}
              </li>
            ))}
          </ul>
          <div className="field">
            <label htmlFor="reviewer">{t.reviewer}</label>
            <input
              id="reviewer"
              value={reviewer}
              autoComplete="name"
              disabled={draft.review !== null}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'reviewer-error' : undefined}
              onChange={(e) => setReviewer(e.target.value)}
            />
            {nameError && (
              <p id="reviewer-error" className="field__error">
                {nameError}
              </p>
            )}
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={draft.review !== null} disabled={busy} onChange={(e) => toggle(e.target.checked)} /> {t.confirm}
          </label>
          <p className="notice" data-testid="review-state">
            {draft.review ? t.reviewedBy(draft.review.reviewer, formatDateTime(draft.review.at)) : t.cleared}
          </p>
          <label className="checkbox">
            <input type="checkbox" checked={draft.aiNotice} disabled={busy} onChange={(e) => onAiNotice(e.target.checked)} /> {t.aiNotice}
          </label>
        </>
      )}
      {remedy && (
        <p className="notice" data-testid="remedy">
          {t.remedy(remedy.remedy, remedy.source)}
        </p>
      )}
      {missing.length > 0 && (
        <div className="notice notice--warning" data-testid="missing-settings">
          <p>{t.missingTitle}</p>
          <ul>
            {missing.map((m) => (
              <li key={m.key}>{m.label}</li>
            ))}
          </ul>
          <p>{t.missingHint}</p>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={onExport}>
          {t.export}
        </button>
      </div>
    </section>
  );
}
