// The dense retriever as the engine sees it; built by retrieval/dense-index.ts when a model is at hand.
import type { ChunkId } from '../types.js';

export interface DenseRetriever {
  modelId: string;
  search(text: string, k: number): Promise<{ id: ChunkId; score: number }[]>;
}
