// The article as the rest of the engine sees it: raw text, metadata, structure, chunks, and what its own
// words are (entities, vocabulary, phonetic index, glossary). Each Article owns its derived state, so two
// articles can live in one process.
import type { Chunk, ChunkId, Paragraph, Section } from '../types.js';
import { cachedEntities, derivedKey } from './derived-cache.js';
import { chunkParagraphs, DEFAULT_CHUNK_OPTIONS, type ChunkOptions } from './chunk.js';
import { deriveEntities, type EntityIndex } from './entities.js';
import { buildLexicon, type ArticleLexicon, type LexiconOptions } from './lexicon.js';
import { loadArticle, type Aliases, type ArticleMeta, type RawArticle } from './load.js';
import { parseStructure } from './structure.js';

export interface Article {
  meta: ArticleMeta;
  raw: string;
  sha256: string;
  path: string;
  /** The corpus folder the article came from. */
  dir: string;
  aliases: Aliases;
  sections: Section[];
  paragraphs: Paragraph[];
  chunks: Chunk[];
  chunkById: Map<ChunkId, Chunk>;
  /** The named things of this article (found in its text, plus the corpus folder's aliases). */
  entities: EntityIndex;
  lexicon: ArticleLexicon;
}

export interface ArticleOptions {
  chunk: ChunkOptions;
  lexicon: LexiconOptions;
  /** How the entities are had: derived from the text by default; a caller may serve them from a cache. */
  entities: (paragraphs: string[], aliases: Aliases) => EntityIndex;
}
export const DEFAULT_ARTICLE_OPTIONS: ArticleOptions = { chunk: DEFAULT_CHUNK_OPTIONS, lexicon: {}, entities: deriveEntities };

export function buildArticle(loaded: RawArticle, options: Partial<ArticleOptions> = {}): Article {
  const { chunk, lexicon, entities: entitiesOf } = { ...DEFAULT_ARTICLE_OPTIONS, ...options };
  const structure = parseStructure(loaded.raw, { title: loaded.meta.title });
  const chunks = chunkParagraphs(loaded.raw, structure.paragraphs, structure.sections, chunk);
  const texts = structure.paragraphs.map((p) => p.text);
  // With a cache folder, what costs time (entities, vocabulary, phonetic index) is read back when the article,
  // its curated files and the code are unchanged; a caller's own way of having entities is never cached.
  const key = lexicon.cacheDir ? derivedKey(loaded) : undefined;
  const derive = () => entitiesOf(texts, loaded.aliases);
  const entities = key && entitiesOf === deriveEntities ? cachedEntities(lexicon.cacheDir, loaded, derive, lexicon) : derive();
  return {
    ...loaded,
    sections: structure.sections,
    paragraphs: structure.paragraphs,
    chunks,
    chunkById: new Map(chunks.map((c) => [c.id, c])),
    entities,
    lexicon: buildLexicon({ raw: loaded.raw, paragraphs: texts, sha256: loaded.sha256 }, entities, { ...lexicon, derivedKey: key }),
  };
}

export const openArticle = (corpusDir?: string, options: Partial<ArticleOptions> = {}): Article => buildArticle(loadArticle(corpusDir), options);
