import type { Ollama } from 'ollama';

/** Turns chunk texts into vectors with the configured embedding model (Ollama). */
export interface Embedder {
  model: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

/** Embeddings of several texts in one /api/embed request. */
export async function embedTexts(client: Ollama, model: string, texts: string[]): Promise<Float32Array[]> {
  const response = await client.embed({ model, input: texts, truncate: true });
  if (!Array.isArray(response.embeddings) || response.embeddings.length !== texts.length) {
    throw new Error(`Ollama returned ${response.embeddings?.length ?? 0} embeddings for ${texts.length} texts`);
  }
  return response.embeddings.map((e) => Float32Array.from(e));
}
