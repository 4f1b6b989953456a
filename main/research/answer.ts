import type { Ollama } from 'ollama';
import type { AnswerStreamEvent, AnswerTurn, SearchHit, SearchResult } from '../contract';
import { AppError } from '../errors';
import { streamChat } from '../llm/chat';
import { ollamaError } from '../llm/errors';
import { showFacts } from '../llm/models';
import type { Logger } from '../log';
import { Running } from '../running';
import type { Analyzer } from '../search/analyze';
import { fitToContext } from './budget';
import { verifyCitations } from './citations';
import type { ConversationStore, TurnUpdate } from './conversations';
import { extractiveAnswer } from './extractive';
import type { HistoryTurn, PromptSource } from './prompt';
import { isRelevant } from './relevance';

/** Hits retrieved per question; at most MAX_SOURCES relevant ones go to the model. */
const SEARCH_LIMIT = 10;
const MAX_SOURCES = 6;
/** Passages of an extractive answer, and closest hits listed when nothing relevant was found. */
const EXTRACT_PASSAGES = 3;
const CLOSEST_HITS = 3;
/** Earlier turns of the conversation that go into the prompt (the budget may drop more). */
const HISTORY_TURNS = 3;
/** Used when /api/show does not say (old Ollama versions); Ollama's own default is smaller still. */
const FALLBACK_CONTEXT = 4096;
const DRAFT_SAVE_MS = 1000;
const SHOW_CACHE_MS = 60_000;

type ShowFacts = ReturnType<typeof showFacts>;

export const NOTHING_FOUND = 'In den Dokumenten habe ich dazu nichts gefunden.';
export const HOW_TO_ENABLE =
  'Für KI-Antworten: Ollama starten und unter Einstellungen → Modelle ein Chat-Modell wählen (z. B. qwen2.5:7b). Bis dahin zeigt die Recherche die passendsten Stellen aus den Dokumenten.';

export interface AnswerDeps {
  search: (arg: { query: string; limit: number }) => Promise<SearchResult>;
  chunkText: (chunkId: number) => string | null;
  analyzer: () => Analyzer;
  conversations: ConversationStore;
  /** The Ollama host and chat model from the settings. */
  chat: () => { host: string; model: string };
  /** A client for short requests (/api/show) to the host. */
  client: (host: string) => Ollama;
  emit: (event: AnswerStreamEvent) => void;
  log: Logger;
  requestTimeoutMs: number;
  /** Longest silence of the model while it answers. */
  idleTimeoutMs?: number;
}

export interface AskInput {
  question: string;
  askId: string;
  conversationId?: number;
  model?: string;
}

/**
 * Retrieval → relevance check → prompt within the model's context → streamed
 * answer → verified citations, stored as one turn of a conversation. Never
 * asks the model when nothing relevant was found; without a model it
 * answers extractively. Every outcome is stored, also a broken-off one.
 */
export class Answerer {
  private readonly running = new Running();
  private readonly shown = new Map<string, { at: number; details: ShowFacts }>();

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
    const analyzer = deps.analyzer();
    let { hits, relevant } = await this.retrieve(input.question, analyzer);
    if (relevant.length === 0 && ctx.earlier.length > 0) {
      // A follow-up ("Und bis wann?") often names its subject only in the question before.
      ({ hits, relevant } = await this.retrieve(`${ctx.earlier.at(-1)!.question} ${input.question}`, analyzer));
    }
    if (ctx.signal.aborted) return { ...emptyTurn(), unfinished: true, notice: CANCELLED };
    if (relevant.length === 0) {
      return { ...emptyTurn(), mode: 'abstained', answer: NOTHING_FOUND, sources: hits.slice(0, CLOSEST_HITS), grounded: false, unfinished: false };
    }

    const passages = relevant.map((hit) => ({ hit, text: deps.chunkText(hit.chunkId) ?? hit.snippet }));
    const extractive = (notice: string): TurnUpdate => {
      const chosen = passages.slice(0, EXTRACT_PASSAGES);
      const { answer, extract } = extractiveAnswer(input.question, chosen, analyzer);
      const verified = verifyCitations(answer, chosen.map((p) => p.hit));
      return { ...emptyTurn(), mode: 'extractive', answer, extract, sources: chosen.map((p) => p.hit), citations: verified.citations, verified: verified.verified, grounded: true, unfinished: false, notice };
    };

    const { host, model: configured } = deps.chat();
    const model = input.model || configured;
    if (!model) return extractive(`KI-Antworten sind aus: Es ist kein Chat-Modell gewählt. ${HOW_TO_ENABLE}`);
    let details: ShowFacts;
    try {
      details = await this.details(host, model);
    } catch (error) {
      const reason = ollamaError(error, host, deps.requestTimeoutMs);
      deps.log.warn('chat model unavailable; extractive answer', { host, model, error: reason });
      return extractive(`${reason.userMessage} ${HOW_TO_ENABLE}`);
    }
    if (details.capabilities.length > 0 && !details.capabilities.includes('completion')) {
      return extractive(`Das Modell „${model}“ kann keine Antworten schreiben (es berechnet nur Embeddings). ${HOW_TO_ENABLE}`);
    }

    const ranked: PromptSource[] = passages.slice(0, MAX_SOURCES).map((p, i) => ({ n: i + 1, hit: p.hit, text: p.text }));
    const history: HistoryTurn[] = ctx.earlier
      .filter((t) => t.answer && t.mode !== 'abstained')
      .slice(-HISTORY_TURNS)
      .map((t) => ({ question: t.question, answer: t.answer }));
    const budget = fitToContext(input.question, ranked, history, details.contextLength ?? FALLBACK_CONTEXT);
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
    const checked = verifyCitations(outcome.text, sources);
    if (checked.removed.length > 0) deps.log.warn('citations of sources not given were removed', { model, removed: checked.removed });
    const notice = outcome.error
      ? outcome.error.code === 'cancelled'
        ? CANCELLED
        : `Die Antwort ist unvollständig: ${outcome.error.userMessage}`
      : null;
    return {
      ...emptyTurn(),
      mode: 'generated',
      model,
      answer: checked.answer,
      sources,
      citations: checked.citations,
      removedCitations: checked.removed,
      verified: checked.verified,
      grounded: true,
      unfinished: !outcome.finished,
      notice,
      numCtx: budget.numCtx,
      promptTokens: budget.promptTokens,
    };
  }

  private async retrieve(query: string, analyzer: Analyzer): Promise<{ hits: SearchHit[]; relevant: SearchHit[] }> {
    const { hits } = await this.deps.search({ query, limit: SEARCH_LIMIT });
    const relevant = hits.filter((hit) => isRelevant(query, `${hit.heading}\n${this.deps.chunkText(hit.chunkId) ?? hit.snippet}`, analyzer));
    return { hits, relevant };
  }

  /** /api/show, remembered for a minute: the answer should not wait for it on every question. */
  private async details(host: string, model: string): Promise<ShowFacts> {
    const key = `${host}\n${model}`;
    const cached = this.shown.get(key);
    if (cached && Date.now() - cached.at < SHOW_CACHE_MS) return cached.details;
    const details = showFacts(await this.deps.client(host).show({ model }));
    this.shown.set(key, { at: Date.now(), details });
    return details;
  }
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
