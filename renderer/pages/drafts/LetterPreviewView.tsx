import type { LetterBlock, LetterPreview } from '../../../main/contract';
import { de } from '../../strings';

const t = de.pages.entwuerfe;

function Block({ block, aiFields }: { block: LetterBlock; aiFields: Set<string> }) {
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
  if (block.kind === 'listItem') return <p className="pv-list">• {runs}</p>;
  return <p>{runs}</p>;
}

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
          <p className="pv-return">{letter.returnAddress}</p>
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
              <Block key={j} block={{ ...block, origin: { kind: 'template' } }} aiFields={aiFields} />
            ))}
          </div>
        ) : (
          <Block key={i} block={group[0]!} aiFields={aiFields} />
        ),
      )}
      {letter.layout === 'din5008' && (
        <>
          {letter.closing && <p>{letter.closing}</p>}
          <p className="pv-signature">
            {letter.signature.map((line, i) => (
              <span key={i}>
                {line}
                <br />
              </span>
            ))}
          </p>
        </>
      )}
      {letter.aiNotice && <p className="pv-ai-notice">{letter.aiNotice}</p>}
    </article>
  );
}
