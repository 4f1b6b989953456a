import type { AnswerExportFormat, AnswerTurn, SearchHit } from '../../../main/contract';
import { Highlighted } from '../../components/Highlighted';
import { locationOf } from '../../components/SourceView';
import { de } from '../../strings';

const t = de.pages.recherche.ask;

/** An answer in the making (streamed) or finished (checked, stored). */
export interface ShownTurn {
  question: string;
  text: string;
  sources: SearchHit[];
  /** Set once the answer is complete and checked. */
  final: AnswerTurn | null;
  phase: 'searching' | 'writing' | 'done';
  model?: string;
}

/** The answer's text with each [n] a button that opens source n. */
function CitedText({ text, sources, onCite }: { text: string; sources: SearchHit[]; onCite: (hit: SearchHit) => void }) {
  const parts = text.split(/(\[\d{1,3}\])/);
  return (
    <p className="answer__text">
      {parts.map((part, i) => {
        const n = /^\[(\d+)\]$/.exec(part)?.[1];
        const hit = n ? sources[Number(n) - 1] : undefined;
        if (!n || !hit) return part;
        return (
          <button key={i} type="button" className="cite" onClick={() => onCite(hit)} aria-label={t.showSource(Number(n), hit.title)}>
            [{n}]
          </button>
        );
      })}
    </p>
  );
}

function SourceList({ title, sources, onCite }: { title: string; sources: SearchHit[]; onCite: (hit: SearchHit) => void }) {
  if (sources.length === 0) return null;
  return (
    <div className="answer__sources">
      <h3>{title}</h3>
      <ol data-testid="answer-sources">
        {sources.map((hit, i) => (
          <li key={hit.chunkId}>
            <button type="button" className="link-button" onClick={() => onCite(hit)} aria-label={t.showSource(i + 1, hit.title)}>
              {hit.title}
            </button>{' '}
            <span className="hit__where">{[hit.heading.split(' › ').pop(), locationOf(hit)].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function AnswerView({
  turn,
  onCite,
  onExport,
}: {
  turn: ShownTurn;
  onCite: (hit: SearchHit, question: string) => void;
  onExport: (turnId: number, format: AnswerExportFormat) => void;
}) {
  const { final } = turn;
  const cite = (hit: SearchHit) => onCite(hit, turn.question);
  const flags: { label: string; className: string; title?: string }[] = [];
  if (final?.mode === 'generated') {
    if (final.citations.length === 0) flags.push({ label: t.unverified, className: 'flag flag--bad', title: t.unverifiedHelp });
    else if (final.verified) flags.push({ label: t.verified, className: 'flag flag--ok' });
    if (final.model) flags.push({ label: t.byModel(final.model), className: 'flag' });
  }
  if (final?.mode === 'extractive') flags.push({ label: t.extractive, className: 'flag' });
  if (final?.unfinished) flags.push({ label: t.unfinished, className: 'flag flag--bad' });

  return (
    <article className="answer" data-testid="answer" aria-busy={turn.phase !== 'done'}>
      <h3 className="answer__question">{turn.question}</h3>
      {turn.phase === 'searching' && <p role="status">{t.searching}</p>}
      {turn.phase === 'writing' && turn.model && <p role="status">{t.writing(turn.model)}</p>}
      {flags.length > 0 && (
        <p className="answer__flags">
          {flags.map((f) => (
            <span key={f.label} className={f.className} title={f.title}>
              {f.label}
            </span>
          ))}
        </p>
      )}
      {final?.mode === 'extractive' ? (
        <ol className="extract" data-testid="extract">
          {final.extract.map((p) => (
            <li key={p.hit.chunkId}>
              <button type="button" className="link-button" onClick={() => cite(p.hit)} aria-label={t.showSource(p.n, p.hit.title)}>
                [{p.n}] {p.hit.title}
              </button>{' '}
              <span className="hit__where">{[p.hit.heading.split(' › ').pop(), locationOf(p.hit)].filter(Boolean).join(' · ')}</span>
              <p className="source-text">
                <Highlighted text={p.text} ranges={p.highlights} />
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <CitedText text={final ? final.answer : turn.text} sources={final ? final.sources : turn.sources} onCite={cite} />
      )}
      {final && final.removedCitations.length > 0 && (
        <p className="notice">{t.removed(final.removedCitations.map((n) => `[${n}]`).join(', '))}</p>
      )}
      {final?.notice && (
        <p className="notice" role="note">
          {final.notice}
        </p>
      )}
      <SourceList title={final?.mode === 'abstained' ? t.closest : t.sourcesUsed} sources={final ? final.sources : turn.sources} onCite={cite} />
      {final && (
        <div className="form-actions">
          <button type="button" onClick={() => onExport(final.id, 'docx')}>
            {t.exportDocx}
          </button>
          <button type="button" onClick={() => onExport(final.id, 'md')}>
            {t.exportMd}
          </button>
        </div>
      )}
    </article>
  );
}
