import type { AnswerStreamEvent, AnswerTurn } from '../contract';
import { AppError } from '../errors';
import { fitToContext } from '../grounding/budget';
import type { Gathered, Grounding } from '../grounding/ground';
import { canWrite, type ModelDetails, type ModelFacts } from '../grounding/model-facts';
import { REWRITE_TIMEOUT_MS } from '../grounding/rewrite';
import { streamChat } from '../llm/chat';
import { ollamaError } from '../llm/errors';
import type { Logger } from '../log';
import { Running } from '../running';
import type { Analyzer } from '../analysis/analyze';
import type { ConversationStore, TurnUpdate } from './conversations';
import { extractiveAnswer } from './extractive';
import { buildMessages, type HistoryTurn } from './prompt';

/** Passages of an extractive answer, and closest hits listed when the documents do not answer. */
const EXTRACT_PASSAGES = 3;
const CLOSEST_HITS = 3;
/** Earlier turns of the conversation that go into the prompt (the budget may drop more). */
const HISTORY_TURNS = 3;
/** Used when /api/show does not say (old Ollama versions); Ollama's own default is smaller still. */
const FALLBACK_CONTEXT = 4096;
const DRAFT_SAVE_MS = 1000;

export const NOTHING_FOUND = 'In den Dokumenten habe ich dazu nichts gefunden.';
const HOW_TO_ENABLE =
  'Für KI-Antworten: Ollama starten und unter Einstellungen → Modelle ein Chat-Modell wählen (z. B. qwen2.5:7b). Bis dahin zeigt die Recherche die passendsten Stellen aus den Dokumenten.';

export const MODEL_FOUND_NOTHING = 'Das Sprachmodell fand in den Quellen keine Antwort auf die Frage; unten stehen die Stellen, die es gelesen hat.';

interface AnswerDeps {
  grounding: Grounding;
  models: ModelFacts;
  analyzer: () => Analyzer;
  conversations: ConversationStore;
  /** The Ollama host and chat model from the settings. */
  chat: () => { host: string; model: string };
  /** Whether the chat model first rewrites the question into official terms (on unless switched off). */
  rewrite?: boolean;
  emit: (event: AnswerStreamEvent) => void;
  log: Logger;
  requestTimeoutMs: number;
  /** Longest silence of the model while it answers. */
  idleTimeoutMs?: number;
}

interface AskInput {
  question: string;
  askId: string;
  conversationId?: number;
  model?: string;
}

/**
 * A question answered from the documents, stored as one turn of a
 * conversation: grounding (retrieval, source selection, the decision
 * whether the documents answer at all) → prompt within the model's context
 * → streamed answer → every citation and sentence checked. Never asks the
 * model when the documents do not answer; without a model it answers
 * extractively. Every outcome is stored, also a broken-off one.
 */
export class Answerer {
  private readonly running = new Running();

  constructor(private readonly deps: AnswerDeps) {}

  cancel(askId: string): boolean {
    return this.running.cancel(askId);
  }

  cancelAll(): void {
    this.running.cancelAll();
  }

  ask(input: AskInput): Promise<AnswerTurn> {
    return this.running.run(input.askId, 'Diese Frage wird bereits beantwortet.', (signal) => this.askOnce(input, signal));
  }

  private async askOnce(input: AskInput, signal: AbortSignal): Promise<AnswerTurn> {
    const { conversations, log } = this.deps;
    if (input.conversationId !== undefined && !conversations.exists(input.conversationId)) {
      throw new AppError('not_found', 'Diese Unterhaltung gibt es nicht mehr (gelöscht?). Stellen Sie die Frage bitte neu.');
    }
    const conversationId = input.conversationId ?? conversations.create(input.question);
    const earlier = conversations.turns(conversationId);
    const turnId = conversations.addTurn(conversationId, input.question);
    try {
      const outcome = await this.answer(input, { conversationId, turnId, earlier, signal });
      return conversations.finish(turnId, outcome);
    } catch (error) {
      // Whatever went wrong, the question stays stored and the turn says so.
      log.error('answer failed', { turnId, error });
      const message = error instanceof AppError ? error.userMessage : 'Bei der Antwort ist ein interner Fehler aufgetreten. Details stehen im Protokoll.';
      conversations.finish(turnId, { ...emptyTurn(), unfinished: true, notice: message });
      throw error;
    }
  }

