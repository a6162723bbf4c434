// Picks the sentence(s) of the retrieved passages that answer a question, or decides from the evidence
// that the article does not answer it.
import type { Article } from '../corpus/article.js';
import type { FusedHit } from '../retrieval/fusion.js';
import type { LexicalIndex } from '../retrieval/lexical.js';
import { compact } from '../text/normalize.js';
import { charBigrams as bigrams } from '../text/segment.js';
import type { Chunk, Citation, Sentence } from '../types.js';
import { citeSpan } from './cite.js';
import type { QueryAnalysis } from './query.js';

export interface PassageAnswer {
  kind: 'passage' | 'not_found';
  answer: string;
  citations: Citation[];
  confidence: number;
  reason: string;
  /** Best nearby passage when the answer is not_found (offered to the user, never as the answer). */
  nearest?: Citation;
  explain: { sentence?: string; coverage: number; missing: string[]; unknownNames: string[] };
}

export interface ComposeOptions {
  /** Share of the question's key-term weight the evidence must cover. */
  minCoverage: number;
  candidates: number;
}
export const DEFAULT_COMPOSE: ComposeOptions = { minCoverage: 0.6, candidates: 6 };

interface Candidate {
  chunk: Chunk;
  sentence: Sentence;
  index: number;
  score: number;
  coverage: number;
  missing: string[];
}

const hasDigit = (s: string) => /[\d一二三四五六七八九十百千万亿两]/.test(s);
const DATE_WORDS = /\d{4}\s*年|\d{1,2}\s*月|[今去次同当]年|年底|年初/;

/** Weighted share of the question's words that appear in the text (whitespace-insensitive). */
function coverageOf(words: string[], text: string, weight: (w: string) => number): { coverage: number; missing: string[] } {
  const hay = compact(text);
  let total = 0;
  let got = 0;
  const missing: string[] = [];
  for (const w of words) {
    const wt = weight(w);
    total += wt;
    if (hay.includes(compact(w))) got += wt;
    else missing.push(w);
  }
  return { coverage: total ? got / total : 0, missing };
}

/** Entity names of the question, as any of their aliases, must stand in the evidence. */
function entitiesCovered(article: Article, entities: string[], text: string): boolean {
  const present = new Set(article.entities.find(text).map((e) => e.canonical));
  return entities.every((e) => present.has(e));
}

/** The entity the article is about (the one it names most): a paragraph may leave it implicit. */
const subjectCache = new WeakMap<Article, string | undefined>();
function articleSubject(article: Article): string | undefined {
  if (!subjectCache.has(article)) {
    const counts = new Map<string, number>();
    for (const e of article.entities.find(article.raw)) counts.set(e.canonical, (counts.get(e.canonical) ?? 0) + 1);
    subjectCache.set(article, [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]);
  }
  return subjectCache.get(article);
}

