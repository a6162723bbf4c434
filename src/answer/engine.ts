// The one engine every surface uses: question in, grounded answer (or an honest "not found") out.
import type { Article } from '../corpus/article.js';
import { openArticle } from '../corpus/article.js';
import type { EngineConfig } from '../config.js';
import { routeFacts, type FactBook } from '../facts/lookup.js';
import { loadFactBook } from '../facts/book.js';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { reciprocalRankFusion, type RankedList } from '../retrieval/fusion.js';
import { buildLexicalIndex, type LexicalIndex } from '../retrieval/lexical.js';
import type { DenseRetriever } from '../retrieval/dense.js';
import { compactArticle } from './cite.js';
import { composePassage } from './compose.js';
import { analyzeQuestion } from './query.js';
import type { Answer, Explain } from './types.js';

export interface Engine {
  article: Article;
  facts: FactBook;
  lexical: LexicalIndex;
  dense: DenseRetriever | null;
  /** One line for status output: whether dense search is on, and why not when it is off. */
  denseStatus: string;
  readyMs: number;
  answer(question: string, options?: { explain?: boolean }): Promise<Answer>;
}

export interface EngineParts {
  article: Article;
  facts: FactBook;
  dense?: DenseRetriever | null;
  denseStatus?: string;
  maxQuestionChars?: number;
}

export function createEngineFrom(parts: EngineParts, log: Logger = silentLogger): Engine {
  const started = performance.now();
  const { article, facts } = parts;
  const lexical = buildLexicalIndex(article.chunks);
  const articleCompact = compactArticle(article);
  const dense = parts.dense ?? null;
  const denseStatus = parts.denseStatus ?? (dense ? `dense search on (${dense.modelId})` : 'dense search off');
  const maxChars = parts.maxQuestionChars ?? 1000;

  async function answer(question: string, options: { explain?: boolean } = {}): Promise<Answer> {
    const t0 = performance.now();
    const finish = (a: Omit<Answer, 'ms' | 'question'>): Answer => ({
      question,
      ...a,
      ms: Math.round((performance.now() - t0) * 100) / 100,
    });
    const input = typeof question === 'string' ? question : '';
    const q = analyzeQuestion(input.slice(0, maxChars * 2), articleCompact);
    if (!q.normalized) {
      return finish({
        kind: 'not_found',
        answer: '问题是空的：请输入一个关于这篇文章的问题。(The question is empty: ask something about the article.)',
        citations: [],
        confidence: 0,
        error: { code: 'EMPTY_QUESTION', message: 'The question is empty or has only invisible characters.' },
      });
    }
    if ([...input].length > maxChars) {
      return finish({
        kind: 'not_found',
        answer: `问题太长（${[...input].length} 个字符），请缩短到 ${maxChars} 个字符以内。(The question is too long; keep it under ${maxChars} characters.)`,
        citations: [],
        confidence: 0,
        error: { code: 'QUESTION_TOO_LONG', message: `The question has ${[...input].length} characters; the limit is ${maxChars}.` },
      });
    }

    const explain: Explain | undefined = options.explain
      ? { normalized: q.normalized, translated: q.text, tokens: q.tokens, entities: q.entities, unknownNames: q.unknownNames, route: '', reason: '', dense: denseStatus, hits: [] }
      : undefined;

    const fact = routeFacts(facts, q);
    if (fact) {
      if (explain) Object.assign(explain, { route: `facts: ${fact.route}`, reason: fact.reason });
      return finish({ kind: fact.kind, answer: fact.answer, citations: fact.citations, confidence: fact.confidence, explain });
    }

    const lists: RankedList[] = [{ source: 'bm25', ids: lexical.search(q.tokens, 20) }];
    if (dense) {
      try {
        lists.push({ source: 'dense', ids: await dense.search(q.text, 20) });
      } catch (err) {
        log.warn('dense search failed for one question; answering from BM25', { error: String(err) });
      }
    }
    const hits = reciprocalRankFusion(lists);
    const passage = composePassage(article, lexical, q, hits);
    if (explain) {
      Object.assign(explain, {
        route: 'retrieval',
        reason: passage.reason,
        coverage: passage.explain.coverage,
        missing: passage.explain.missing,
        hits: hits.slice(0, 5).map((h) => ({ ...h, preview: article.chunkById.get(h.id)?.text.slice(0, 40) ?? '' })),
      });
    }
    return finish({
      kind: passage.kind,
      answer: passage.answer,
      citations: passage.citations,
      confidence: passage.confidence,
      nearest: passage.nearest,
      explain,
    });
  }

  return { article, facts, lexical, dense, denseStatus, readyMs: performance.now() - started, answer };
}

/** Loads everything from disk per the config. Dense retrieval is attached by the caller when available. */
export function createEngine(config: EngineConfig, log: Logger = silentLogger, dense?: { retriever: DenseRetriever | null; status: string }): Engine {
  const started = performance.now();
  const article = openArticle(config.CORPUS_META);
  const facts = loadFactBook(article);
  const engine = createEngineFrom(
    { article, facts, dense: dense?.retriever ?? null, denseStatus: dense?.status, maxQuestionChars: config.MAX_QUESTION_CHARS },
    log,
  );
  engine.readyMs = performance.now() - started;
  return engine;
}
