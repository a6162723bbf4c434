// Data derived from one article and looked up question after question (a compact text, word lists): worked
// out on first use and kept as long as the article lives, so two engines on two corpora never share it.
import type { Article } from './article.js';

/** The function, computed once per article. */
export function perArticle<T>(derive: (article: Article) => T): (article: Article) => T {
  const cache = new WeakMap<Article, { value: T }>();
  return (article) => {
    let hit = cache.get(article);
    if (!hit) cache.set(article, (hit = { value: derive(article) }));
    return hit.value;
  };
}
