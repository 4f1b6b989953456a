import { useEffect, useState } from 'react';
import type { Api, ConversationSummary } from '../../../main/contract';
import { callSafely } from '../../api';
import { de } from '../../strings';

const t = de.pages.recherche.ask;

/** Earlier conversations: search, open, delete one, delete all (after a confirmation). */
export function HistoryPanel({
  api,
  version,
  current,
  onOpen,
  onDeleted,
  onError,
}: {
  api: Api;
  /** Changes when a conversation was added to or changed: reload. */
  version: number;
  current: number | null;
  onOpen: (id: number) => void;
  /** The deleted conversation, or null for all. */
  onDeleted: (id: number | null) => void;
  onError: (message: string) => void;
}) {
  const [query, setQuery] = useState('');
  const [list, setList] = useState<ConversationSummary[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void callSafely(api.listConversations(query.trim() ? { query } : undefined)).then((r) => {
      if (!live) return;
      if (r.ok) setList(r.value);
      else onError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, query, version, reload, onError]);

  const remove = async (id: number) => {
    const r = await callSafely(api.deleteConversation({ id }));
    if (!r.ok) return onError(r.error.message);
    onDeleted(id);
    setReload((n) => n + 1);
  };

  const removeAll = async () => {
    const r = await callSafely(api.deleteAllConversations());
    setConfirming(false);
    if (!r.ok) return onError(r.error.message);
    onDeleted(null);
    setReload((n) => n + 1);
  };

  return (
    <aside className="history" aria-labelledby="history-title">
      <h2 id="history-title">{t.history}</h2>
      <div className="field">
        <label htmlFor="history-search">{t.historySearch}</label>
        <input id="history-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {list && list.length === 0 && <p className="empty-state">{query.trim() ? t.historyNone : t.historyEmpty}</p>}
      <ul className="history-list" data-testid="history">
        {list?.map((c) => (
          <li key={c.id} aria-current={c.id === current ? 'true' : undefined}>
            <button type="button" className="link-button history-open" onClick={() => onOpen(c.id)}>
              {c.title}
            </button>
            <span className="hit__where">
              {t.turns(c.turns)} · {new Date(c.updatedAt).toLocaleString('de-DE', { dateStyle: 'short', timeStyle: 'short' })}
            </span>
            <button type="button" onClick={() => void remove(c.id)} aria-label={t.deleteNamed(c.title)}>
              {t.delete}
            </button>
          </li>
        ))}
      </ul>
      {list && list.length > 0 && !confirming && (
        <button type="button" onClick={() => setConfirming(true)}>
          {t.deleteAll}
        </button>
      )}
      {confirming && (
        <div role="alertdialog" aria-labelledby="confirm-delete-all" className="confirm">
          <p id="confirm-delete-all">{t.confirmDeleteAll}</p>
          <div className="form-actions">
            <button type="button" className="danger" onClick={() => void removeAll()}>
              {t.confirm}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </div>
        </div>
      )}
    </aside>
  );
}
