// Which named thing an article is about: the organisation or person it names most often, paragraph by
// paragraph. A results story reports on one company ("公司" means it) and follows one person (the one
// who takes over). Counted once per article.
import type { Article } from './article.js';
import type { EntityKind } from '../genre/names.js';

const counted = new WeakMap<Article, Map<EntityKind, [string, number][]>>();

/** Entities of a kind with their mention counts, most named first. */
export function mentionCounts(article: Article, kind: EntityKind): readonly [string, number][] {
  let byKind = counted.get(article);
  if (!byKind) counted.set(article, (byKind = new Map()));
  let list = byKind.get(kind);
  if (!list) {
    const counts = new Map<string, number>();
    for (const p of article.paragraphs) for (const m of article.entities.find(p.text)) if (m.kind === kind) counts.set(m.canonical, (counts.get(m.canonical) ?? 0) + 1);
    byKind.set(kind, (list = [...counts].sort((a, b) => b[1] - a[1])));
  }
  return list;
}

/** The most named entity of a kind when named `lead` times as often as the next, else undefined. */
export function mostNamed(article: Article, kind: EntityKind, lead: number): string | undefined {
  const [first, second] = mentionCounts(article, kind);
  return first && (!second || first[1] >= second[1] * lead) ? first[0] : undefined;
}
