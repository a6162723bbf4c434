// The article as the rest of the engine sees it: raw text, metadata, structure and chunks.
import type { Chunk, ChunkId, Paragraph, Section } from '../types.js';
import { chunkParagraphs, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunk.js';
import { loadArticle, type ArticleMeta } from './load.js';
import { parseStructure } from './structure.js';

export interface Article {
  meta: ArticleMeta;
  raw: string;
  sha256: string;
  path: string;
  sections: Section[];
  paragraphs: Paragraph[];
  chunks: Chunk[];
  chunkById: Map<ChunkId, Chunk>;
}

export function buildArticle(
  loaded: { meta: ArticleMeta; raw: string; sha256: string; path: string },
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): Article {
  const structure = parseStructure(loaded.raw);
  const chunks = chunkParagraphs(loaded.raw, structure.paragraphs, structure.sections, options);
  return {
    ...loaded,
    sections: structure.sections,
    paragraphs: structure.paragraphs,
    chunks,
    chunkById: new Map(chunks.map((c) => [c.id, c])),
  };
}

export const openArticle = (metaPath?: string): Article => buildArticle(loadArticle(metaPath));
