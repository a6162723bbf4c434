// Reading a question the way its asker meant it, in the article's own words: romanised names and English
// words through the article's phonetic index and glossary, IME homophone typos repaired against the
// article's vocabulary, and everyday words paired with the article's word for the same sense. Every
// change is recorded, so the answer can say which reading it used.
import type { Article } from '../corpus/article.js';
import { hasEnglish, translateFrames } from '../text/english.js';
import { compact } from '../text/normalize.js';
import { cut, inDictionary, STOP_WORDS, tokenize } from '../text/segment.js';
import { compactArticle } from '../corpus/cite.js';
import { EVENT_VERBS, ROLE_ALIASES } from '../genre/events.js';
import { findMeasures } from '../genre/measures.js';

export interface Reading {
  typed: string;
  read: string;
  /** homophone: same pinyin (IME typo); english: dictionary translation; name: a romanised or other name. */
  how: 'homophone' | 'english' | 'name' | 'related';
  /** Other article words the dictionary gives for the same typed word (searched, and accepted as evidence). */
  also?: string[];
}

export interface ReadQuestion {
  /** The question read into the article's words, with related article words appended (for retrieval). */
  text: string;
  /** The same without the appended words (for judging evidence word by word). */
  core: string;
  readings: Reading[];
}

export interface ReadingOptions {
  /** Longest window (characters) checked for a homophone typo: names and terms are rarely longer. */
  maxTypoWindow: number;
  /** At most this many article words stand for one everyday word (more is noise in retrieval). */
  maxRelated: number;
}
export const DEFAULT_READING: ReadingOptions = { maxTypoWindow: 4, maxRelated: 2 };

// Particles and function characters: a window holding one is grammar, not a mistyped term.
const PARTICLES = new Set([...'的了是在和与也都就被把从到对于为而其这那个些之以及所再又还将已曾给向让着过来去说吗呢吧啊呀']);

/** The genre's own terms: event verbs (离职, 出任) and measure words (营收, 不良率). */
const genreTerm = (w: string) => EVENT_VERBS.test(w) || findMeasures(w).some((m) => m.word === w);

// English words that start sentences and spell like surnames ("He", "Yu"): never read as a person.
const ENGLISH_FUNCTION_WORDS = new Set('he she it we you i they who how what why when where which did does do is are was were the an and but for not can may will has had his her its our'.split(' '));

// A window opening with a numeral ("一仗", "两笔", "几家") is a count, never a mistyped term.
const NUMERAL_START = /^[一二两三四五六七八九十几百千万]/;

// Words that frame a question and must never be "repaired" into article words.
const QUESTION_FRAME = /多少|什么|哪|谁|怎么|如何|为什么|为啥|几|吗|呢|是不是|有没有|是否/;

export function readQuestion(normalized: string, article: Article, options: ReadingOptions = DEFAULT_READING): ReadQuestion {
  const readings: Reading[] = [];
  let text = normalized;
  if (/[A-Za-z]/.test(text)) text = readLatin(text, article, readings);
  const core = repairHomophones(text, article, readings, options);
  const also = readings.flatMap((r) => r.also ?? []);
  return { text: [addRelatedWords(core, article, readings, options), ...also].join(' '), core, readings };
}

