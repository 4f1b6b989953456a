/* Ollama: its status, the installed and suggested models, downloads. */
import { MAX_TEXT, z } from './common';
import type { ApiError } from './result';

/** Ollama model names look like "llama3.1:8b" or "namespace/model:tag". */
export const modelNameSchema = z
  .string()
  .trim()
  .max(MAX_TEXT, { message: 'Der Modellname ist zu lang.' })
  .regex(/^$|^[A-Za-z0-9][A-Za-z0-9._\-/:]*$/, {
    message: 'Ein Modellname besteht aus Buchstaben, Ziffern und . _ - / : (z. B. qwen2.5:7b).',
  });

export interface OllamaModel {
  name: string;
  /** Null when the server does not say (some Ollama-compatible servers leave it out). */
  sizeBytes: number | null;
  /** ISO time of the last change; null when the server does not say. */
  modifiedAt: string | null;
  family: string;
  parameterSize: string;
  quantization: string;
}

export interface OllamaStatus {
  host: string;
  reachable: boolean;
  version: string | null;
  models: OllamaModel[];
  /** Why it is not reachable, in German, with what to do. */
  error: ApiError | null;
  checkedAt: string;
}

/** What Ollama's /api/show says a model can do: "completion" (chat), "embedding", "tools", "vision", … */
export type ModelCapability = string;

/** An installed model with what it can do (from /api/show). */
export interface InstalledModel extends OllamaModel {
  capabilities: ModelCapability[];
  /** Can write answers and letters ("completion"). */
  chat: boolean;
  /** Can turn text into vectors for the semantic search ("embedding"). */
  embedding: boolean;
  /** The longest context the model was trained for, in tokens; null when Ollama does not say. */
  contextLength: number | null;
}

/** A model that handles German well, suggested in Einstellungen. */
export interface ModelSuggestion {
  name: string;
  use: 'chat' | 'embedding';
  /** One German line: what it is good at, its size. */
  description: string;
  installed: boolean;
}

export interface ModelList {
  host: string;
  reachable: boolean;
  models: InstalledModel[];
  suggestions: ModelSuggestion[];
  /** Downloads that are running now (so a page opened later shows them). */
  pulls: PullProgress[];
  /** Why the models could not be listed, in German, with what to do. */
  error: ApiError | null;
}

/** A model download (/api/pull), pushed as it goes. */
export interface PullProgress {
  pullId: string;
  name: string;
  /** Ollama's own status line: "pulling manifest", "pulling 6a0746a1ec1a", "verifying sha256 digest", "success". */
  status: string;
  /** Bytes downloaded and to download, summed over the model's layers seen so far. */
  completed: number;
  total: number;
  done: boolean;
  /** Set when the download ended without success; code "cancelled" when the clerk stopped it. */
  error?: ApiError;
}

export const pullIdSchema = z.string().min(1).max(100);
export const pullModelSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: 'Bitte einen Modellnamen angeben, z. B. qwen2.5:7b.' })
      .pipe(modelNameSchema),
  })
  .strict();
