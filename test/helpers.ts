import { openArticle, type Article } from '../src/corpus/article.js';
import { createEngineFrom, type Engine } from '../src/answer/engine.js';
import { loadFactBook } from '../src/facts/book.js';

let article: Article | undefined;
export const getArticle = (): Article => (article ??= openArticle());

let engine: Engine | undefined;
export const getEngine = (): Engine => {
  if (!engine) {
    const a = getArticle();
    engine = createEngineFrom({ article: a, facts: loadFactBook(a) });
  }
  return engine;
};
