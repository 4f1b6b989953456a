import type { AiFieldMark, AssistStatus, SearchHit, TemplateField } from '../../../main/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { headingLine } from '../../format';
import { de } from '../../strings';

const t = de.pages.entwuerfe.assist;

interface Props {
  status: AssistStatus | null;
  notes: string;
  citizenLetter: string;
  onNotes: (text: string) => void;
  onCitizenLetter: (text: string) => void;
  running: boolean;
  onSubmit: () => void;
  onStop: () => void;
  outcome: string[];
  error: string | null;
  sources: SearchHit[];
  /** Whether the draft has had a suggestion (to say "no sources" only then). */
  suggested: boolean;
  /** The template's fields and the draft's AI marks: the evidence of each fact the AI filled is shown with its field. */
  fields?: TemplateField[];
  aiFields?: Record<string, AiFieldMark>;
}

/** The facts the AI took from the notes or the letter and not changed since, each with its passage. */
const evidenceOf = (fields: TemplateField[], aiFields: Record<string, AiFieldMark>) =>
  fields.flatMap((field) => {
    const mark = aiFields[field.id];
    return mark?.evidence && !mark.editedAt ? [{ id: field.id, label: field.label, text: mark.evidence }] : [];
  });

const where = (hit: SearchHit) => [headingLine(hit.headingPath), hit.page ? `Seite ${hit.page}` : hit.lineStart ? `Zeilen ${hit.lineStart}–${hit.lineEnd ?? hit.lineStart}` : ''].filter(Boolean).join(' · ');

/** Notes and the citizen's letter in, a suggestion for the fields out; its sources shown. */
export function AssistPanel({ status, notes, citizenLetter, onNotes, onCitizenLetter, running, onSubmit, onStop, outcome, error, sources, suggested, fields = [], aiFields = {} }: Props) {
  const off = status !== null && !status.available;
  const evidence = evidenceOf(fields, aiFields);
  return (
    <section className="assist" aria-labelledby="assist-title">
      <h2 id="assist-title">{t.title}</h2>
      <p className="notice">{t.intro}</p>
      <TextField label={t.notes} name="notes" rows={4} value={notes} help={t.notesHelp} onChange={onNotes} />
      <TextField label={t.citizenLetter} name="citizenLetter" rows={6} value={citizenLetter} help={t.citizenLetterHelp} onChange={onCitizenLetter} />
      <div className="form-actions">
        <button type="button" className="primary" disabled={off || running || status === null} aria-describedby={off ? 'assist-off' : undefined} onClick={onSubmit}>
          {t.submit}
        </button>
        {running && (
          <>
            <span role="status">{t.running(status?.model ?? 'KI')}</span>
            <button type="button" onClick={onStop}>
              {t.stop}
            </button>
          </>
        )}
      </div>
      {off && (
        <p id="assist-off" className="notice" data-testid="assist-off">
          {status.reason}
        </p>
      )}
      <ErrorAlert message={error} />
      {outcome.length > 0 && (
        <div role="status" data-testid="assist-outcome">
          {outcome.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {evidence.length > 0 && (
        <div className="assist-evidence" data-testid="assist-evidence">
          <h3>{t.evidenceTitle}</h3>
          <p className="notice">{t.evidenceHelp}</p>
          <ul>
            {evidence.map((e) => (
              <li key={e.id} data-field={e.id}>
                <strong>{e.label}</strong>: <span className="source-snippet">{t.evidence(e.text)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {suggested && (
        <div className="assist-sources" data-testid="assist-sources">
          <h3>{t.sources}</h3>
          {sources.length === 0 ? (
            <p className="notice">{t.noSources}</p>
          ) : (
            <ol>
              {sources.map((hit) => (
                <li key={hit.chunkId}>
                  <strong>{hit.title}</strong>
                  {where(hit) && <span className="notice"> – {where(hit)}</span>}
                  <br />
                  <span className="source-snippet">{hit.snippet}</span>
                  <br />
                  <span className="source-path">{hit.path}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}
