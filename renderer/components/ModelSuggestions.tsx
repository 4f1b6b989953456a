import type { ModelSuggestion } from '../../main/contract';
import { de } from '../strings';

const t = de.pages.einstellungen.models;

/** Models that handle German well, each with a one-line description and a download button. */
export function ModelSuggestions({ suggestions, downloading, onPull }: { suggestions: ModelSuggestion[]; downloading: Set<string>; onPull: (name: string) => void }) {
  return (
    <div className="model-suggestions">
      <h3>{t.suggestions}</h3>
      <p className="notice">{t.suggestionsIntro}</p>
      <ul data-testid="model-suggestions">
        {suggestions.map((s) => (
          <li key={s.name}>
            <span>
              <strong>{s.name}</strong> ({t.useNames[s.use]}){s.installed && ` · ${t.installed}`}
            </span>
            <span className="notice">{s.description}</span>
            {!s.installed && (
              <button type="button" disabled={downloading.has(s.name)} aria-label={`${s.name} ${t.pull.toLowerCase()}`} onClick={() => onPull(s.name)}>
                {t.pull}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
