import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AnswerExportFormat, Api, Conversation, SearchHit } from '../../../main/contract';
import { callSafely } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { de } from '../../strings';
import { AnswerView, type ShownTurn } from './AnswerView';
import { HistoryPanel } from './HistoryPanel';

const t = de.pages.recherche.ask;

/** Unique enough for one window; crypto.randomUUID needs a secure context, which a test origin is not. */
const newAskId = () => `ask-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

const fromConversation = (c: Conversation): ShownTurn[] =>
  c.history.map((turn) => ({ question: turn.question, text: turn.answer, sources: turn.sources, final: turn, phase: 'done' }));

/** Questions and streamed, cited answers, with the conversation's history beside them. */
export function AskPanel({ api, onCite }: { api: Api; onCite: (hit: SearchHit, question: string) => void }) {
  const [question, setQuestion] = useState('');
  const [conversationId, setConversationId] = useState<number | null>(null);
  const [turns, setTurns] = useState<ShownTurn[]>([]);
  const [askId, setAskId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const currentAsk = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('answerStream', (event) => {
        if (event.askId !== currentAsk.current) return;
        setTurns((list) => {
          const last = list.at(-1);
          if (!last || last.final) return list;
          const next =
            event.type === 'sources' ? { ...last, sources: event.sources, model: event.model, phase: 'writing' as const } : { ...last, text: last.text + event.text, phase: 'writing' as const };
          return [...list.slice(0, -1), next];
        });
      }),
    [api],
  );

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = question.trim();
    if (!text || askId) return;
    const id = newAskId();
    currentAsk.current = id;
    setAskId(id);
    setError(null);
    setSaved(null);
    setTurns((list) => [...list, { question: text, text: '', sources: [], final: null, phase: 'searching' }]);
    const r = await callSafely(api.ask({ question: text, askId: id, ...(conversationId ? { conversationId } : {}) }));
    currentAsk.current = null;
    setAskId(null);
    if (r.ok) {
      setTurns((list) => [...list.slice(0, -1), { question: text, text: r.value.answer, sources: r.value.sources, final: r.value, phase: 'done' }]);
      setConversationId(r.value.conversationId);
      // The question only leaves the field once its answer is stored.
      setQuestion('');
      setHistoryVersion((v) => v + 1);
    } else {
      setTurns((list) => list.slice(0, -1));
      setError(r.error.message);
    }
  };

  const stop = async () => {
    if (askId) await callSafely(api.cancelAnswer({ askId }));
  };

  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  const exportTurn = async (turnId: number, format: AnswerExportFormat) => {
    setSaved(null);
    const r = await callSafely(api.exportAnswer({ turnId, format }));
    if (!r.ok) setError(r.error.message);
    else if (r.value.path) setSaved(t.exported(r.value.path));
  };

  const openConversation = async (id: number) => {
    const r = await callSafely(api.getConversation({ id }));
    if (!r.ok) return setError(r.error.message);
    setConversationId(id);
    setTurns(fromConversation(r.value));
    setError(null);
  };

  const reset = () => {
    setConversationId(null);
    setTurns([]);
    setError(null);
    setSaved(null);
  };

  return (
    <div className="ask-layout">
      <section className="ask" aria-labelledby="ask-title">
        <h2 id="ask-title">{t.title}</h2>
        <p className="notice">{t.intro}</p>
        <div className="thread" data-testid="thread">
          {turns.map((turn, i) => (
            <AnswerView key={turn.final?.id ?? `pending-${i}`} turn={turn} onCite={onCite} onExport={(id, format) => void exportTurn(id, format)} />
          ))}
        </div>
        <form onSubmit={submit} className="ask-form">
          <div className="field">
            <label htmlFor="ask-question">{turns.length > 0 ? t.followUpLabel : t.questionLabel}</label>
            <textarea id="ask-question" rows={3} value={question} maxLength={4000} aria-describedby="ask-help" onChange={(e) => setQuestion(e.target.value)} onKeyDown={onKey} />
            <p id="ask-help" className="field__help">
              {t.questionHelp}
            </p>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={askId !== null || !question.trim()}>
              {t.submit}
            </button>
            {askId && (
              <button type="button" onClick={() => void stop()}>
                {t.stop}
              </button>
            )}
            {turns.length > 0 && !askId && (
              <button type="button" onClick={reset}>
                {t.newConversation}
              </button>
            )}
            {saved && <span className="save-state--saved">{saved}</span>}
          </div>
        </form>
        <ErrorAlert message={error} />
      </section>
      <HistoryPanel
        api={api}
        version={historyVersion}
        current={conversationId}
        onOpen={(id) => void openConversation(id)}
        onDeleted={(id) => {
          if (id === null || id === conversationId) reset();
        }}
        onError={setError}
      />
    </div>
  );
}
