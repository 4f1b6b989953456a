import { useId, type ReactNode } from 'react';
import type { AnswerExportFormat, AnswerTurn, Claim, SearchHit } from '../../../main/contract';
import { Highlighted } from '../../components/Highlighted';
import { HitMeta } from '../../components/HitMeta';
import { locationOf } from '../../components/SourceView';
import { ownHeading } from '../../format';
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

/** An unsupported sentence's place in the answer, and the id of its reason under the answer. */
interface Mark {
  start: number;
  end: number;
  claim: Claim;
  id: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Where the unsupported sentences are in the answer, in order and not
 * overlapping. The claim's offsets are used; should they not point at its
 * text (a turn stored by another version), the text is looked up instead.
 */
function unsupportedMarks(answer: string, claims: Claim[], idPrefix: string): Mark[] {
  const marks: Mark[] = [];
  let at = 0;
  const sorted = claims.filter((c) => !c.supported).sort((a, b) => a.start - b.start);
  for (const claim of sorted) {
    let start = Math.max(0, Math.min(claim.start, answer.length));
    let end = Math.max(start, Math.min(claim.end, answer.length));
    if (claim.text.trim() && !squash(answer.slice(start, end)).includes(squash(claim.text))) {
      const found = answer.indexOf(claim.text.trim(), at);
      if (found >= 0) [start, end] = [found, found + claim.text.trim().length];
    }
    start = Math.max(start, at);
    if (end <= start) continue;
    marks.push({ start, end, claim, id: `${idPrefix}-claim-${marks.length}` });
    at = end;
  }
  return marks;
}

const CITATION = /\[(\d{1,3})\]/g;

/** The answer's text with each [n] a button that opens source n, and its unsupported sentences marked. */
function CitedText({ text, sources, marks, onCite }: { text: string; sources: SearchHit[]; marks: Mark[]; onCite: (hit: SearchHit) => void }) {
  const citations = [...text.matchAll(CITATION)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  // A mark never cuts a citation in two: a boundary inside "[12]" moves behind it.
  const snap = (pos: number) => citations.find((c) => pos > c.start && pos < c.end)?.end ?? pos;

  const withCitations = (part: string, key: string): ReactNode[] =>
    part.split(/(\[\d{1,3}\])/).map((piece, i) => {
      const n = /^\[(\d+)\]$/.exec(piece)?.[1];
      const hit = n ? sources[Number(n) - 1] : undefined;
      if (!n || !hit) return piece;
      return (
        <button key={`${key}-${i}`} type="button" className="cite" onClick={() => onCite(hit)} aria-label={t.showSource(Number(n), hit.title)}>
          [{n}]
        </button>
      );
    });

  const parts: ReactNode[] = [];
  let at = 0;
  for (const mark of marks) {
    const start = snap(mark.start);
    const end = snap(mark.end);
    if (start < at || end <= start) continue;
    parts.push(...withCitations(text.slice(at, start), `p${at}`));
    parts.push(
      <span key={mark.id} className="claim claim--unsupported" data-testid="claim-unsupported" aria-describedby={mark.id}>
        {withCitations(text.slice(start, end).trimEnd(), mark.id)}
        <span className="claim__label">{t.notSupported}</span>
      </span>,
      text.slice(start, end).slice(text.slice(start, end).trimEnd().length),
    );
    at = end;
  }
  parts.push(...withCitations(text.slice(at), `p${at}`));
  return <p className="answer__text">{parts}</p>;
}

/** Under the answer: each unsupported sentence with why, readable without hovering. */
function UnsupportedList({ marks }: { marks: Mark[] }) {
  if (marks.length === 0) return null;
  return (
    <div className="claims-unsupported" data-testid="unsupported-claims">
      <p className="claims-unsupported__title">{t.unsupportedTitle(marks.length)}</p>
      <ul>
        {marks.map((m) => (
          <li key={m.id} id={m.id}>
            <span className="claims-unsupported__sentence">{t.unsupportedItem(squash(m.claim.text))}</span>
            {' – '}
            {m.claim.reason ? t.unsupportedReason(m.claim.reason) : t.unsupportedNoReason}
          </li>
        ))}
      </ul>
      <p className="field__help">{t.unsupportedHelp}</p>
    </div>
  );
}

/** Sources with their numbers as the answer cites them ([n] is sources[n - 1]). */
function SourceList({
  title,
  items,
  onCite,
  testId,
  help,
}: {
  title: string;
  items: { n: number; hit: SearchHit }[];
  onCite: (hit: SearchHit) => void;
  testId: string;
  help?: string;
}) {
  if (items.length === 0) return null;
  return (
    <div className="answer__sources">
      <h3>{title}</h3>
      {help && <p className="field__help">{help}</p>}
      <ul className="source-list" data-testid={testId}>
        {items.map(({ n, hit }) => (
          <li key={hit.chunkId}>
            <span className="source-list__n">[{n}]</span>{' '}
            <button type="button" className="link-button" onClick={() => onCite(hit)} aria-label={t.showSource(n, hit.title)}>
              {hit.title}
            </button>
            <HitMeta hit={hit} /> <span className="hit__where">{[ownHeading(hit.headingPath), locationOf(hit)].filter(Boolean).join(' · ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The source numbers an answer cites: checked ones when it is final, else those in the text so far. */
function citedNumbers(turn: ShownTurn): Set<number> {
  const { final } = turn;
  if (!final) return new Set([...turn.text.matchAll(CITATION)].map((m) => Number(m[1])));
  return new Set([...(final.citations ?? []).map((c) => c.n), ...(final.extract ?? []).map((p) => p.n)]);
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
  const idPrefix = useId();
  const { final } = turn;
  const cite = (hit: SearchHit) => onCite(hit, turn.question);
  // Turns stored before the claim check have neither claims nor an abstention reason.
  const claims = final?.claims ?? [];
  const abstainReason = final?.abstainReason ?? null;
  const marks = final && final.mode !== 'abstained' ? unsupportedMarks(final.answer, claims, idPrefix) : [];
  const unsupported = claims.filter((c) => !c.supported).length;

  const flags: { label: string; className: string; title?: string }[] = [];
  if (final?.mode === 'generated') {
    if (final.citations.length === 0) flags.push({ label: t.unverified, className: 'flag flag--bad', title: t.unverifiedHelp });
    else if (final.verified) flags.push({ label: t.verified, className: 'flag flag--ok' });
    else if (unsupported > 0) flags.push({ label: t.notAllSupported(unsupported, claims.length), className: 'flag flag--bad' });
    if (final.model) flags.push({ label: t.byModel(final.model), className: 'flag' });
  }
  if (final?.mode === 'extractive') flags.push({ label: t.extractive, className: 'flag' });
  if (final?.mode === 'abstained') flags.push({ label: t.abstainedFlag, className: 'flag' });
  if (final?.unfinished) flags.push({ label: t.unfinished, className: 'flag flag--bad' });

  const sources = final ? final.sources : turn.sources;
  const numbered = sources.map((hit, i) => ({ n: i + 1, hit }));
  const cited = citedNumbers(turn);

  let body: ReactNode;
  if (final?.mode === 'extractive') {
    body = (
      <ol className="extract" data-testid="extract">
        {final.extract.map((p) => (
          <li key={p.hit.chunkId}>
            <button type="button" className="link-button" onClick={() => cite(p.hit)} aria-label={t.showSource(p.n, p.hit.title)}>
              [{p.n}] {p.hit.title}
            </button>
            <HitMeta hit={p.hit} /> <span className="hit__where">{[ownHeading(p.hit.headingPath), locationOf(p.hit)].filter(Boolean).join(' · ')}</span>
            <p className="source-text">
              <Highlighted text={p.text} ranges={p.highlights} />
            </p>
          </li>
        ))}
      </ol>
    );
  } else if (final?.mode === 'abstained') {
    const said = final.answer.trim() || t.abstained;
    body = (
      <>
        <p className="answer__text">{said}</p>
        {abstainReason && squash(abstainReason) !== squash(said) && (
          <p className="abstain-reason" data-testid="abstain-reason">
            {abstainReason}
          </p>
        )}
      </>
    );
  } else {
    body = <CitedText text={final ? final.answer : turn.text} sources={sources} marks={marks} onCite={cite} />;
  }

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
      {body}
      <UnsupportedList marks={marks} />
      {final && final.removedCitations.length > 0 && (
        <p className="notice">{t.removed(final.removedCitations.map((n) => `[${n}]`).join(', '))}</p>
      )}
      {final?.notice && (
        <p className="notice" role="note">
          {final.notice}
        </p>
      )}
      {final?.mode === 'abstained' ? (
        <SourceList title={t.closest} help={t.closestHelp} items={numbered} onCite={cite} testId="answer-sources" />
      ) : final ? (
        <>
          <SourceList title={t.sourcesUsed} items={numbered.filter((s) => cited.has(s.n))} onCite={cite} testId="answer-sources" />
          <SourceList title={t.uncited} items={numbered.filter((s) => !cited.has(s.n))} onCite={cite} testId="answer-sources-uncited" />
        </>
      ) : (
        <SourceList title={t.sourcesFound} items={numbered} onCite={cite} testId="answer-sources" />
      )}
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
