// Reciprocal rank fusion: each retriever contributes 1/(k + rank); hits keep every retriever's rank so
// --explain can show who found what.
import type { ChunkId } from '../types.js';

export type RetrieverName = 'bm25' | 'dense';

export interface RankedList {
  source: RetrieverName;
  ids: { id: ChunkId; score: number }[];
}

export interface FusedHit {
  id: ChunkId;
  score: number;
  ranks: Partial<Record<RetrieverName, number>>;
  scores: Partial<Record<RetrieverName, number>>;
}

export const DEFAULT_RRF_K = 60;

export function reciprocalRankFusion(lists: RankedList[], k = DEFAULT_RRF_K): FusedHit[] {
  const byId = new Map<ChunkId, FusedHit>();
  for (const list of lists) {
    list.ids.forEach(({ id, score }, i) => {
      const hit = byId.get(id) ?? { id, score: 0, ranks: {}, scores: {} };
      hit.score += 1 / (k + i + 1);
      hit.ranks[list.source] = i + 1;
      hit.scores[list.source] = score;
      byId.set(id, hit);
    });
  }
  return [...byId.values()].sort((a, b) => b.score - a.score);
}