  private async answer(
    input: AskInput,
    ctx: { conversationId: number; turnId: number; earlier: AnswerTurn[]; signal: AbortSignal },
  ): Promise<TurnUpdate> {
    const { deps } = this;
    const { host, model: configured } = deps.chat();
    const model = input.model || configured;
    // The model's facts first: whether it can write decides the rewrite, and its context the budget.
    let details: ModelDetails | null = null;
    let offline: string | null = model ? null : `KI-Antworten sind aus: Es ist kein Chat-Modell gewählt. ${HOW_TO_ENABLE}`;
    if (model) {
      try {
        details = await deps.models.details(host, model);
        if (!canWrite(details)) offline = `Das Modell „${model}“ kann keine Antworten schreiben (es berechnet nur Embeddings). ${HOW_TO_ENABLE}`;
      } catch (error) {
        const reason = ollamaError(error, host, deps.requestTimeoutMs);
        deps.log.warn('chat model unavailable; extractive answer', { host, model, error: reason });
        offline = `${reason.userMessage} ${HOW_TO_ENABLE}`;
      }
    }
    // The rewrite waits no longer than the answer would for its first word.
    const rewriteWith = !offline && deps.rewrite !== false ? { host, model, timeoutMs: Math.min(REWRITE_TIMEOUT_MS, deps.idleTimeoutMs ?? REWRITE_TIMEOUT_MS) } : null;
    const gather = (query: string) => deps.grounding.gather({ query, purpose: 'answer', rewriteWith, signal: ctx.signal });
    let gathered = await gather(input.question);
    if (!gathered.answerable && ctx.earlier.length > 0 && !ctx.signal.aborted) {
      // A follow-up ("Und bis wann?") often names its subject only in the question before.
      const followUp = await gather(`${ctx.earlier.at(-1)!.question} ${input.question}`);
      if (followUp.answerable) gathered = followUp;
    }
    if (ctx.signal.aborted) return { ...emptyTurn(), unfinished: true, notice: CANCELLED };
    deps.log.debug('grounded', { coverage: gathered.coverage, answerable: gathered.answerable, sources: gathered.sources.length, rewritten: gathered.rewritten, rewriteMs: gathered.rewriteMs });
    if (!gathered.answerable) return abstained(gathered);

    const extractive = (notice: string): TurnUpdate => {
      const chosen = gathered.sources.slice(0, EXTRACT_PASSAGES);
      const { answer, extract } = extractiveAnswer(input.question, chosen, deps.analyzer());
      const checked = deps.grounding.check(answer, chosen);
      const { citations, claims, verified } = checked;
      return { ...emptyTurn(), mode: 'extractive', answer: checked.answer, extract, sources: chosen.map((p) => p.hit), citations, claims, verified, grounded: true, notice };
    };
    if (offline || !details) return extractive(offline ?? HOW_TO_ENABLE);

    const history: HistoryTurn[] = ctx.earlier
      .filter((t) => t.answer && t.mode !== 'abstained')
      .slice(-HISTORY_TURNS)
      .map((t) => ({ question: t.question, answer: t.answer }));
    const budget = fitToContext((sources, turns: HistoryTurn[]) => buildMessages(input.question, sources, turns), gathered.sources, history, details.contextLength ?? FALLBACK_CONTEXT);
    const sources = budget.sources.map((s) => s.hit);
    if (budget.dropped > 0 || budget.shortened) {
      deps.log.info('sources trimmed to fit the context', { model, dropped: budget.dropped, shortened: budget.shortened, numCtx: budget.numCtx });
    }
    const base = { conversationId: ctx.conversationId, turnId: ctx.turnId, askId: input.askId };
    deps.emit({ ...base, type: 'sources', sources, model });

    let lastSave = Date.now();
    let sofar = '';
    const outcome = await streamChat({
      host,
      model,
      messages: budget.messages,
      numCtx: budget.numCtx,
      signal: ctx.signal,
      idleTimeoutMs: deps.idleTimeoutMs,
      onToken: (text) => {
        sofar += text;
        deps.emit({ ...base, type: 'token', text });
        if (Date.now() - lastSave > DRAFT_SAVE_MS) {
          deps.conversations.saveDraft(ctx.turnId, sofar);
          lastSave = Date.now();
        }
      },
    });
    if (outcome.promptTokens !== null && outcome.promptTokens >= budget.numCtx) {
      deps.log.warn('prompt may have been cut off by the model', { model, numCtx: budget.numCtx, promptTokens: outcome.promptTokens, estimated: budget.promptTokens });
    }
    if (outcome.error && outcome.error.code !== 'cancelled' && !outcome.text) {
      deps.log.warn('chat failed before any answer; extractive answer', { model, error: outcome.error });
      return extractive(`${outcome.error.userMessage} ${HOW_TO_ENABLE}`);
    }
    if (outcome.error) deps.log.warn('answer broke off', { model, error: outcome.error, received: outcome.text.length });
    const checked = deps.grounding.check(outcome.text, budget.sources);
    if (checked.removed.length > 0) deps.log.warn('citations of sources not given were removed', { model, removed: checked.removed });
    const unsupported = checked.claims.filter((c) => !c.supported).length;
    if (unsupported > 0) deps.log.info('answer sentences not backed by their sources', { model, unsupported, claims: checked.claims.length });
    const notice = outcome.error
      ? outcome.error.code === 'cancelled'
        ? CANCELLED
        : `Die Antwort ist unvollständig: ${outcome.error.userMessage}`
      : null;
    return {
      ...emptyTurn(),
      // The model itself may find that the sources do not answer: that is an abstention too.
      mode: checked.refused && outcome.finished ? 'abstained' : 'generated',
      abstainReason: checked.refused && outcome.finished ? MODEL_FOUND_NOTHING : null,
      model,
      answer: checked.answer,
      sources,
      citations: checked.citations,
      removedCitations: checked.removed,
      claims: checked.claims,
      verified: checked.verified,
      grounded: true,
      unfinished: !outcome.finished,
      notice,
      numCtx: budget.numCtx,
      promptTokens: budget.promptTokens,
    };
  }
}

/** Not answerable from the documents: the closest body passages (never a table of contents), and why they are not enough. */
function abstained(gathered: Gathered): TurnUpdate {
  const closest = [...gathered.hits.filter((h) => h.role === 'body'), ...gathered.hits.filter((h) => h.role !== 'body')].slice(0, CLOSEST_HITS);
  return { ...emptyTurn(), mode: 'abstained', answer: NOTHING_FOUND, sources: closest, grounded: false, abstainReason: gathered.abstainReason };
}

const CANCELLED = 'Sie haben die Antwort angehalten; sie ist unvollständig.';

function emptyTurn(): TurnUpdate {
  return {
    answer: '',
    mode: 'generated',
    model: null,
    sources: [],
    citations: [],
    removedCitations: [],
    extract: [],
    verified: false,
    claims: [],
    abstainReason: null,
    grounded: true,
    unfinished: false,
    notice: null,
    numCtx: null,
    promptTokens: null,
  };
}
