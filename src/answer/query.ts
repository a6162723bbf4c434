// What a question asks, in the article's vocabulary: tokens for retrieval, the entities, periods and
// measures it names, and names the article never mentions (evidence for "not found").
import type { Article } from '../corpus/article.js';
import type { EntityIndex } from '../corpus/entities.js';
import { translateFrames } from '../text/english.js';
import { normalizeQuestion, compact } from '../text/normalize.js';
import { compactArticle } from './cite.js';
import { retrievalTokens, STOP_WORDS, tag, tokenize } from '../text/segment.js';

export interface QueryAnalysis {
  original: string;
  normalized: string;
  /** Normalized, with English names and terms replaced by the article's Chinese. */
  text: string;
  tokens: string[];
  /** Whole content words (non-search cut), used for coverage. */
  words: string[];
  entities: string[];
  /** The entities that are people. */
  people: string[];
  years: string[];
  asksQuantity: boolean;
  asksWhen: boolean;
  asksWhy: boolean;
  /** Name-like words (people, places, organisations, capitalised Latin words) that the article never uses. */
  unknownNames: string[];
}

const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'x', 'eng']);
const ENGLISH_STOP = new Set(
  'what when who whom which where why how is are was were did does do the a an of in on for to and by at as with its it can could would please tell me about ant group'.split(' '),
);

/** Latin-script names of the article's entities ("MYbank", "Han Xinyi") become the article's own name. */
function nameLatinEntities(q: string, entities: EntityIndex): string {
  if (!/[A-Za-z]/.test(q)) return q;
  let out = '';
  let from = 0;
  for (const m of entities.find(q)) {
    if (!/[A-Za-z]/.test(m.name)) continue;
    out += `${q.slice(from, m.at)} ${m.canonical} `;
    from = m.at + m.name.length;
  }
  return (out + q.slice(from)).replace(/(\p{Script=Han}) ?'s\b/gu, '$1的').replace(/\s+/g, ' ').trim();
}

export function analyzeQuestion(question: string, article: Article): QueryAnalysis {
  const normalized = normalizeQuestion(question);
  const articleCompact = compactArticle(article);
  const inArticle = (w: string) => articleCompact.includes(compact(w));
  const text = translateFrames(nameLatinEntities(normalized, article.entities));
  const findEntities = (t: string) => article.entities.find(t);
  const tokens = retrievalTokens(text);
  // A compound the article never uses ("大学毕业") still asks about its parts the article does use ("毕业").
  const whole = tokenize(text, false);
  const parts = whole.flatMap((w) =>
    [...w].length >= 3 && !inArticle(w) ? tokenize(w).filter((p) => p !== w && [...p].length >= 2 && inArticle(p)) : [],
  );
  const words = [...new Set([...whole, ...parts])];
  const entities = [...new Set(findEntities(text).map((e) => e.canonical))];
  const years = [...new Set([...text.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => m[0]))];
  const unknown = new Set<string>();
  const tagged = tag(text);
  // "百度的CEO", "腾讯的市值": the word before 的 names whose thing is asked about. jieba often tags
  // company names as plain nouns, so an owner the article never mentions counts as an unknown name too.
  tagged.forEach(({ word, tag: t }, i) => {
    const w = word.trim();
    // Only a possessive 的 counts: one followed by the thing owned, not the 的 that ends "是…毕业的".
    const owned = tagged[i + 2];
    if (!owned || !/^[neax]/.test(owned.tag) || !/[\p{Script=Han}A-Za-z]/u.test(owned.word)) return;
    if (tagged[i + 1]?.word !== '的' || !/^\p{Script=Han}{2,}$/u.test(w) || /^[trmdvaf]/.test(t) || STOP_WORDS.has(w)) return;
    if (!inArticle(w)) unknown.add(w);
  });
  // A question naming nothing the article knows is about its leading noun ("字节跳动什么时候成立"):
  // absent from the article, the question is about something else, whatever jieba tags it.
  const namesKnown = entities.length > 0;
  const lead = namesKnown ? undefined : tagged.find(({ word, tag: t }) => /^[nx]/.test(t) && /^\p{Script=Han}{2,}$/u.test(word.trim()) && !STOP_WORDS.has(word.trim()));
  if (lead && !inArticle(lead.word)) unknown.add(lead.word.trim());
  for (const { word, tag: t } of tagged) {
    const w = word.trim();
    if (!NAME_TAGS.has(t) || !/[\p{Script=Han}A-Za-z]/u.test(w)) continue;
    if (/^[A-Za-z]+$/.test(w)) {
      // Latin words count as names only when capitalised and not ordinary question words.
      if (!/^[A-Z]/.test(w) || ENGLISH_STOP.has(w.toLowerCase()) || w.length < 2) continue;
    } else if ([...w].length < 2 || STOP_WORDS.has(w)) continue;
    if (!inArticle(w)) unknown.add(w);
  }
  return {
    original: question,
    normalized,
    text,
    tokens,
    words,
    entities,
    people: entities.filter((e) => article.entities.get(e)?.kind === 'person'),
    years,
    asksQuantity: /多少|几[个位年家笔亿万次]|多大|多高|多长|比例|百分之|占比/.test(text),
    asksWhen: /什么时候|何时|哪天|哪一天|哪年|哪一年|几月|几号|日期|时间点/.test(text),
    asksWhy: /为什么|为何|原因|怎么会/.test(text),
    unknownNames: [...unknown],
  };
}