export function composePassage(
  article: Article,
  lexical: LexicalIndex,
  q: QueryAnalysis,
  hits: FusedHit[],
  options: ComposeOptions = DEFAULT_COMPOSE,
): PassageAnswer {
  const findEntities = (text: string) => article.entities.find(text);
  const notFound = (reason: string, nearest?: Citation, explain?: Partial<PassageAnswer['explain']>): PassageAnswer => ({
    kind: 'not_found',
    answer: nearest
      ? `文章没有回答这个问题。最接近的段落（${nearest.id}）：「${nearest.quote}」`
      : '文章没有回答这个问题。',
    citations: [],
    confidence: 0,
    reason,
    nearest,
    explain: { coverage: 0, missing: [], unknownNames: q.unknownNames, ...explain },
  });

  if (q.words.length === 0) return notFound('the question has no words to look for');
  // Words the article never uses and that are not names ("学校", "情况") frame the question rather than
  // pick the evidence, so they weigh little; names the article lacks are handled as unknownNames.
  // For "how many / how much" questions an absent word is usually the very thing measured ("估值",
  // "员工"), so it keeps its full weight there.
  const absentWeight = q.asksQuantity ? lexical.idf('\u0000') : 1;
  // English words left untranslated by the glossary ("did", "recently") are not evidence either way;
  // capitalised unknown names were already caught as unknownNames.
  const untranslated = (w: string) => /^[a-z]+$/.test(w) && !lexical.bm25.docFreq.has(w);
  const weight = (w: string) =>
    (/^\d+$/.test(w) ? 2 : lexical.bm25.docFreq.has(w) ? lexical.idf(w) : untranslated(w) ? 0.1 : absentWeight) * (q.entities.includes(w) ? 1.5 : 1);
  // Evidence must share something with the question besides its names: "蚂蚁集团的总部在哪里" is not
  // answered by a passage that merely mentions 蚂蚁集团.
  const substantive = q.words.filter((w) => !q.entities.includes(w) && !findEntities(w).length && !/^\d+$/.test(w) && !untranslated(w));
  // A question made only of names and untranslated English has nothing the evidence could confirm.
  const onlyUntranslated = substantive.length === 0 && q.words.some(untranslated);
  const saysSomething = (text: string) => !onlyUntranslated && (substantive.length === 0 || substantive.some((w) => compact(text).includes(compact(w))));
  // The sentence quoted, with its neighbours, must say something asked about, not only its paragraph.
  const near = (c: Candidate) => c.chunk.sentences.slice(Math.max(0, c.index - 1), c.index + 2).map((x) => x.text).join('');

  const subject = articleSubject(article);
  const previousText = (chunk: Chunk) => {
    const i = article.chunks.indexOf(chunk);
    const prev = article.chunks[i - 1];
    return prev && prev.section === chunk.section ? prev.text : '';
  };
  const candidates: Candidate[] = [];
  // Fused top hits, plus BM25's own best: a weak dense model must not push the lexical evidence out.
  const pool = hits.filter((h, i) => i < options.candidates || (h.ranks.bm25 ?? Infinity) <= 5);
  for (const hit of pool) {
    const chunk = article.chunkById.get(hit.id);
    if (!chunk) continue;
    const ctx = coverageOf(q.words, chunk.text, weight);
    chunk.sentences.forEach((sentence, index) => {
      // A sentence is judged with its paragraph around it: names and periods are often set one sentence earlier.
      // "他曾经掌管…": a sentence that opens with a pronoun speaks of the names of the sentence before it.
      // The nearest name before the pronoun is the one it stands for ("井贤栋指出:韩歆毅…。他…" → 韩歆毅).
      const before = index > 0 && /^[他她其它该]/.test(sentence.text) ? (findEntities(chunk.sentences[index - 1]!.text).pop()?.name ?? '') : '';
      const own = coverageOf(q.words, `${before} ${sentence.text}`, weight);
      const score = own.coverage * 2 + ctx.coverage + hit.score * 10;
      candidates.push({ chunk, sentence, index, score, coverage: ctx.coverage, missing: ctx.missing });
    });
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  const nearest = best ? citeSpan(article, best.sentence) : undefined;
  if (!best) return notFound('no passage shares a word with the question');
  if (q.unknownNames.length > 0) {
    return notFound(`the article never mentions ${q.unknownNames.join(', ')}`, nearest, { coverage: best.coverage, missing: best.missing });
  }

  const accepted = candidates.find(
    (c) =>
      c.coverage >= options.minCoverage &&
      saysSomething(near(c)) &&
      // Names must stand in the paragraph or the one before it ("韩首先设立了…" follows "韩歆毅获任…");
      // the article's own subject may stay implicit.
      entitiesCovered(article, q.entities.filter((e) => e !== subject), `${previousText(c.chunk)}${c.chunk.text}`) &&
      q.years.every((y) => c.chunk.text.includes(y)) &&
      // "When" is answered only by a sentence that carries a date.
      (!q.asksWhen || DATE_WORDS.test(c.sentence.text)) &&
      // A figure must come from a sentence about the entity asked for, not from its neighbour's.
      (!q.asksQuantity || (hasDigit(c.sentence.text) && entitiesCovered(article, q.entities, c.sentence.text))),
  );
  if (!accepted) {
    return notFound(
      `best evidence covers ${(best.coverage * 100).toFixed(0)}% of the question's key terms (missing: ${best.missing.join(', ') || 'none'})`,
      nearest,
      { coverage: best.coverage, missing: best.missing },
    );
  }

  // A sentence that only restates the question ("先说支付宝为什么如此看重…") is a lead-in: carry on to
  // the sentences after it until something new is said.
  const picked: Sentence[] = [accepted.sentence];
  const asked = compact(q.text);
  const novelty = (s: Sentence) => {
    const grams = [...new Set(bigrams(s.text))];
    return grams.length ? grams.filter((g) => !asked.includes(g)).length / grams.length : 0;
  };
  const extra = following(accepted);
  // "江浩有过任职经历。他曾担任建设银行的…": when the next sentence holds a word of the question that
  // the answer so far lacks, it is part of the answer.
  const lacking = (text: string) => substantive.filter((w) => !compact(text).includes(compact(w)));
  const sameParagraph = new Set(accepted.chunk.sentences);
  const completes = (next: Sentence) => {
    if (!sameParagraph.has(next)) return false;
    const missing = lacking(picked.map((p) => p.text).join(''));
    return missing.length > 0 && missing.some((w) => compact(next.text).includes(compact(w)));
  };
  while (
    extra.length &&
    picked.length < 3 &&
    (novelty(picked[picked.length - 1]!) < 0.5 || (q.asksWhy && picked.length < 2) || completes(extra[0]!))
  ) {
    picked.push(extra.shift()!);
  }
  const citations = picked.map((s) => citeSpan(article, s));
  return {
    kind: 'passage',
    answer: citations.map((c) => c.quote).join(''),
    citations,
    confidence: Math.min(0.95, 0.4 + accepted.coverage * 0.5),
    reason: `sentence covers ${(accepted.coverage * 100).toFixed(0)}% of the key terms`,
    explain: { sentence: accepted.sentence.text, coverage: accepted.coverage, missing: accepted.missing, unknownNames: [] },
  };

  function following(c: Candidate): Sentence[] {
    const rest = c.chunk.sentences.slice(c.index + 1);
    if (rest.length) return rest;
    // Past the end of the paragraph: the next paragraph of the same section.
    const i = article.chunks.indexOf(c.chunk);
    const next = article.chunks[i + 1];
    return next && next.section === c.chunk.section ? next.sentences.slice(0, 2) : [];
  }
}
