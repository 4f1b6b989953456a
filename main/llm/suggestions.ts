import type { ModelSuggestion } from '../contract';

/**
 * Models from the Ollama library that handle German well, with what the
 * clerk needs to choose: what each is good at and roughly how big it is.
 * Names are exactly as `ollama pull` takes them.
 */
export const MODEL_SUGGESTIONS: Omit<ModelSuggestion, 'installed'>[] = [
  { name: 'qwen2.5:7b', use: 'chat', description: 'Gutes Deutsch, hält sich zuverlässig an Vorgaben und Quellen; ca. 4,7 GB, läuft ab 8 GB Arbeitsspeicher.' },
  { name: 'llama3.1:8b', use: 'chat', description: 'Solides Allround-Modell von Meta mit langem Kontext (128 000 Token); ca. 4,9 GB.' },
  { name: 'mistral-nemo', use: 'chat', description: 'Mistral/NVIDIA, stark in europäischen Sprachen, langer Kontext; ca. 7,1 GB, braucht etwa 12 GB Speicher.' },
  { name: 'gemma2:9b', use: 'chat', description: 'Google, formuliert natürliches, flüssiges Deutsch; kurzer Kontext (8 000 Token); ca. 5,4 GB.' },
  { name: 'bge-m3', use: 'embedding', description: 'Mehrsprachig mit gutem Deutsch, auch für lange Abschnitte; ca. 1,2 GB. Empfohlen für die semantische Suche.' },
  { name: 'jina/jina-embeddings-v2-base-de', use: 'embedding', description: 'Eigens für Deutsch und Englisch trainiert, klein und schnell; ca. 0,3 GB.' },
];
