/* Grounded answers, conversations, their export. */
import { z } from './common';
import { modelNameSchema } from './models';
import type { SearchHit } from './search';

/** A passage whose sentences that match the question are marked: the answer without a language model. */
export interface ExtractivePassage {
  n: number;
  hit: SearchHit;
  text: string;
  /** [start, end) ranges in `text` of the sentences that match the question. */
  highlights: [number, number][];
}

/** A source the answer cites, as [n] in its text. */
export type Citation = { n: number } & Pick<SearchHit, 'chunkId' | 'documentId' | 'path' | 'title' | 'headingPath' | 'lineStart' | 'lineEnd' | 'page'>;

/**
 * One sentence of an answer as checked against the sources it cites: its
 * numbers, amounts, dates, periods, § references and content words must be
 * found in a cited passage (with the same German analysis as search).
 */
export interface Claim {
  text: string;
  /** [start, end) of the sentence in the answer. */
  start: number;
  end: number;
  /** The source numbers the sentence cites (its own, or the paragraph's when it has none). */
  citations: number[];
  supported: boolean;
  /** German, for the clerk: why the sentence is not backed by what it cites; null when supported. */
  reason: string | null;
}

/**
 * generated: written by the model from the sources; extractive: the best
 * passages without a model; abstained: nothing relevant enough was found
 * (the model was not asked), or the model said that the sources do not
 * answer the question.
 */
export type AnswerMode = 'generated' | 'extractive' | 'abstained';

export interface AnswerTurn {
  id: number;
  conversationId: number;
  question: string;
  /** The answer as shown: citations of sources that were not given are removed. */
  answer: string;
  mode: AnswerMode;
  /** The chat model that wrote it (generated), else null. */
  model: string | null;
  /** The numbered sources ([1] is sources[0]); when abstained, the closest hits. */
  sources: SearchHit[];
  /** The sources the answer cites, in order of first citation. */
  citations: Citation[];
  /** Numbers the model cited although no such source was given (removed from the answer). */
  removedCitations: number[];
  /**
   * True when every citation maps to a given source, the answer cites at
   * least one, and every sentence with content is supported by what it cites.
   */
  verified: boolean;
  /** Every sentence of the answer with content, checked against its citations (empty when abstained). */
  claims: Claim[];
  /** Abstained: German, why the closest hits (in `sources`) were not enough; null otherwise. */
  abstainReason: string | null;
  /** False when retrieval found nothing relevant enough. */
  grounded: boolean;
  /** True when the answer broke off (stopped, error, timeout): what arrived is kept. */
  unfinished: boolean;
  /** Passages for the extractive answer (without Ollama or without a chat model). */
  extract: ExtractivePassage[];
  /** German: why the answer is extractive or unfinished, and what to do. */
  notice: string | null;
  /** The context window requested from Ollama, and the prompt size in estimated tokens. */
  numCtx: number | null;
  promptTokens: number | null;
  createdAt: string;
}

export interface ConversationSummary {
  id: number;
  title: string;
  turns: number;
  createdAt: string;
  updatedAt: string;
}

export interface Conversation extends ConversationSummary {
  /** The turns, oldest first. */
  history: AnswerTurn[];
}

/** Streamed while an answer is written: first the sources, then the answer piece by piece. */
export type AnswerStreamEvent =
  | { askId: string; conversationId: number; turnId: number; type: 'sources'; sources: SearchHit[]; model: string }
  | { askId: string; conversationId: number; turnId: number; type: 'token'; text: string };

export const askIdSchema = z.string().min(1).max(100);

export const askSchema = z
  .object({
    question: z
      .string()
      .trim()
      .min(1, { message: 'Bitte eine Frage eingeben.' })
      .max(4000, { message: 'Die Frage ist zu lang (höchstens 4000 Zeichen).' }),
    /** Chosen by the caller, so that it can stop the answer before the call returns. */
    askId: askIdSchema,
    /** Continue this conversation (follow-up question). */
    conversationId: z.number().int().positive().optional(),
    /** Another chat model than the one in the settings. */
    model: modelNameSchema.optional(),
  })
  .strict();

export const ANSWER_EXPORT_FORMATS = ['docx', 'md'] as const;
export type AnswerExportFormat = (typeof ANSWER_EXPORT_FORMATS)[number];
