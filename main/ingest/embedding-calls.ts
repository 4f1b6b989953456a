import type { CoreCalls } from '../contract';
import type { VectorStore } from '../index/vectors';
import type { Indexer } from './indexer';

type EmbeddingCalls = Pick<CoreCalls, 'startEmbedding'>;

interface EmbeddingCallsOptions {
  indexer: Indexer;
  vectors: VectorStore;
  /** The embedding model the settings name now ('' for none). */
  embeddingModel: () => string;
}

/** An embedding-only job: every chunk without a vector of the current model gets one; search keeps working meanwhile. */
export function embeddingCalls({ indexer, vectors, embeddingModel }: EmbeddingCallsOptions): EmbeddingCalls {
  return {
    async startEmbedding() {
      const model = embeddingModel();
      if (!model || !vectors.available || vectors.countMissing(model) === 0) return { jobId: null };
      return { jobId: indexer.start({ folders: [] }).jobId };
    },
  };
}
