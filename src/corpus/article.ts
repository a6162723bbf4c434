// The article as the rest of the engine sees it: raw text, metadata, structure and chunks.
import type { Chunk, ChunkId, Paragraph, Section } from '../types.js';
import { chunkParagraphs, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunk.js';
import { loadArticle, type ArticleMeta, type RawArticle } from './load.js';
import { parseStructure } from './structure.js';
import { deriveEntities, type EntityIndex } from './entities.js';

export interface Article {
  meta: ArticleMeta;
  raw: string;
  sha256: string;
  path: string;
  /** The corpus folder the article came from. */
  dir: string;
  sections: Section[];
  paragraphs: Paragraph[];
  chunks: Chunk[];
  chunkById: Map<ChunkId, Chunk>;
  /** The named things of this article (found in its text, plus the corpus folder's aliases). */
  entities: EntityIndex;
}

export function buildArticle(
  loaded: RawArticle,
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
): Article {
  const structure = parseStructure(loaded.raw, { title: loaded.meta.title });
  const chunks = chunkParagraphs(loaded.raw, structure.paragraphs, structure.sections, options);
  return {
    ...loaded,
    sections: structure.sections,
    paragraphs: structure.paragraphs,
    chunks,
    chunkById: new Map(chunks.map((c) => [c.id, c])),
    entities: deriveEntities(structure.paragraphs.map((p) => p.text), loaded.aliases),
  };
}

export const openArticle = (corpusDir?: string): Article => buildArticle(loadArticle(corpusDir));
