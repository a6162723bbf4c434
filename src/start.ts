// Starts the engine for any surface: article and facts first (always), then dense retrieval when the
// model can be had. Dense trouble never stops the bot: it answers from BM25 and facts and says why.
// Everything derived from the article (entities, vocabulary, phonetic index, facts, BM25 term counts) is
// read from INDEX_DIR when the article, its curated files and the code are unchanged (corpus/derived-cache.ts).
import { openArticle, type Article } from './corpus/article.js';
import { cachedQuotedRecords } from './corpus/derived-cache.js';
import type { EngineConfig } from './config.js';
import { createEngineFrom, type Engine } from './answer/engine.js';
import { describeError } from './errors.js';
import { loadFactBook, type FactBook } from './facts/book.js';
import type { Fact } from './facts/schema.js';
import type { Logger } from './log.js';
import { ensureDenseIndex, denseRetriever } from './retrieval/dense-index.js';
import type { DenseRetriever } from './retrieval/dense.js';
import { cachedLexicalIndex, type LexicalIndex } from './retrieval/lexical.js';
import { createEmbedder, type Embedder } from './retrieval/embedder.js';
import { loadFeatureExtractor, type ModelEvent } from './retrieval/model-store.js';
import { getModelSpec } from './retrieval/models.js';
import { warmSegmenter } from './text/segment.js';

export interface DenseSetup {
  retriever: DenseRetriever | null;
  embedder: Embedder | null;
  status: string;
}

export async function loadEmbedder(config: EngineConfig, log: Logger, onEvent?: (e: ModelEvent) => void, purpose: 'load' | 'fetch' = 'load'): Promise<Embedder> {
  const spec = getModelSpec(config.EMBEDDING_MODEL);
  // transformers.js reports local misses with console.warn; they belong in our debug log, not on screen.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => log.debug('transformers.js', { message: args.map(String).join(' ').slice(0, 300) });
  try {
    const extractor = await loadFeatureExtractor(spec, {
      modelsDir: config.modelsDir,
      allowRemote: config.ALLOW_REMOTE_MODELS,
      remoteHost: config.HF_REMOTE_HOST,
      stallTimeoutMs: config.MODEL_DOWNLOAD_TIMEOUT_MS,
      hubTimeoutMs: config.MODEL_HUB_TIMEOUT_MS,
      purpose,
      onEvent,
    });
    return await createEmbedder(spec, extractor);
  } finally {
    console.warn = warn;
  }
}

export async function setUpDense(config: EngineConfig, article: ReturnType<typeof openArticle>, log: Logger, onEvent?: (e: ModelEvent) => void): Promise<DenseSetup> {
  if (config.DENSE === 'off') return { retriever: null, embedder: null, status: 'dense search off (DENSE=off): answering from BM25 and facts' };
  try {
    const embedder = await loadEmbedder(config, log, onEvent);
    const { index, rebuilt } = await ensureDenseIndex(article, embedder, config.indexDir, log);
    return {
      retriever: denseRetriever(index, embedder),
      embedder,
      status: `dense search on (${embedder.spec.id}, ${embedder.dims} dims; ${rebuilt ? `index rebuilt: ${rebuilt}` : 'index loaded'})`,
    };
  } catch (err) {
    const status = `dense search off: ${describeError(err)}`;
    log.warn(status);
    return { retriever: null, embedder: null, status };
  }
}

/** The article and what is derived from it (read back from INDEX_DIR when cached): all a start needs but dense. */
export function openArticleParts(config: EngineConfig, log: Logger): { article: Article; facts: FactBook; lexical: LexicalIndex } {
  const events = { onEvent: (message: string) => log.info(message) };
  const article = openArticle(config.CORPUS_DIR, { lexicon: { cacheDir: config.indexDir, ...events } });
  article.lexicon.warm();
  const facts = cachedQuotedRecords<Fact, FactBook>(
    config.indexDir,
    'facts',
    article,
    () => loadFactBook(article, undefined, (message) => log.debug('facts: an extracted reading was dropped', { message })),
    (book) => book.facts,
    (list) => ({ facts: list, byId: new Map(list.map((f) => [f.id, f])) }),
    events,
  );
  return { article, facts, lexical: cachedLexicalIndex(config.indexDir, article, events) };
}

export async function startEngine(config: EngineConfig, log: Logger, onEvent?: (e: ModelEvent) => void): Promise<Engine> {
  const started = performance.now();
  const { article, facts, lexical } = openArticleParts(config, log);
  // A cached start needs no segmenter; loading its dictionary now keeps that cost off the first question.
  warmSegmenter();
  const dense = await setUpDense(config, article, log, onEvent);
  const engine = createEngineFrom(
    { article, facts, lexical, dense: dense.retriever, denseStatus: dense.status, maxQuestionChars: config.MAX_QUESTION_CHARS },
    log,
  );
  engine.readyMs = performance.now() - started;
  log.info('engine ready', { ms: Math.round(engine.readyMs), chunks: article.chunks.length, facts: facts.facts.length, dense: dense.status });
  return engine;
}
