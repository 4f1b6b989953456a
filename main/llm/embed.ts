import type { Ollama } from 'ollama';

/** Embeddings of several texts in one /api/embed request. */
export async function embedTexts(client: Ollama, model: string, texts: string[]): Promise<Float32Array[]> {
  const response = await client.embed({ model, input: texts, truncate: true });
  if (!Array.isArray(response.embeddings) || response.embeddings.length !== texts.length) {
    throw new Error(`Ollama returned ${response.embeddings?.length ?? 0} embeddings for ${texts.length} texts`);
  }
  return response.embeddings.map((e) => Float32Array.from(e));
}
