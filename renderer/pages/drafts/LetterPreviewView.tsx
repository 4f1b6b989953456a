import type { LetterBlock, LetterPreview } from '../../../main/contract';
import { de } from '../../strings';

const t = de.pages.entwuerfe;

/** last: a list item that ends its list (the .docx leaves a blank line after it). */
function Block({ block, aiFields, last = false }: { block: LetterBlock; aiFields: Set<string>; last?: boolean }) {
  const runs = block.runs.map((run, i) => {
    const content = run.bold ? <strong>{run.text}</strong> : run.text;
    return run.fieldId ? (
      <span key={i} className={`pv-field${aiFields.has(run.fieldId) ? ' pv-field--ai' : ''}`} data-field={run.fieldId}>
        {content}
      </span>
    ) : (
      <span key={i}>{content}</span>
    );
  });
  if (block.kind === 'heading') return <h4>{runs}</h4>;
  if (block.kind === 'listItem') return <p className={`pv-list${last ? ' pv-list--last' : ''}`}>– {runs}</p>;
  return <p>{runs}</p>;
}

const endsList = (block: LetterBlock, next: LetterBlock | undefined) => block.kind === 'listItem' && next?.kind !== 'listItem';

/** The letter as it will be exported, updated while the clerk types. */
export function LetterPreviewView({ letter, aiFields }: { letter: LetterPreview; aiFields: Set<string> }) {
  // Consecutive blocks of one fixed block are shown as one locked box.
  const groups: LetterBlock[][] = [];
  for (const block of letter.body) {
    const last = groups.at(-1);
    const same = last && block.origin.kind === 'fixed' && last[0]!.origin.kind === 'fixed' && last[0]!.origin.blockId === block.origin.blockId;
    if (same) last.push(block);
    else groups.push([block]);
  }
  return (
    <article className="letter-preview" data-testid="letter-preview" aria-label={t.preview}>
      {letter.layout === 'din5008' && (
        <>
          <div className="pv-window" data-testid="pv-window">
            {letter.noteZone.length > 0 && (
              <p className="pv-note-zone" data-testid="pv-note-zone">
                {letter.noteZone.map((line, i) => (
                  <span key={i}>
                    {line}
                    <br />
                  </span>
                ))}
              </p>
            )}
            <p className="pv-return">
              {letter.returnAddressLines.map((line, i) => (
                <span key={i}>
                  {line}
                  <br />
                </span>
              ))}
            </p>
          </div>
          <div className="pv-head">
            <address className="pv-recipient">
              {letter.recipient.map((line, i) => (
                <span key={i}>
                  {line}
                  <br />
                </span>
              ))}
            </address>
            <dl className="pv-info">
              {letter.info.map((row) => (
                <div key={row.label}>
                  <dt>{row.label}</dt>
                  <dd>{row.value}</dd>
                </div>
              ))}
            </dl>
          </div>
          <p className="pv-subject">
            <strong>{letter.subject}</strong>
          </p>
          {letter.salutation && <p>{letter.salutation}</p>}
        </>
      )}
      {groups.map((group, i) =>
        group.length > 1 || group[0]!.origin.kind === 'fixed' ? (
          <div key={i} className="pv-locked" data-testid="locked-block">
            <span className="pv-lock">🔒 {t.locked}</span>
            {group.map((block, j) => (
              <Block key={j} block={{ ...block, origin: { kind: 'template' } }} aiFields={aiFields} last={endsList(block, group[j + 1] ?? groups[i + 1]?.[0])} />
            ))}
          </div>
        ) : (
          <Block key={i} block={group[0]!} aiFields={aiFields} last={endsList(group[0]!, groups[i + 1]?.[0])} />
        ),
      )}
      {letter.layout === 'din5008' && (
        <>
          {letter.closing && <p>{letter.closing}</p>}
          <p className="pv-signature" data-testid="pv-signature">
            {letter.signature.map((line, i) =>
              line === '' ? (
                <span key={i} className="pv-signature-space" aria-hidden="true" />
              ) : (
                <span key={i}>
                  {line}
                  <br />
                </span>
              ),
            )}
          </p>
          {letter.signatureNote && <p className="pv-signature-note">{letter.signatureNote}</p>}
          {letter.enclosures.length > 0 && (
            <p className="pv-enclosures" data-testid="pv-enclosures">
              <strong>{letter.enclosures.length === 1 ? 'Anlage' : 'Anlagen'}</strong>
              <br />
              {letter.enclosures.map((line, i) => (
                <span key={i}>
                  {line}
                  <br />
                </span>
              ))}
            </p>
          )}
        </>
      )}
      {letter.aiNotice && <p className="pv-ai-notice">{letter.aiNotice}</p>}
    </article>
  );
}
