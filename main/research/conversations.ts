import type Database from 'better-sqlite3';
import { hitOfSnapshot, withHeadingPath, type Snapshot } from '../search/snapshot';
import type { AnswerMode, AnswerTurn, Citation, Claim, Conversation, ConversationSummary, ExtractivePassage, SearchHit } from '../contract';

interface TurnRow {
  id: number;
  conversation_id: number;
  question: string;
  answer: string;
  mode: AnswerMode;
  model: string | null;
  sources: string;
  citations: string;
  removed: string;
  extract: string;
  claims: string;
  abstain_reason: string | null;
  verified: number;
  grounded: number;
  unfinished: number;
  notice: string | null;
  num_ctx: number | null;
  prompt_tokens: number | null;
  created_at: string;
}

interface ConversationRow {
  id: number;
  title: string;
  turns: number;
  created_at: string;
  updated_at: string;
}

const TITLE_LENGTH = 80;
const titleOf = (question: string) => {
  const line = question.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
};

function toTurn(row: TurnRow): AnswerTurn {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    question: row.question,
    answer: row.answer,
    mode: row.mode,
    model: row.model,
    // Hits stored before chunk roles, document metadata or heading paths as arrays existed are brought up to date.
    sources: (JSON.parse(row.sources) as Partial<SearchHit>[]).map(hitOfSnapshot),
    citations: (JSON.parse(row.citations) as Snapshot<Citation>[]).map((c) => withHeadingPath<Citation>(c)),
    removedCitations: JSON.parse(row.removed) as number[],
    extract: (JSON.parse(row.extract) as ExtractivePassage[]).map((p) => ({ ...p, hit: hitOfSnapshot(p.hit) })),
    claims: JSON.parse(row.claims) as Claim[],
    abstainReason: row.abstain_reason,
    verified: row.verified === 1,
    grounded: row.grounded === 1,
    unfinished: row.unfinished === 1,
    notice: row.notice,
    numCtx: row.num_ctx,
    promptTokens: row.prompt_tokens,
    createdAt: row.created_at,
  };
}

export type TurnUpdate = Omit<AnswerTurn, 'id' | 'conversationId' | 'question' | 'createdAt'>;

/** Conversations and their answers, on this PC only. */
export class ConversationStore {
  constructor(private readonly db: Database.Database) {}

  create(question: string): number {
    const now = new Date().toISOString();
    return Number(this.db.prepare('INSERT INTO conversations (title, created_at, updated_at) VALUES (?, ?, ?)').run(titleOf(question), now, now).lastInsertRowid);
  }

  exists(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id) !== undefined;
  }

  /** Saved before anything else happens: the clerk's question is never lost. */
  addTurn(conversationId: number, question: string): number {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      this.db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(now, conversationId);
      return Number(
        this.db
          .prepare(`INSERT INTO answer_turns (conversation_id, question, mode, unfinished, created_at) VALUES (?, ?, 'generated', 1, ?)`)
          .run(conversationId, question, now).lastInsertRowid,
      );
    }).immediate();
  }

  /** The answer so far, while it streams (a crash keeps what had arrived). */
  saveDraft(turnId: number, answer: string): void {
    this.db.prepare('UPDATE answer_turns SET answer = ? WHERE id = ?').run(answer, turnId);
  }

  finish(turnId: number, turn: TurnUpdate): AnswerTurn {
    this.db
      .prepare(
        `UPDATE answer_turns SET answer = ?, mode = ?, model = ?, sources = ?, citations = ?, removed = ?, extract = ?,
           claims = ?, abstain_reason = ?, verified = ?, grounded = ?, unfinished = ?, notice = ?, num_ctx = ?, prompt_tokens = ? WHERE id = ?`,
      )
      .run(
        turn.answer,
        turn.mode,
        turn.model,
        JSON.stringify(turn.sources),
        JSON.stringify(turn.citations),
        JSON.stringify(turn.removedCitations),
        JSON.stringify(turn.extract),
        JSON.stringify(turn.claims),
        turn.abstainReason,
        turn.verified ? 1 : 0,
        turn.grounded ? 1 : 0,
        turn.unfinished ? 1 : 0,
        turn.notice,
        turn.numCtx,
        turn.promptTokens,
        turnId,
      );
    return this.turn(turnId)!;
  }

  turn(id: number): AnswerTurn | null {
    const row = this.db.prepare<[number], TurnRow>('SELECT * FROM answer_turns WHERE id = ?').get(id);
    return row ? toTurn(row) : null;
  }

  turns(conversationId: number): AnswerTurn[] {
    return this.db.prepare<[number], TurnRow>('SELECT * FROM answer_turns WHERE conversation_id = ? ORDER BY id').all(conversationId).map(toTurn);
  }

  /** Newest first; `query` searches questions and answers (case-insensitive, also umlauts). */
  list(query?: string): ConversationSummary[] {
    const needle = query?.trim().toLocaleLowerCase('de');
    const rows = this.db
      .prepare<[], ConversationRow>(
        `SELECT c.id, c.title, c.created_at, c.updated_at, count(t.id) AS turns
         FROM conversations c LEFT JOIN answer_turns t ON t.conversation_id = c.id
         GROUP BY c.id ORDER BY c.updated_at DESC, c.id DESC`,
      )
      .all();
    const matching = needle ? new Set(this.matching(needle)) : null;
    return rows
      .filter((r) => !matching || matching.has(r.id))
      .map((r) => ({ id: r.id, title: r.title, turns: r.turns, createdAt: r.created_at, updatedAt: r.updated_at }));
  }

  /** SQLite's lower() folds ASCII only; "Ärger" must find "ärger", so the comparison happens here. */
  private matching(needle: string): number[] {
    const ids = new Set<number>();
    const rows = this.db.prepare<[], { conversation_id: number; question: string; answer: string }>('SELECT conversation_id, question, answer FROM answer_turns').iterate();
    for (const row of rows) {
      if (`${row.question}\n${row.answer}`.toLocaleLowerCase('de').includes(needle)) ids.add(row.conversation_id);
    }
    return [...ids];
  }

  get(id: number): Conversation | null {
    const row = this.db.prepare<[number], Omit<ConversationRow, 'turns'>>('SELECT id, title, created_at, updated_at FROM conversations WHERE id = ?').get(id);
    if (!row) return null;
    const history = this.turns(id);
    return { id: row.id, title: row.title, turns: history.length, createdAt: row.created_at, updatedAt: row.updated_at, history };
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
  }

  deleteAll(): number {
    return this.db.prepare('DELETE FROM conversations').run().changes;
  }
}