/** Names (aliases, then pinyin of the article's Chinese names), question frames, then dictionary words. */
function readLatin(q: string, article: Article, readings: Reading[]): string {
  const haystack = compactArticle(article);
  // A Latin name the article itself writes ("Tower", "Intel") stays as typed; other names ("CloudBank" for
  // 云商银行, "Han Xinyi" for 韩明远) become the article's.
  const written = (name: string) => haystack.includes(compact(name));
  let out = replaceSpans(q, article.entities.find(q).filter((m) => /[A-Za-z]/.test(m.name) && !written(m.name)).map((m) => ({ at: m.at, length: m.name.length, by: m.canonical })));
  // Pinyin spells the article's names only ("Han Xinyi"), never an ordinary word that sounds alike ("SiGe").
  const named = (word: string) => (article.entities.get(word) ?? article.entities.find(word)[0]) !== undefined;
  out = replaceSpans(out, article.lexicon.phonetic.latinName(out).filter((m) => named(m.word) && !written(out.slice(m.at, m.at + m.length))).map((m) => ({ at: m.at, length: m.length, by: m.word })));
  // "Han" alone, as English writing calls a person by surname: the one person of the article with it.
  out = out.replace(/\b[A-Z][a-z]{1,5}\b/g, (w) => {
    if (written(w) || ENGLISH_FUNCTION_WORDS.has(w.toLowerCase())) return w;
    const people = new Set(
      article.lexicon.phonetic
        .bySurname(w)
        .map((x) => article.entities.get(x) ?? article.entities.find(x)[0])
        .filter((e) => e?.kind === 'person')
        .map((e) => e!.canonical),
    );
    return people.size === 1 ? ` ${[...people][0]} ` : w;
  });
  for (const r of readingsOf(q, out)) readings.push({ ...r, how: 'name' });
  // A title's acronym ("CFO") where the article writes the title out (首席财务官).
  for (const [zh, acronym] of ROLE_ALIASES) {
    const typed = new RegExp(`\\b${acronym}\\b`, 'i');
    const written = zh.source;
    if (typed.test(out) && !haystack.includes(acronym.toLowerCase()) && haystack.includes(written)) {
      out = out.replace(typed, ` ${written} `);
      readings.push({ typed: acronym, read: written, how: 'english' });
    }
  }
  out = translateFrames(out).replace(/(\p{Script=Han}) ?'s\b/gu, '$1的');
  if (!hasEnglish(out)) return out;
  // Latin words the article itself writes ("CEO", "AI") are already the article's words.
  const foreign = out.replace(/[A-Za-z][A-Za-z-]*/g, (w) => (haystack.includes(w.toLowerCase()) ? ' , ' : w));
  const translations = article.lexicon.glossary().translate(foreign);
  for (const t of translations) {
    const re = new RegExp(`\\b${t.en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}\\b`, 'i');
    // The best reading stands in the question; the others only widen the search and the evidence.
    out = out.replace(re, ` ${t.zh[0]!} `);
    readings.push({ typed: t.en, read: t.zh[0]!, how: 'english', also: t.zh.slice(1) });
  }
  return out.replace(/\s+/g, ' ').trim();
}

function replaceSpans(q: string, spans: { at: number; length: number; by: string }[]): string {
  let out = '';
  let from = 0;
  for (const s of [...spans].sort((a, b) => a.at - b.at)) {
    if (s.at < from) continue;
    out += `${q.slice(from, s.at)} ${s.by} `;
    from = s.at + s.length;
  }
  return (out + q.slice(from)).replace(/\s+/g, ' ').trim();
}

/** Pairs of (typed, read) for names replaced between two versions of a question (for the answer's note). */
function readingsOf(before: string, after: string): { typed: string; read: string }[] {
  const latin = [...before.matchAll(/[A-Za-z][A-Za-z .'-]*[A-Za-z]/g)].map((m) => m[0]);
  const han = [...after.matchAll(/\p{Script=Han}+/gu)].map((m) => m[0]).filter((h) => !before.includes(h));
  return han.slice(0, latin.length).map((read, i) => ({ typed: latin[i]!, read }));
}

/** Units and period words beside a number are this short ("年第", "季度"). */
const UNIT_WINDOW = 2;

/** "不良律" -> 不良率, "韩心毅" -> 韩明远: a run of characters the article never writes, with the same
 * toneless pinyin as an article word and sharing at least one character with it. Longest windows first. */
function repairHomophones(q: string, article: Article, readings: Reading[], options: ReadingOptions): string {
  const haystack = compactArticle(article);
  let out = q;
  // A typo replaces whole words as the question is cut ("不良/律", "招连"); a window that splits one of
  // its words ("消费者是" -> "者是") is two words meeting, not a typo. (Cut again only after a repair.)
  let edges = wordEdges(out);
  for (let size = options.maxTypoWindow; size >= 2; size--) {
    for (let at = 0; at + size <= out.length; at++) {
      const window = out.slice(at, at + size);
      if (!edges.has(at) || !edges.has(at + size)) continue;
      // Next to a number it is a unit or a period ("2024 年第 3 季度"); with a particle it is grammar.
      // (A numeral and its classifier are grammar too: "一仗" is not a typo for 一张.)
      // (A longer window is a name or a term however it is placed: "网上银行2023年".)
      if ((size <= UNIT_WINDOW && (/\d/.test(out[at - 1] ?? '') || /\d/.test(out[at + size] ?? ''))) || NUMERAL_START.test(window)) continue;
      const grammar = [...window].some((c) => PARTICLES.has(c));
      if (!/^\p{Script=Han}+$/u.test(window) || haystack.includes(window) || QUESTION_FRAME.test(window)) continue;
      // A word the dictionary knows ("上班") was typed on purpose; a typo makes a non-word ("不良律"). But an
      // IME offers real words first: "理智" for 离职 is a typo when the article's word is the genre's own
      // term (an event verb, a measure) and the typed word is nowhere in the article.
      // So is a real word for one of the article's own names that shares a character in place ("乐被" for
      // 乐呗): names are coined words an IME does not offer first.
      const known = inDictionary(window);
      const sharesPlace = (w: string) => [...w].some((c, i) => window[i] === c);
      const ownName = (w: string) => article.entities.find(w).some((e) => e.name === w && e.kind !== 'other');
      // (A window with a particle is grammar, unless it sounds like one of the article's names: "乐被".)
      const candidates = article.lexicon.phonetic
        .homophones(window)
        .filter((w) => (grammar ? ownName(w) && sharesPlace(w) : known ? genreTerm(w) || (ownName(w) && sharesPlace(w)) : sharesPlace(w)));
      const match = candidates.sort((a, b) => count(haystack, b) - count(haystack, a))[0];
      if (!match) continue;
      out = out.slice(0, at) + match + out.slice(at + size);
      readings.push({ typed: window, read: match, how: 'homophone' });
      edges = wordEdges(out);
    }
  }
  return out;
}

/** Offsets where the segmenter puts a word boundary (start and end included). */
function wordEdges(text: string): Set<number> {
  const edges = new Set<number>([0]);
  let at = 0;
  for (const w of cut(text)) {
    // Inside a word the dictionary does not know ("金恭作"), every character may start or end the typo.
    if (!inDictionary(w)) for (let i = 1; i < w.length; i++) edges.add(at + i);
    edges.add((at += w.length));
  }
  return edges;
}

/** Everyday words the article does not use ("当上", "离开") gain the article's word for the same sense. */
function addRelatedWords(q: string, article: Article, readings: Reading[], options: ReadingOptions): string {
  const haystack = compactArticle(article);
  const extra: string[] = [];
  for (const w of new Set(tokenize(q, false))) {
    if (!/^\p{Script=Han}+$/u.test(w) || haystack.includes(w) || STOP_WORDS.has(w) || QUESTION_FRAME.test(w)) continue;
    const related = article.lexicon.glossary().related(w).filter((r) => !q.includes(r)).slice(0, options.maxRelated);
    for (const r of related) {
      extra.push(r);
      readings.push({ typed: w, read: r, how: 'related' });
    }
  }
  return extra.length ? `${q} ${extra.join(' ')}` : q;
}

const count = (hay: string, w: string) => hay.split(w).length - 1;
