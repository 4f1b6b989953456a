import type { InstalledModel } from '../../main/contract';
import { formatSize } from '../format';
import { de } from '../strings';

const t = de.pages.einstellungen.models;

interface ModelListProps {
  models: InstalledModel[];
  chatModel: string;
  embeddingModel: string;
  busy: boolean;
  onChoose: (use: 'chat' | 'embedding', name: string) => void;
}

/** The installed models: size, what each can do, and buttons to choose it for chat or embedding. */
export function ModelList({ models, chatModel, embeddingModel, busy, onChoose }: ModelListProps) {
  const same = (a: string, b: string) => a === b || `${a}:latest` === b || a === `${b}:latest`;
  return (
    <ul className="model-list" data-testid="installed-models">
      {models.map((m) => {
        const isChat = same(chatModel, m.name);
        const isEmbedding = same(embeddingModel, m.name);
        const abilities = [m.chat && t.useNames.chat, m.embedding && t.useNames.embedding].filter(Boolean).join(', ');
        return (
          <li key={m.name}>
            <span>
              <strong>{m.name}</strong>
              {m.sizeBytes !== null && ` · ${formatSize(m.sizeBytes)}`}
              {m.parameterSize && ` · ${m.parameterSize}`}
            </span>
            <span className="model-facts">
              {abilities || t.noCapabilities}
              {m.contextLength !== null && ` · ${t.contextLength(m.contextLength)}`}
              {isChat && <strong className="model-chosen"> · {t.chosenChat}</strong>}
              {isEmbedding && <strong className="model-chosen"> · {t.chosenEmbedding}</strong>}
            </span>
            <span className="model-actions">
              {m.chat && !isChat && (
                <button type="button" disabled={busy} aria-label={`${m.name}: ${t.useAsChat}`} onClick={() => onChoose('chat', m.name)}>
                  {t.useAsChat}
                </button>
              )}
              {m.embedding && !isEmbedding && (
                <button type="button" disabled={busy} aria-label={`${m.name}: ${t.useAsEmbedding}`} onClick={() => onChoose('embedding', m.name)}>
                  {t.useAsEmbedding}
                </button>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
