// Picks the sentence(s) of the retrieved passages that answer a question, or decides from the evidence
// that the article does not answer it. Names, years, ordinals and the kind of answer asked for are hard
// constraints; the question's other words only rank, with typos, English and everyday words already read
// into the article's wording.
import type { Article } from '../corpus/article.js';
import { personShaped, type EntityMention } from '../corpus/entities.js';
import type { FusedHit } from '../retrieval/fusion.js';
import type { LexicalIndex } from '../retrieval/lexical.js';
import { findPeriods, periodAnswers, periodsAskedIn } from '../genre/period.js';
import { familyOf, familyWords, findMeasures, LOSS_FAMILY, measureNounBefore, PROFIT_FAMILY } from '../genre/measures.js';
import { COMPARED_WITH } from '../facts/extract.js';
import { ROLES, roleOccurrences } from '../genre/events.js';
import { FUNCTION_CHARS, ORG_ENDINGS } from '../genre/names.js';
import type { Period } from '../genre/period.js';
import { compact, remembered, tightenSpacing } from '../text/normalize.js';
import { charBigrams as bigrams, inDictionary, tag } from '../text/segment.js';
import { PERSON_PRONOUN } from '../text/function-words.js';
import type { Chunk, Citation, Sentence } from '../types.js';
import { APPOINTMENT_IN_TEXT, NEW_HOLDER_ASKED, askedUnit, countedNoun, moneyAsked, FUTURE_ASKED, FUTURE_IN_TEXT, DEPARTURE_IN_TEXT, PAST_TENURE_IN_TEXT, PRESENT_ASKED, PRESENT_IN_TEXT, SUCCESSION_IN_TEXT, roleAsked, CONCRETE_TYPES, chineseCountAt, figureInUnit, givesDayAsked, holdsType, asksAttribute, statesAttributeAsked, tellsNextStep, timeSpanAsked, tellsCareer, RAISES_QUESTION, slotKind, type SlotContext } from '../question/answer-type.js';
import { citeSpan, compactArticle } from '../corpus/cite.js';
import { perArticle } from '../corpus/per-article.js';
import { FRAME } from './frame.js';
import { ordinalsIn, type QueryAnalysis } from '../question/query.js';
import { namesLine } from '../question/line.js';

export interface PassageAnswer {
  kind: 'passage' | 'not_found';
  answer: string;
  citations: Citation[];
  confidence: number;
  reason: string;
  /** Best nearby passage when the answer is not_found (offered to the user, never as the answer). */
  nearest?: Citation;
  explain: {
    sentence?: string;
    coverage: number;
    missing: string[];
    unknownNames: string[];
    /** The best candidates and the hard constraints each breaks (for --explain). */
    candidates?: { id: string; sentence: string; coverage: number; broken: string[] }[];
  };
}

export interface ComposeOptions {
  /** Share of the question's key-term weight the paragraph must cover for a confident answer. */
  minCoverage: number;
  /** The same for a question whose slot is concrete (a date, a figure, a name), checked by hard constraints. */
  minConcreteCoverage: number;
  /** A question of names and predicate words only ("罗思远下来以后去做什么"), answered by a sentence that
   * tells the step asked (a career step, a step after a departure): the names need carry only this share. */
  minPredicateCoverage: number;
  /** Below minCoverage, a passage that keeps every hard constraint and covers at least this much is offered
   * as "the most relevant passage", with low confidence, when retrieval also ranks it near the top. */
  minRelevantCoverage: number;
  /** How near the top (BM25 rank) such a passage must be. */
  relevantRank: number;
  /** Fused hits whose sentences are judged. */
  candidates: number;
  /** Most sentences one answer quotes. */
  maxSentences: number;
  /** Rank bonus for a sentence that holds what the question asks for (a date for 哪年, a new name for 谁):
   * worth about half the question's words, since the slot filler is the answer itself. */
  slotBonus: number;
  /** Weight of the article subject's name among the question's words (it is implied everywhere). */
  subjectWeight: number;
  /** Weight of a predicate word (see QueryAnalysis.light) against a content word: chat paraphrases the
   * article's verbs, so a missing 买 or 之后 must not sink evidence that holds every noun asked. */
  lightWeight: number;
  /** A word the text lacks counts partly when this share of its character pairs stands there ("坏账包"/"资产包"). */
  partialMatchShare: number;
}
export const DEFAULT_COMPOSE: ComposeOptions = {
  minCoverage: 0.6,
  minConcreteCoverage: 0.45,
  minPredicateCoverage: 0.35,
  minRelevantCoverage: 0.4,
  relevantRank: 2,
  candidates: 6,
  maxSentences: 3,
  slotBonus: 1,
  subjectWeight: 0.2,
  lightWeight: 0.3,
  partialMatchShare: 0.5,
};

/** A figure in the unit asked stands for the verb the question uses ("工作了多少年" / "效力了 10 年") when
 * the paragraph covers at least this share of what a concrete answer needs. */
const UNIT_AGREEMENT_SHARE = 0.75;

/** Confidence of an answer offered as "most relevant" rather than as the answer. */
const LOW_CONFIDENCE = 0.3;
/** A confident passage: a base plus a share of its coverage, capped below a fact's certainty. */
const BASE_PASSAGE_CONFIDENCE = 0.4;
const COVERAGE_CONFIDENCE = 0.5;
const MAX_PASSAGE_CONFIDENCE = 0.95;
/** A word present only in part (most of its character pairs) counts for less than the word itself. */
const PARTIAL_MATCH_CREDIT = 0.8;
/** BM25's own best hits are judged even when fusion ranks them lower (a weak dense model must not hide them). */
const BM25_OWN_BEST = 5;
/** Credit for a two-character word whose head character alone stands in the text. */
const HEAD_CREDIT = 0.5;
/** How many candidates an explanation lists (the rest are judged the same way). */
const EXPLAINED_CANDIDATES = 5;
// Characters that make nouns rather than carry their sense (子, 儿, 头, 者 …) or are too common to say so.
const AFFIX_CHARS = new Set([...'子儿头者性化家们的了是在有和不一人大小上下中年月日时前后来去说'].concat([...FUNCTION_CHARS]));
/** The character stands as a word of its own in the text: not doubled, and not inside a dictionary word
 * with its neighbour. */
function standsAlone(c: string, hay: string): boolean {
  for (let at = hay.indexOf(c); at >= 0; at = hay.indexOf(c, at + 1)) {
    const before = hay.slice(Math.max(0, at - 1), at + 1);
    const after = hay.slice(at, at + 2);
    if (after !== c + c && !(before.length === 2 && inDictionary(before)) && !(after.length === 2 && inDictionary(after))) return true;
  }
  return false;
}
/** "其叶" for 树叶, "妻" for 妻子: a two-character noun (not a name) written by one of its sense-bearing
 * characters alone. */
const headStandsIn = (w: string, hay: string): boolean => [...w].some((c) => !AFFIX_CHARS.has(c) && standsAlone(c, hay));
// Two characters that qualify a kind ("国际化业务"), not a count of it ("200多个城市").
const QUALIFYING_CHAR = '[^\\P{Script=Han}个多余几两一二三四五六七八九十百千万种些]';
const KIND_QUALIFIER = `${QUALIFYING_CHAR}{2}`;
/** The text names a thing of the kind with a qualifier before it ("国际化业务" for 业务, "外滩大会" for 大会). */
const qualifiedKind = (kind: string, text: string): boolean => remembered(qualifiedKinds, kind, () => new RegExp(`${KIND_QUALIFIER}${kind}`, 'u')).test(compact(text));
const qualifiedKinds = new Map<string, RegExp>();

/** Ranking: the sentence's own coverage counts double its paragraph's; the fused retrieval score (a few
 * hundredths) is scaled to weigh about as much as one covered word. */
const SENTENCE_WEIGHT = 2;
const RETRIEVAL_WEIGHT = 10;
/** A sentence half made of the question's own wording is a lead-in: the answer carries on past it. */
const LEAD_IN_NOVELTY = 0.5;

interface Candidate {
  chunk: Chunk;
  sentence: Sentence;
  index: number;
  score: number;
  coverage: number;
  missing: string[];
  bm25Rank: number;
}


/** The entity the article is about (the topic its opening names, else the one it names most): a paragraph
 * may leave it implicit ("本鱼…"). */
const articleSubject = perArticle((article): string | undefined => {
  const topic = article.entities.entities.find((e) => e.topic);
  const counts = new Map<string, number>();
  if (!topic) for (const e of article.entities.find(article.raw)) counts.set(e.canonical, (counts.get(e.canonical) ?? 0) + 1);
  return topic?.canonical ?? [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
});

/** How much of the question's words a text holds: each word's weight and fuzzy presence, worked out once
 * per question. */
function wordWeigher(article: Article, lexical: LexicalIndex, q: QueryAnalysis, options: ComposeOptions) {
  // Words the article never uses and that are not names ("学校", "情况") frame the question rather than
  // pick the evidence, so they weigh little; for "how many" questions an absent word is usually the very
  // thing measured ("估值", "员工"), so it keeps its full weight there.
  const absentWeight = q.asksQuantity ? lexical.idf('\u0000') : 1;
  // English words left untranslated are not evidence either way.
  const untranslated = (w: string) => /^[a-z]+$/.test(w) && !lexical.bm25.docFreq.has(w);
  const known = (w: string) => lexical.bm25.docFreq.has(w) || (q.alternatives.get(w) ?? []).some((a) => lexical.bm25.docFreq.has(a));
  // The article's own subject is implied by every sentence ("毛利率 61%" in a report on one company): its
  // name barely tells sentences apart, so it weighs little.
  const subjectNames = new Set((article.entities.get(articleSubject(article) ?? '')?.names ?? []).map((n) => compact(n)));
  // (A framing word the whole article never uses could match nowhere: it weighs nothing at the gate.
  // Looked up once per question, not per sentence weighed.)
  const articleText = compactArticle(article);
  const lightUsed = new Map([...q.light].map((w) => [w, articleText.includes(compact(w))]));
  const lightWeightOf = (w: string) => (lightUsed.get(w) ? options.lightWeight : 0);
  // Everything about a question word that does not depend on the sentence weighed, worked out once per
  // question: coverage runs for every candidate sentence and paragraph.
  const probeFor = (w: string) => {
    const grams = [...new Set(bigrams(w))];
    const base = /^\d+$/.test(w) ? 2 : known(w) ? lexical.idf(lexical.bm25.docFreq.has(w) ? w : q.alternatives.get(w)![0]!) : untranslated(w) ? 0.1 : absentWeight;
    const role = subjectNames.has(compact(w)) ? options.subjectWeight : q.entities.includes(w) ? 1.5 : undefined;
    return {
      word: w,
      // A number stands whole: the 8 of "8月" is not in 1988.
      number: /^\d+$/.test(w) ? new RegExp(`(?<![\\d.])${w}(?![\\d.]*\\d)`) : undefined,
      forms: [w, ...(q.alternatives.get(w) ?? [])].map((x) => compact(x)),
      attribute: asksAttribute(w),
      grams,
      // A two-character noun is often written by its head character alone ("其叶" for 树叶, "妻" for 妻子).
      headMayStandIn: grams.length === 1 && !q.entities.includes(w) && !article.entities.find(w).length && [...w].length === 2 && !personShaped(w),
      // A predicate word the text lacks is forgiven at the gate (chat paraphrases it); one the text repeats
      // still counts in full.
      weight: (gate: boolean, present: boolean) => base * (role ?? (gate && !present && q.light.has(w) ? lightWeightOf(w) : 1)),
    };
  };
  type Probe = ReturnType<typeof probeFor>;
  const probes = q.words.map(probeFor);
  const presenceOf = (p: Probe, hay: string): number => {
    if (p.number) return p.number.test(hay) ? 1 : 0;
    if (p.forms.some((x) => hay.includes(x))) return 1;
    // "学历" is in a text that states a schooling ("毕业于…硕士").
    if (p.attribute && statesAttributeAsked(p.word, hay)) return 1;
    if (p.headMayStandIn && headStandsIn(p.word, hay)) return HEAD_CREDIT;
    if (p.grams.length < 2) return 0;
    let found = 0;
    for (const g of p.grams) if (hay.includes(g)) found++;
    const share = found / p.grams.length;
    return share >= options.partialMatchShare ? share * PARTIAL_MATCH_CREDIT : 0;
  };
  const probeOf = new Map(probes.map((p) => [p.word, p]));
  // (Words from outside the question's own list, such as a measure's other names, get a probe when first met.)
  const presence = (w: string, hay: string): number => {
    let probe = probeOf.get(w);
    if (!probe) probeOf.set(w, (probe = probeFor(w)));
    return presenceOf(probe, hay);
  };
  // For the gate, predicate words weigh little (chat paraphrases them); between sentences they still rank
  // ("加入之前在哪" prefers the sentence that says 之前).
  const coverage = (text: string, gate = true) => {
    const hay = compact(text);
    let total = 0;
    let got = 0;
    const missing: string[] = [];
    for (const probe of probes) {
      const p = presenceOf(probe, hay);
      const wt = probe.weight(gate, p >= 1);
      total += wt;
      got += wt * p;
      if (p < 1) missing.push(probe.word);
    }
    return { coverage: total ? got / total : 0, missing };
  };
  return { coverage, presence, untranslated };
}

/** How one question judges evidence: word weights, fuzzy presence, and its hard constraints. */
function evidenceJudge(article: Article, lexical: LexicalIndex, q: QueryAnalysis, options: ComposeOptions) {
  const { coverage, presence, untranslated } = wordWeigher(article, lexical, q, options);
  // Evidence must share something with the question besides its names: "星河集团的总部在哪里" is not
  // answered by a passage that merely mentions 星河集团.
  // Pieces of a name ("集团" of 星河集团) are the name, not something said about it.
  const names = q.entities.flatMap((e) => article.entities.get(e)?.names ?? [e]);
  // The slot's kind ("城市" of 哪个城市) is what the answer is, not what it must say something about; nor is
  // the post given up in "不当CEO以后干啥".
  const setAside = postsSetAside(q).map((r) => r.toLowerCase());
  const substantive = q.words.filter(
    (w) => !names.some((n) => n.includes(w)) && !article.entities.find(w).length && !/^\d+$/.test(w) && !untranslated(w) && !q.slots.includes(w) && !setAside.includes(w.toLowerCase()),
  );
  const onlyUntranslated = substantive.length === 0 && q.words.some(untranslated);
  // "许知远进沧澜之前在哪干": names, predicate words and a concrete slot. The slot filler is what the
  // sentence must say (checked as a hard constraint); the chat verbs need not stand there.
  // ("青禾宝是干啥的" asks what the name is: a sentence about it that says what it is may answer.)
  // (So does "来沛航之前在哪些公司干过": the employers asked are the slot, the rest is predicate.)
  // (Asking what came after a departure, the departure's own verb is predicate too: "卸任以后干嘛去了".)
  const predicate = (w: string) => q.light.has(w) || (q.asksAfterDeparture && DEPARTURE_IN_TEXT.test(w));
  const onlyPredicate = (CONCRETE_TYPES.has(q.answerType) || q.answerType === 'definition' || q.asksCareerBefore || q.asksAfterDeparture) && substantive.length > 0 && substantive.every(predicate);
  // "罗思远为啥不干了": a why-question of names and a chat verb is answered by a sentence that gives a cause.
  const reasonOfPredicate = q.answerType === 'reason' && substantive.length > 0 && substantive.every(predicate);
  // A slot noun does count as the end of a name in the text: "远航公司" fills "哪家公司".
  // So does a word ending in the slot noun ("国际化业务" fills "哪块业务").
  const fillsSlot = (text: string) =>
    q.slots.some((w) => article.entities.find(text).some((m) => m.name.endsWith(w) && m.name !== w) || qualifiedKind(w, text));
  // (A sentence stating the kind of attribute asked, "毕业于…" for 学历, says what is asked.)
  const saysSomething = (text: string) =>
    !onlyUntranslated && (substantive.length === 0 || onlyPredicate || (reasonOfPredicate && CAUSE_STATED.test(text)) || fillsSlot(text) || statesAttributeAsked(q.core, text) || substantive.some((w) => presence(w, compact(text)) > 0));
  return { coverage, saysSomething, substantive, presence, onlyPredicate };
}

export function composePassage(
  article: Article,
  lexical: LexicalIndex,
  q: QueryAnalysis,
  hits: FusedHit[],
  options: ComposeOptions = DEFAULT_COMPOSE,
): PassageAnswer {
  const notFound = (reason: string, nearest?: Citation, explain?: Partial<PassageAnswer['explain']>, said: string = FRAME.zh.notAnswered): PassageAnswer => ({
    kind: 'not_found',
    answer: said,
    citations: [],
    confidence: 0,
    reason,
    nearest,
    explain: { coverage: 0, missing: [], unknownNames: q.unknownNames, ...explain },
  });

  if (q.words.length === 0 && q.entities.length === 0) return notFound('the question has no words to look for');
  const judge = evidenceJudge(article, lexical, q, options);
  const candidates = rankCandidates(article, q, withSlotChunks(article, q, hits), judge.coverage, options);
  const best = candidates[0];
  if (!best) return notFound('no passage shares a word with the question');
  const nearest = citeSpan(article, best.sentence);
  if (q.unknownNames.length > 0) {
    return notFound(`the article never mentions ${q.unknownNames.join(', ')}`, nearest, { coverage: best.coverage, missing: best.missing }, FRAME.zh.notMentioned(q.unknownNames));
  }
  const missingOrdinal = q.ordinals.find((o) => !candidates.some((c) => holdsOrdinal(article, contextOf(article, c), o)));
  if (missingOrdinal) {
    return notFound(`the article never gives the ordinal ${missingOrdinal}`, nearest, { coverage: best.coverage, missing: best.missing }, FRAME.zh.ordinalMissing);
  }

  const keeps = hardConstraints(article, q, judge.saysSomething, judge.presence);
  const broken = new Map(candidates.map((c) => [c, keeps(c)]));
  const passing = candidates.filter((c) => broken.get(c)!.length === 0);
  const judged = candidates.slice(0, EXPLAINED_CANDIDATES).map((c) => ({ id: c.chunk.id, sentence: c.sentence.text.slice(0, 40), coverage: Math.round(c.coverage * 100) / 100, broken: broken.get(c)! }));
  // A concrete slot filled under every hard constraint (names, period, measure, owner of the figure) needs
  // less agreement in wording than a free answer does.
  // A why answered where the article announces its reason ("究其原因", "原因在于") is as well marked as a
  // concrete slot: the discourse says this is the explanation, so it needs as little agreement in wording.
  const tellsStep = (c: Candidate) => (q.asksCareerBefore && tellsCareer(c.sentence.text)) || (q.asksAfterDeparture && tellsNextStep(c.sentence.text));
  const enough = (c: Candidate) =>
    judge.onlyPredicate && tellsStep(c)
      ? options.minPredicateCoverage
      : CONCRETE_TYPES.has(q.answerType) || tellsStep(c) || statesAttributeAsked(q.core, c.sentence.text) || (q.answerType === 'reason' && (announcesReason(article, c) || CAUSE_STATED.test(c.sentence.text)))
      ? options.minConcreteCoverage
      : options.minCoverage;
  // A why is answered by a sentence that states a cause, when one passes, before a better-worded one that
  // only restates the claim ("收购失败反而成为利好" does not say why it failed).
  const acceptable = passing.filter((c) => c.coverage >= enough(c));
  const statesCause = (c: Candidate) => CAUSE_STATED.test(c.sentence.text) || announcesReason(article, c);
  const accepted = (q.answerType === 'reason' ? acceptable.find(statesCause) : undefined) ?? (q.asksCareerBefore ? acceptable.find((c) => earlierStep(q, c)) : undefined) ?? acceptable[0];
  if (accepted) return withCandidates(answerFrom(article, q, accepted, options, false), judged);
  // Weak evidence is offered only when the question asks about nothing the article lacks ("总部", "员工").
  // A figure, a date or a name offered on weak evidence is too easily someone else's: only descriptive
  // answers may be offered that way.
  const relevant = q.absentNouns.length || CONCRETE_TYPES.has(q.answerType) ? undefined : passing.find((c) => c.coverage >= options.minRelevantCoverage && c.bm25Rank <= options.relevantRank);
  if (relevant) return withCandidates(answerFrom(article, q, relevant, options, true), judged);
  return notFound(
    `best evidence covers ${(best.coverage * 100).toFixed(0)}% of the question's key terms (missing: ${best.missing.join(', ') || 'none'}); ` +
      `it breaks: ${broken.get(best)!.join('; ') || 'nothing'}`,
    nearest,
    { coverage: best.coverage, missing: best.missing, candidates: judged },
  );
}

/** Where the article announces the reason for the candidate's claim ("究其原因，…"): the candidate sentence
 * or one after it in its paragraph, or the next paragraph's opening sentence. */
function reasonAnnounced(article: Article, c: Candidate): { chunk: Chunk; sentences: Sentence[]; index: number } | undefined {
  const announces = (s: Sentence) => RAISES_QUESTION.test(s.text) && REASON_ANNOUNCED.test(s.text);
  const own = c.chunk.sentences.findIndex((s, i) => i >= c.index && announces(s));
  if (own >= 0) return { chunk: c.chunk, sentences: c.chunk.sentences, index: own };
  const i = article.chunks.indexOf(c.chunk);
  const after = article.chunks[i + 1];
  if (after && after.section === c.chunk.section && after.sentences[0] && announces(after.sentences[0])) return { chunk: after, sentences: after.sentences, index: 0 };
  return undefined;
}
const announcesReason = (article: Article, c: Candidate): boolean => reasonAnnounced(article, c) !== undefined;
// A sentence that points back at its cause: "因为这个原因", "正因如此", "由于这些因素".
// A sentence that opens on its consequence ("所以，沧澜在这些业务线上的优势非常明显") has its cause before it.
const CAUSE_BEFORE = /^(?:也?正是?)?(?:因为|由于|基于)(?:这个|这一|这些|上述|以上|此)(?:原因|因素|背景|情况)|^正因(?:如此|为此)|^为此|^(?:所以|因此|因而|故而|由此可见|可见|于是|正因为这样)[，,]?/;
// A sentence that states a cause in so many words: "因未获批准而终止", "因年龄原因", "由于…", "之所以…是因为…".
const CAUSE_STATED = /因[^，,。；;此为]{1,24}而|因[^，,。；;此为]{1,12}原因|由于|因为|之所以|原因是|原因在于|出于|缘于|源于|归因于/;
// Words that announce the reason for what was just said.
const REASON_ANNOUNCED = /究其原因|原因(?:在于|是|有)|之所以|这(?:跟|与|和).{0,8}有关/;

const withCandidates = (a: PassageAnswer, candidates: NonNullable<PassageAnswer['explain']['candidates']>): PassageAnswer => ({ ...a, explain: { ...a.explain, candidates } });

const slotOf = (q: QueryAnalysis): SlotContext => ({ asked: new Set(q.entities), kind: slotKind(q.text), question: q.text });

/** The ordinal stands in the text, or the text says "本轮/该批" and the ordinal is the first of its kind
 * the article names: the round under discussion is the one the article is about. */
/** "X来Y之前在哪干过": the answer is the person's biography, which shares few words with the question (the
 * employers are what is asked). Passages that tell a step of a career and, with the passage before, name the
 * person asked join the ones retrieved, after the best. */
function withSlotChunks(article: Article, q: QueryAnalysis, hits: FusedHit[]): FusedHit[] {
  // (So does the kind of attribute asked, "学历", stated in a passage about the person: "毕业于…".)
  // (And what came after a departure, told of the person: "辞任后…将转任…".)
  const attribute = asksAttribute(q.core) && q.people.length > 0;
  const after = q.asksAfterDeparture && q.people.length > 0;
  if (!q.asksCareerBefore && !attribute && !after) return hits;
  const names = peopleNames(q);
  const tells = (text: string) => (q.asksCareerBefore && tellsCareer(text)) || (attribute && statesAttributeAsked(q.core, text)) || (after && tellsNextStep(text));
  const career = new Set(
    article.chunks
      .filter((c) => tells(c.text) && names.some((n) => c.text.includes(n) || paragraphOf(article, c).includes(n)))
      .slice(0, MAX_CAREER_PASSAGES)
      .map((c) => c.id),
  );
  if (!career.size) return hits;
  const retrieved = new Map(hits.map((h) => [h.id, h]));
  const lifted = [...career].filter((id) => id !== hits[0]?.id).map((id): FusedHit => retrieved.get(id) ?? { id, score: 0, ranks: {}, scores: {} });
  return [...hits.slice(0, 1), ...lifted, ...hits.slice(1).filter((h) => !career.has(h.id))];
}
/** A step of a career before the move asked about: it tells a career and does not name the organisation
 * the person moved to ("2014年，吴振华加入沛航物流" is the move itself), unless it says 此前. */
function earlierStep(q: QueryAnalysis, c: Candidate): boolean {
  const text = c.sentence.text;
  if (!tellsCareer(text)) return false;
  const orgs = q.entities.filter((e) => !q.people.includes(e)).flatMap((e) => q.entityNames.get(e) ?? [e]);
  return /此前|之前|曾/.test(text) || !orgs.some((n) => text.includes(n));
}
/** Every name of the people the question asks about. */
const peopleNames = (q: QueryAnalysis): string[] => q.people.flatMap((p) => q.entityNames.get(p) ?? [p]);

/** The whole paragraph a chunk is cut from (a long paragraph is chunked as ¶4.1, ¶4.2 …). */
const paragraphOf = (article: Article, chunk: Chunk): string => {
  let texts = paragraphCache.get(article);
  if (!texts) {
    // Built once per article: asking per chunk would scan every chunk for each of them.
    texts = new Map<string, string>();
    for (const c of article.chunks) {
      const para = c.id.replace(/\.\d+$/, '');
      texts.set(para, (texts.get(para) ?? '') + c.text);
    }
    paragraphCache.set(article, texts);
  }
  return texts.get(chunk.id.replace(/\.\d+$/, '')) ?? chunk.text;
};
const paragraphCache = new WeakMap<Article, Map<string, string>>();
/** At most this many biography passages join a question's candidates. */
const MAX_CAREER_PASSAGES = 5;

function holdsOrdinal(article: Article, context: string, ordinal: string): boolean {
  const stated = ordinalsIn(context);
  if (stated.includes(ordinal)) return true;
  // "第一次打包卖掉的" is the article's 首批: 次 counts occurrences of whatever comes in batches or rounds.
  if (ordinal.endsWith('次') && stated.some((o) => SEQUENCE_COUNTERS.test(o) && parseInt(o, 10) === parseInt(ordinal, 10))) return true;
  // (The round a news article is about is the first it names.)
  return ORDINAL_BACK_REFERENCE.test(context) && articleOrdinals(article).find((o) => o.slice(-1) === ordinal.slice(-1)) === ordinal;
}
/** The article's ordinals in order, read once per article. */
const articleOrdinals = perArticle((article) => ordinalsIn(compact(article.raw)));
// Counters of things that come one after another (batches, rounds, issues).
const SEQUENCE_COUNTERS = /^\d+[批轮期]$/;
// "本轮", "该批", "此次": the counted thing under discussion.
const ORDINAL_BACK_REFERENCE = /[本该此这][轮批次期届]/;

/** The paragraph a candidate stands in, with the one before it (names and ordinals are often set there). */
function contextOf(article: Article, c: Candidate): string {
  const i = article.chunks.indexOf(c.chunk);
  const prev = article.chunks[i - 1];
  return `${prev && prev.section === c.chunk.section ? prev.text : ''}${c.chunk.text}`;
}

/** "2024年12月8日早9点，是…之后的时间。罗思远发布了全员邮件": a date asked about may stand in the sentence
 * right before (the answer quotes both, see spanFor), so the sentence is dated by it. */
function datedByLeadIn(article: Article, q: QueryAnalysis, chunk: Chunk, index: number): boolean {
  const before = chunk.sentences[index - 1];
  return q.answerType === 'date' && before !== undefined && !holdsType('date', chunk.sentences[index]!.text, article.entities) && holdsType('date', before.text, article.entities);
}

/** "韩明远在哪个大会上讲的…": an earlier sentence of the paragraph names the slot's kind ("2024 年 9 月,韩明远在
 * 上海外滩大会上作出表示。") when the answer's own sentence does not; the answer quotes from there. Returns its
 * index, or -1. (At most LEAD_IN_REACH sentences back: what is said right after the lead-in.) */
function slotLeadIn(article: Article, q: QueryAnalysis, chunk: Chunk, index: number): number {
  const fills = (text: string) => q.slots.some((w) => qualifiedKind(w, text));
  const own = chunk.sentences[index]!.text;
  // (Not when the sentence already holds what is asked: "受聘为国策顾问" answers 什么职务 by itself.)
  if (!q.slots.length || fills(own) || (CONCRETE_TYPES.has(q.answerType) && holdsType(q.answerType, own, article.entities))) return -1;
  for (let k = index - 1; k >= Math.max(0, index - LEAD_IN_REACH); k--) if (fills(chunk.sentences[k]!.text)) return k;
  return -1;
}
const LEAD_IN_REACH = 2;

function rankCandidates(
  article: Article,
  q: QueryAnalysis,
  hits: FusedHit[],
  coverage: (text: string, gate?: boolean) => { coverage: number; missing: string[] },
  options: ComposeOptions,
): Candidate[] {
  const candidates: Candidate[] = [];
  const unit = q.asksQuantity ? askedUnit(q.text) : undefined;
  const slot = slotOf(q);
  // (Whose career: the person asked, named in the sentence's paragraph.)
  const careerNames = q.asksCareerBefore ? peopleNames(q) : [];
  // Fused top hits, plus BM25's own best: a weak dense model must not push the lexical evidence out.
  const pool = hits.filter((h, i) => i < options.candidates || (h.ranks.bm25 ?? Infinity) <= BM25_OWN_BEST);
  for (const hit of pool) {
    const chunk = article.chunkById.get(hit.id);
    if (!chunk) continue;
    const ctx = coverage(chunk.text);
    chunk.sentences.forEach((sentence, index) => {
      const own = coverage(resolved(article, { chunk, index, sentence }), false);
      // The kind of answer asked for, in the sentence itself, ranks it up ("哪年" wants a sentence with a year).
      const typed =
        q.answerType === 'definition'
          ? defines(q, sentence.text) ? (definesAtStart(q, sentence.text) ? options.slotBonus : options.slotBonus / 2) : 0
          : holdsType(q.answerType, sentence.text, article.entities, slot) || datedByLeadIn(article, q, chunk, index)
            ? CONCRETE_TYPES.has(q.answerType) ? options.slotBonus : options.slotBonus / 2
            : 0;
      // A figure in the unit asked ("多长" wants metres) is the slot filled, as a type is.
      const inUnit = unit !== undefined && figureInUnit(sentence.text, unit) ? options.slotBonus : 0;
      // The years asked are a constraint on the paragraph; the sentence that states them is the one meant.
      const dated = q.years.length > 0 && q.years.every((y) => sentence.text.includes(y)) ? options.slotBonus : 0;
      // A day asked ("几月几号") is answered by the sentence with the day, not one with the month only.
      const daily = q.answerType === 'date' && givesDayAsked(q.text, sentence.text) ? options.slotBonus / 2 : 0;
      // "什么颜色" is answered by the sentence that names a colour.
      const attribute = statesAttributeAsked(q.core, sentence.text) ? options.slotBonus : 0;
      // Where someone was before: the sentence telling a step of a career.
      const career = q.asksCareerBefore && tellsCareer(sentence.text) && careerNames.some((n) => paragraphOf(article, chunk).includes(n)) ? options.slotBonus : 0;
      const score = own.coverage * SENTENCE_WEIGHT + ctx.coverage + hit.score * RETRIEVAL_WEIGHT + typed + inUnit + dated + daily + career + attribute;
      candidates.push({ chunk, sentence, index, score, coverage: ctx.coverage, missing: ctx.missing, bm25Rank: hit.ranks.bm25 ?? Infinity });
    });
  }
  return candidates.sort((a, b) => b.score - a.score);
}

/** A definition opens on its term ("乙酰胺是由乙酸衍生出的酰胺"), where a mention of it in passing does not
 * ("N-甲基乙酰胺则是…"). */
function definesAtStart(q: QueryAnalysis, text: string): boolean {
  const squeezed = compact(text).replace(/^[「『“"（(《]+/, '');
  return q.words.filter((w) => !q.light.has(w) && [...w].length >= 2).some((w) => squeezed.startsWith(compact(w)));
}

/** "而数字互联则是基于…": the sentence says what the asked term is (the term, then 是/指/即). */
function defines(q: QueryAnalysis, text: string): boolean {
  const squeezed = compact(text);
  return q.words.filter((w) => !q.light.has(w) && [...w].length >= 2).some((w) => new RegExp(`${compact(w).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:则|就|即|也)?(?:是|指|即|为|意味着)`).test(squeezed));
}

const PRONOUN_NEAR_START = new RegExp(`^.{0,12}?${PERSON_PRONOUN.source}`);

/** The name a pronoun near the sentence's start stands for: 他/她 the nearest person named before it in the
 * paragraph ("林志成指出:韩明远…。他…" -> 韩明远); 其/该 at the start whatever was named last. */
function referent(article: Article, c: Pick<Candidate, 'chunk' | 'index' | 'sentence'>): { personal: boolean; named?: EntityMention } | undefined {
  const text = c.sentence.text;
  const personal = PRONOUN_NEAR_START.test(text) && !article.entities.find(text.slice(0, 6)).some((e) => e.kind === 'person');
  const other = /^[其该]/.test(text);
  if (!personal && !other) return undefined;
  const earlier = namedBefore(article, c);
  return { personal, named: personal ? earlier.filter((e) => e.kind === 'person').pop() : earlier.pop() };
}

/** The names written in the paragraph before the sentence, in order. */
const namedBefore = (article: Article, c: Pick<Candidate, 'chunk' | 'index'>): EntityMention[] =>
  article.entities.find(c.chunk.sentences.slice(0, c.index).map((s) => s.text).join(''));

/** The sentence, preceded by the name a pronoun in it stands for. */
function resolved(article: Article, c: Pick<Candidate, 'chunk' | 'index' | 'sentence'>): string {
  const r = referent(article, c);
  return r ? `${r.named?.name ?? ''} ${c.sentence.text}` : c.sentence.text;
}

/** Names, years, the kind of answer and (for figures) the entity in the very sentence: all must hold.
 * Returns the constraints a candidate breaks (none: it may answer). */
function hardConstraints(article: Article, q: QueryAnalysis, saysSomething: (text: string) => boolean, presenceIn: (w: string, hay: string) => number) {
  const subject = articleSubject(article);
  const present = (text: string) => new Set(article.entities.find(text).map((e) => e.canonical));
  const line = q.line;
  return (c: Candidate): string[] => {
    const near = c.chunk.sentences.slice(Math.max(0, c.index - 1), c.index + 2).map((x) => x.text).join('');
    const context = contextOf(article, c);
    const named = present(context);
    const span = spanFor(article, q, c).map((s) => s.text).join('');
    const broken: string[] = [];
    // "在华金工作了多少年" / "在华金效力了 10 年": a figure in the unit asked, about the names asked, says
    // something even when the verb differs.
    const unit = askedUnit(q.text);
    const unitAgrees = unit !== undefined && c.coverage >= DEFAULT_COMPOSE.minConcreteCoverage * UNIT_AGREEMENT_SHARE && figureInUnit(c.sentence.text, unit);
    // A concrete slot (a date, a figure, a name) must be filled by a sentence about what was asked, not by a
    // neighbour of one; other answers may lean on the sentences around.
    const about = CONCRETE_TYPES.has(q.answerType) ? resolved(article, c) : near;
    if (!saysSomething(about) && !unitAgrees) broken.push('shares only names with the question');
    // Names must stand in the paragraph or the one before it; the article's own subject may stay implicit.
    const absent = q.entities.filter((e) => e !== subject && !named.has(e));
    if (absent.length) broken.push(`names ${absent.join(', ')} absent`);
    // A year stands in the paragraph as written or as 今年/去年 read against the posting date.
    const stated = findPeriods(tightenSpacing(c.chunk.text).replace(/\s+/g, ''), Number(article.meta.published.slice(0, 4))).map((p) => p.key);
    const years = q.years.filter((y) => !c.chunk.text.includes(y) && !stated.some((k) => k.startsWith(y)));
    if (years.length) broken.push(`years ${years.join(', ')} absent`);
    if (!q.ordinals.every((o) => holdsOrdinal(article, context, o))) broken.push('ordinal absent');
    if (aboutAnotherPerson(article, q, c.sentence.text)) broken.push('the sentence is about another person');
    const other = pronounForAnother(article, q, c);
    if (other) broken.push(`the sentence's pronoun stands for ${other}, not the person asked`);
    // "程远舟离职以后去了哪家公司": the departure itself is not where the person went.
    if (q.asksAfterDeparture && !tellsNextStep(span)) broken.push('no step after the departure is told');
    if (CONCRETE_TYPES.has(q.answerType) && !holdsType(q.answerType, span, article.entities, slotOf(q))) broken.push(`no ${q.answerType} in the span`);
    // "什么学历", "什么颜色": the kind of attribute asked must be stated, whatever else matches.
    if (asksAttribute(q.core) && !statesAttributeAsked(q.core, span)) broken.push('the attribute asked is not stated');
    // "不当CEO以后干啥": the post given up is not the answer; another must stand in the span.
    const aside = postsSetAside(q).map((r) => r.toUpperCase());
    // (The other post must be the asker's person's: "由集团总裁骆清禾接任" is someone else's.)
    const othersPost = (at: number) => article.entities.find(clauseAround(span, at)).some((e) => e.kind === 'person' && !q.people.includes(e.canonical));
    const kept = [...span.matchAll(new RegExp(ROLES, 'gi'))].some((m) => !aside.includes(m[0].toUpperCase()) && !othersPost(m.index!));
    if (aside.length && !kept) broken.push(`no post but those set aside (${aside.join(', ')}) for the person asked`);
    if (q.answerType === 'date' && FUTURE_ASKED.test(q.text) && !FUTURE_IN_TEXT.test(c.sentence.text)) broken.push('a future date was asked; the sentence tells the past');
    const role = q.answerType === 'person' ? roleAsked(q.text) : undefined;
    // "现在谁是CFO", "现在归谁管": who holds it now needs a sentence about now.
    if ((role || q.answerType === 'person') && PRESENT_ASKED.test(q.text) && !speaksOfNow(article, c.sentence.text)) broken.push('the present holder was asked; the sentence does not speak of now');
    // "新的董事长是谁": the appointment made now, not a departure nor an old promotion.
    if (q.answerType === 'person' && NEW_HOLDER_ASKED.test(q.core) && !(APPOINTMENT_IN_TEXT.test(span) && (speaksOfNow(article, span) || NEWLY_APPOINTED.test(span)))) broken.push('a new holder was asked; the span tells no appointment now');
    // "去向未对外披露": the article says it does not know; that is no answer to a concrete slot.
    if (CONCRETE_TYPES.has(q.answerType) && undisclosedAsked(q, c.sentence.text)) broken.push('the sentence says what was asked is not disclosed');
    if (role && !roleOccurrences(compact(c.sentence.text), compact(role), compact(q.text)).length) broken.push(`role ${role} not in the sentence`);
    else if (role && q.entities.length && !roleOfAsked(article, q, c.sentence.text, role)) broken.push(`role ${role} is another organisation's`);
    // A figure must come from a sentence about the entity asked for, not from its neighbour's, for the
    // period and of the measure asked.
    if (q.asksQuantity) {
      const stated = statedPeriods(article, c);
      const missed = q.periods.filter((p) => !stated.some((s) => periodAnswers(p, s)));
      if (missed.length) broken.push(`period ${missed.map((p) => p.label).join(', ')} not stated`);
      else if (!figureOfPeriodAsked(article, q, c.sentence.text)) broken.push('the figure of the measure asked is of another period');
      const sentence = compact(c.sentence.text);
      const unmeasured = q.measures.filter((m) => !measuredNearFigure(c.sentence.text, m.canonical));
      if (unmeasured.length) broken.push(`measure ${unmeasured.map((m) => m.canonical).join(', ')} not in the sentence`);
      if (line && !namesLine(c.sentence.text, line)) broken.push(`the line asked (${line}) is not in the sentence`);
      const counted = q.measures.length ? undefined : countedNoun(q.core);
      // (Its head character may stand in a compound: 利息 is counted in 本息.)
      if (counted && presenceIn(counted, sentence) === 0 && !sentence.includes(counted.slice(-1))) broken.push(`what is counted (${counted}) is not in the sentence`);
      // "干了几年": a span of time is asked; a calendar year or another count does not give it.
      const timeUnit = timeSpanAsked(q.text);
      if (timeUnit !== undefined && !figureInUnit(span, timeUnit)) broken.push('no span of time in the unit asked');
      // "现在有多少家门店": a plan or a target ("到2027年…计划达到500家") is no figure of now.
      if (PRESENT_ASKED.test(q.text) && FUTURE_IN_TEXT.test(c.sentence.text) && !PRESENT_IN_TEXT.test(c.sentence.text) && !STANDING_FIGURE.test(c.sentence.text)) broken.push('the present was asked; the sentence tells a plan');
      // "投了多少钱": an amount of money is asked; a capacity or a share is not one.
      if (moneyAsked(q.text) && !figureInUnit(span, askedUnit(q.text)!)) broken.push('no amount of money in the span');
      if (!holdsType('number', c.sentence.text, article.entities)) broken.push('no figure in the sentence');
      // (A rank asked, "第几位", is no figure of a measure that an entity owns.)
      else if (!(ORDINAL_ASKED.test(q.text) && namesAll(q, c.sentence.text)) && !ownsFigure(article, q, c, subject)) broken.push('the figure is about another entity');
    }
    return broken;
  };
}

const ORDINAL_ASKED = /第几/;
/** The sentence names every entity the question names. */
const namesAll = (q: QueryAnalysis, text: string): boolean => q.entities.length > 0 && q.entities.every((e) => (q.entityNames.get(e) ?? [e]).some((n) => text.includes(n)));
// A figure as it stands at a date ("截至6月末", "已达"): of now, whatever plan the sentence adds.
const STANDING_FIGURE = /截至|截止|已经?(?:达到?|有|超过|突破)|达到了|共有|现有/;
// (An appointment said to be new is of now: "新任首席财务官林若溪", "履新".)
const NEWLY_APPOINTED = /新任|履新|新上任|刚上任|新一任|新一届/;

/** A question about a person is not answered by a sentence that names someone else and neither names the
 * person asked nor points back at anyone (他/她): "程远舟去了哪家公司" is not answered by another's departure. */
function aboutAnotherPerson(article: Article, q: QueryAnalysis, text: string): boolean {
  if (!q.people.length || PERSON_PRONOUN.test(text)) return false;
  const sentence = compact(text);
  if (peopleNames(q).some((n) => sentence.includes(compact(n)))) return false;
  // Chinese drops the subject, so the other person must be the clause's subject: no verb before the name.
  return article.entities.find(text).some((e) => {
    // (A name before an organisation ending is the organisation's: "林百欣中学".)
    if (e.kind !== 'person' || q.people.includes(e.canonical) || ORG_ENDINGS.some((x) => text.startsWith(x, e.at + e.name.length))) return false;
    // (Someone the article names once is a list's item, not a subject the story follows.)
    if (!mentionedAgain(article, e.name)) return false;
    const clauseStart = Math.max(...[...'，,；;：:。'].map((p) => text.lastIndexOf(p, e.at))) + 1;
    // ("接替贺文涛的简佩琳今年46岁": a name after 的 heads its clause, whatever verb the modifier holds.)
    // (A verb with 者 after it is a noun for the one who does it: "接任者许知远" heads its clause too.)
    const before = tag(text.slice(clauseStart, e.at));
    return text[e.at - 1] === '的' || !before.some((t, i) => (t.tag.startsWith('v') && before[i + 1]?.word !== '者') || t.tag === 'p');
  });
}

/** "罗思远是哪个大学毕业的" is not answered by "他本科…毕业于…" when 他 is the successor named before it: the
 * other person's name, when the sentence's pronoun stands for someone else and names no one asked. */
function pronounForAnother(article: Article, q: QueryAnalysis, c: Candidate): string | undefined {
  const pointed = q.people.length ? referent(article, c) : undefined;
  if (!pointed?.personal || !pointed.named || q.people.includes(pointed.named.canonical)) return undefined;
  return peopleNames(q).some((n) => compact(c.sentence.text).includes(compact(n))) ? undefined : pointed.named.name;
}

// A figure followed by the purchase it paid for ("…亿元现金收购苏州维澜生物 62% 的股权").
const PAID_FOR_AFTER = /^[^，。；,;]{0,12}?(?:收购|买下|并购|入股|投资|认购)[^，。；,;]{0,20}/;

/** A person the story follows is named more than once: a second mention after the first. */
const mentionedAgain = (article: Article, name: string): boolean => {
  const first = article.raw.indexOf(name);
  return first >= 0 && article.raw.indexOf(name, first + name.length) >= 0;
};

/** A sentence about now: a present marker and no past tenure, or an appointment dated in the posting year. */
const speaksOfNow = (article: Article, text: string): boolean => {
  if (PAST_TENURE_IN_TEXT.test(text)) return false;
  if (SUCCESSION_IN_TEXT.test(text)) return true;
  // (A departure told with the appointment that follows it, "辞去董事长…选举现任总裁X为董事长", speaks of now.)
  if (DEPARTURE_IN_TEXT.test(text) && !(APPOINTMENT_IN_TEXT.test(text) && PRESENT_IN_TEXT.test(text))) return false;
  return PRESENT_IN_TEXT.test(text) || tightenSpacing(text).replace(/\s+/g, '').includes(`${article.meta.published.slice(0, 4)}年`);
};

// What the article says it does not know: "去向未对外披露", "金额不详", "尚不清楚".
const UNDISCLOSED = /未(?:对外)?(?:披露|公开|透露|公布)|不详|尚不清楚|不得而知|无从得知/;
// Particles and grammatical characters: sharing one says nothing ("去" of 去向 and 去了 does).
const GRAMMAR_CHARS = /[的了是在和与也都就被把从到对于为而其这那个些之以及所再又还将已曾着过]/;
/** The sentence says the thing asked is not disclosed: the words before the marker in its clause ("去向")
 * share a character with the question ("去了哪家公司"), names aside. */
function undisclosedAsked(q: QueryAnalysis, text: string): boolean {
  const m = UNDISCLOSED.exec(text);
  if (!m) return false;
  const what = clauseAround(text, m.index).split(m[0])[0] ?? '';
  const names = q.entities.flatMap((e) => q.entityNames.get(e) ?? [e]).join('');
  return [...what].some((ch) => /\p{Script=Han}/u.test(ch) && !GRAMMAR_CHARS.test(ch) && !names.includes(ch) && q.text.includes(ch));
}

// A post given up, in a question about what comes after it; posts a question sets aside ("除了CFO和总裁").
const GIVEN_UP = new RegExp(`(?:不当|不干|不做|卸任|辞去|离开|交出)(${ROLES})`, 'i');
const APART_FROM = /除了?([^，,。？?]+?)(?:以外|之外)?[，,\s]*(?:还|另外|也)/;
/** The posts a role question does not want as its answer: the one given up, those named after 除了. */
function postsSetAside(q: QueryAnalysis): string[] {
  if (q.answerType !== 'role') return [];
  const apart = APART_FROM.exec(q.text)?.[1] ?? '';
  return [GIVEN_UP.exec(q.text)?.[1], ...[...apart.matchAll(new RegExp(ROLES, 'gi'))].map((m) => m[0])].filter((r): r is string => r !== undefined);
}

/** "Intel CEO Pat Gelsinger" answers "Tower's CEO" no more than "Intel's": a role written right after an
 * organisation belongs to it. True when some mention of the role is not another organisation's. */
function roleOfAsked(article: Article, q: QueryAnalysis, text: string, role: string): boolean {
  const orgs = article.entities.find(text).filter((m) => m.kind === 'org');
  for (const at of roleOccurrences(text, role, q.text)) {
    const owner = orgs.find((m) => m.at + m.name.length <= at && at - (m.at + m.name.length) <= ROLE_OWNER_GAP);
    if (!owner || q.entities.includes(owner.canonical)) return true;
  }
  return false;
}
/** At most this many characters (a space, 的) between an organisation and the role that is its own. */
const ROLE_OWNER_GAP = 1;

/** The measure asked stands as itself (not inside another measure: 收入 of 收入占比 is a share) in the
 * clause of one of the sentence's figures, or in the clause right before it ("简鹤鸣今年64岁，他在致全体员工
 * 的信中…" does not count employees). */
function measuredNearFigure(text: string, canonical: string): boolean {
  const family = familyOf(canonical);
  const squeezed = tightenSpacing(text);
  for (const m of squeezed.matchAll(new RegExp(FIGURE_NOT_DATE, 'g'))) {
    // The figure's clause, with the clause before it when there is one.
    const start = clauseStart(squeezed, m.index!);
    const from = start > 0 ? clauseStart(squeezed, start - 2) : start;
    const near = squeezed.slice(from, clauseEnd(squeezed, m.index!));
    // A figure whose own measure noun is another's ("综合毛利率为21.6%" for profit) is not the one asked.
    const noun = measureNounBefore(squeezed.slice(start, m.index!));
    if (noun && !familyWords(family).some((w) => noun.includes(w))) continue;
    // Revenue as a whole (营收) is not one named income line ("科技服务收入 3.47 亿元").
    const line = (f: ReturnType<typeof findMeasures>[number]) => canonical === '营收' && f.measure.canonical === '收入' && f.word !== '收入';
    if (findMeasures(near).some((f) => familyOf(f.measure.canonical) === family && !line(f))) return true;
    // A loss is a profit below zero ("净利润为-1.36亿元").
    if (family === LOSS_FAMILY && /[-－−负]$/.test(squeezed.slice(0, m.index!)) && findMeasures(near).some((f) => familyOf(f.measure.canonical) === PROFIT_FAMILY)) return true;
  }
  return false;
}

/** "上半年…归母净利润为14.64亿元，第三季度单季利润…": a sentence naming two periods gives each figure the
 * period stated before it in the sentence. With a period and a measure asked, some figure of that measure
 * must stand after the period asked (a sentence stating no period of its own is judged by its paragraph). */
function figureOfPeriodAsked(article: Article, q: QueryAnalysis, text: string): boolean {
  if (!q.periods.length || !q.measures.length) return true;
  const families = new Set(q.measures.map((m) => familyOf(m.canonical)));
  let current: readonly Period[] = [];
  const covered: Period[] = [];
  let measured = false;
  for (const clause of tightenSpacing(text).replace(/\s+/g, '').split(/[，,；;]/)) {
    const own = periodsOf(article, clause);
    if (own.length) current = own;
    if (!FIGURE_NOT_DATE.test(clause)) continue;
    // A figure with no measure of its own continues the last measured one ("2023 财年为 $88M").
    const found = findMeasures(clause);
    measured = found.length ? found.some((f) => families.has(familyOf(f.measure.canonical))) : measured;
    if (!measured) continue;
    if (!current.length) return true;
    covered.push(...current);
  }
  return !covered.length || q.periods.every((p) => covered.some((s) => periodAnswers(p, s)));
}

/** The periods a text of the article states, read as a question's are: "今年", "去年" and a bare "第三季度"
 * are dated by the posting date. */
const periodsOf = (article: Article, text: string): readonly Period[] =>
  periodsAskedIn(tightenSpacing(text).replace(/\s+/g, ''), Number(article.meta.published.slice(0, 4)), Number(article.meta.published.slice(5, 7)));

/** Periods the candidate sentence states, or (when it states none) the nearest ones before it in its
 * paragraph: "2023 年，这两个数字分别是…" sets the period for what follows. */
function statedPeriods(article: Article, c: Candidate): readonly Period[] {
  const own = periodsOf(article, c.sentence.text);
  if (own.length) return own;
  for (let i = c.index - 1; i >= 0; i--) {
    const found = periodsOf(article, c.chunk.sentences[i]!.text);
    if (found.length) return found;
  }
  return [];
}

/** The figure of a sentence belongs to the name nearest before it ("远联消金的净利润是 36 亿元,星河消金的…"
 * gives 36 亿元 to 远联消金); with no name before it, to the one the sentence continues, or to the
 * article's own subject. Every name asked about must own the figure or be named in the sentence too. */
function ownsFigure(article: Article, q: QueryAnalysis, c: Candidate, subject: string | undefined): boolean {
  const text = resolved(article, c);
  const digits = FIGURE_NOT_DATE.exec(text)?.index;
  const figure = digits ?? chineseCountAt(text) ?? -1;
  if (figure < 0) return false;
  const mentions = article.entities.find(text).filter((e) => e.kind !== 'other');
  // "分为「命令航路」和「自由航路」两种": a count in words closes the list before it; it is the subject's.
  if (digits === undefined && q.entities.length) return q.entities.includes(article.entities.find(text)[0]?.canonical ?? '');
  // "Intel CEO Pat Gelsinger 宣布以 $5.4B 收购…": a company's figure is stated by its people; when the
  // question asks about companies, the owner is the last company named before the figure.
  // When a person is asked about, the figure is the nearest person's: "贺明山担任沧澜科技CEO长达15年" gives
  // 15 years to the person; the company between is where the person works.
  const askedKinds = new Set(q.entities.map((e) => article.entities.get(e)?.kind));
  const wanted = (e: { kind: string }) => (askedKinds.has('person') ? e.kind === 'person' || !mentions.some((m) => m.kind === 'person' && m.at < figure) : e.kind !== 'person');
  const before = mentions.filter((e) => e.at < figure && wanted(e));
  // "A 高于华行 53%": the name after a comparison is the rival; the figure is A's.
  const rival = before.length > 1 && COMPARED_WITH.test(text.slice(0, figure)) ? before.pop() : undefined;
  const owner = before.pop()?.canonical ?? rival?.canonical;
  // "以 26.4 亿元现金收购维澜生物": a price paid is also the figure of what it bought.
  const bought = PAID_FOR_AFTER.exec(text.slice(figure, clauseEnd(text, figure)));
  if (bought && q.entities.some((e) => (q.entityNames.get(e) ?? [e]).some((n) => bought[0].includes(n)))) return true;
  // "以近 2 亿元收购了米粒基金,…收购天成基金后": every other name asked about must stand in the figure's own
  // clause, or the figure is about something else in the sentence.
  const clause = clauseAround(text, figure);
  // Only names of the owner's kind compete for the figure (a person who works at the owner does not).
  const kindOf = (e: string | undefined) => (e ? article.entities.get(e)?.kind : undefined);
  // (A comparison sets two names against each other across clauses; it is exempt.)
  const others = q.answerType === 'comparison' ? [] : q.entities.filter((e) => e !== owner && e !== subject && kindOf(e) === kindOf(owner));
  // (A name the sentence does not write at all is left implicit, as a buyer often is: "对X的收购…作价18亿元".)
  const writes = (part: string, e: string) => (q.entityNames.get(e) ?? [e]).some((n) => part.includes(n));
  if (others.some((e) => writes(text, e) && !writes(clause, e))) return false;
  // Any name written in the sentence counts here, even one only guessed to be a name (kind "other").
  const inSentence = new Set(article.entities.find(text).map((e) => e.canonical));
  // (A word only guessed to be a name, "巨灾" of 巨灾债券, need only stand beside a figure of the article's
  // subject: the subject owns what it issued.)
  const guessedOnly = q.entities.length > 0 && q.entities.every((e) => kindOf(e) === 'other');
  if (owner !== undefined) return guessedOnly && owner === subject ? q.entities.every((e) => inSentence.has(e)) : q.entities.length === 0 || q.entities.includes(owner);
  // A sentence that names no one continues the paragraph's last organisation ("青石光学实现营业收入…；净利润
  // 5120万元"): that one's figure is not the subject's.
  const carried = mentions.length ? undefined : namedBefore(article, c).filter((e) => e.kind === 'org').pop()?.canonical;
  if (carried !== undefined && q.entities.length && !q.entities.includes(carried)) return false;
  return q.entities.every((e) => inSentence.has(e) || e === subject);
}

// A figure, not a date: digits not followed by 年/月/日 (a year or a day) and not part of a quarter ("Q3").
/** The clause (between commas, semicolons and stops) holding a position. */
function clauseAround(text: string, at: number): string {
  return text.slice(clauseStart(text, at), clauseEnd(text, at));
}
const CLAUSE_MARKS = [...'，,；;。'];
const clauseStart = (text: string, at: number) => Math.max(...CLAUSE_MARKS.map((d) => text.lastIndexOf(d, at))) + 1;
const clauseEnd = (text: string, at: number) => {
  const ends = CLAUSE_MARKS.map((d) => text.indexOf(d, at)).filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : text.length;
};

// A year is four digits before 年; a month or day is one or two digits before 月/日/号 ("10 年" is a figure).
const FIGURE_NOT_DATE = /(?<![\d.QqHh])\$?(?:\d{4}(?![\d.]|\s*年)|\d{1,3}(?:\.\d+)?(?![\d.]|\s*[月日号])|\d+\.\d+|\d{5,})/;

/** The sentences an answer quotes, starting at the candidate: lead-ins carry on to what they introduce,
 * a sentence that raises a question (or a claim asked "why" about) carries on to the explanation. */
function spanFor(article: Article, q: QueryAnalysis, c: Candidate, options: ComposeOptions = DEFAULT_COMPOSE): Sentence[] {
  const picked: Sentence[] = [c.sentence];
  const rest = c.chunk.sentences.slice(c.index + 1);
  const next = nextParagraph(article, c.chunk);
  const asked = compact(q.text);
  const novelty = (s: Sentence) => {
    const grams = [...new Set(bigrams(s.text))];
    return grams.length ? grams.filter((g) => !asked.includes(g)).length / grams.length : 0;
  };
  const explains = (s: Sentence) => holdsType('reason', s.text, article.entities);
  // "2023年11月3日晚8点，是…第二天。周亦舟…发出内部信": a date asked about may stand in the lead-in
  // sentence right before; the answer quotes both.
  if (datedByLeadIn(article, q, c.chunk, c.index)) return [c.chunk.sentences[c.index - 1]!, c.sentence];
  const leadIn = slotLeadIn(article, q, c.chunk, c.index);
  if (leadIn >= 0) return c.chunk.sentences.slice(leadIn, c.index + 1);
  // "…然而，X受宏观经济的影响较大。究其原因，这跟业务特性有关。" (paragraph ends) "X本质是…": when the
  // paragraph announces its reason further on, the answer starts there and goes on to what follows it.
  // "因为这个原因，沧澜消金开始收缩…": the cause is what the sentence before said; quote it first.
  const priorCause = q.answerType === 'reason' && CAUSE_BEFORE.test(c.sentence.text.trim()) ? sentenceBefore(article, c) : undefined;
  if (priorCause) return [priorCause, c.sentence];
  const announcement = q.answerType === 'reason' ? reasonAnnounced(article, c) : undefined;
  if (announcement) {
    const after = announcement.sentences.slice(announcement.index + 1);
    const more = after.length ? after : bestOf(nextParagraph(article, announcement.chunk), q);
    return [announcement.sentences[announcement.index]!, ...more].slice(0, options.maxSentences);
  }
  if (q.answerType === 'reason' && (RAISES_QUESTION.test(c.sentence.text) || !explains(c.sentence))) {
    // "…利润却不如远景财富。" (paragraph) "这有点出乎意料。" (paragraphs of background) "因此…可能是主动压降的结果。":
    // a claim met with surprise is explained where the article concludes about the same name.
    const conclusion = !rest.some(explains) ? concludingSentence(article, q, c.chunk) : undefined;
    if (conclusion) return [conclusion];
    // A claim told in a narrative ("此时韩遂逝世，成公英唯有投降曹操") follows what led to it: the sentence
    // before opens the answer. (A sentence that raises the question is answered after it.)
    const led = !RAISES_QUESTION.test(c.sentence.text) ? c.chunk.sentences[c.index - 1] : undefined;
    const leads = led !== undefined && !RAISES_QUESTION.test(led.text);
    if (leads) picked.unshift(led);
    // The explanation follows: in the same paragraph, or (after a paragraph that ends on the claim) the next one.
    const following = rest.length ? rest : bestOf(next, q);
    for (const s of following) {
      if (picked.length >= options.maxSentences + (leads ? 1 : 0)) break;
      picked.push(s);
      if (explains(s) && !RAISES_QUESTION.test(s.text)) break;
    }
    return picked;
  }
  const pool = rest.length ? rest : next.slice(0, 2);
  // "周慕白有过任职经历。他曾担任…": the next sentence completes the answer when it holds an asked word the
  // answer so far lacks.
  const lacking = (text: string) => q.words.filter((w) => !compact(text).includes(compact(w)));
  const completes = (s: Sentence) => {
    if (!rest.includes(s)) return false;
    const missing = lacking(picked.map((p) => p.text).join(''));
    return missing.length > 0 && missing.some((w) => compact(s.text).includes(compact(w)));
  };
  // "其特点主要有以下三点：第一，…。第二，…": a sentence that opens a list (ends on a colon or semicolon)
  // goes on into the next; for a question asking which ones, how or why, so does a next sentence that carries
  // the enumeration on ("第二", "其次", "此外").
  // (A paragraph that ends on the announcement goes on in the next.)
  const enumerates = (s: Sentence) =>
    ((rest.includes(s) || !rest.length) && OPENS_LIST.test(picked[picked.length - 1]!.text.trim())) || (rest.includes(s) && ENUMERATION_ASKED.has(q.answerType) && CARRIES_ON.test(s.text.trim()));
  // "有什么特征", "哪些地方", "如何除去": a description goes on in the sentences after the one that starts it,
  // up to one that opens a new event with its own date.
  const describes = (s: Sentence) => rest.includes(s) && DESCRIPTION_ASKED.test(q.core) && !OPENS_EVENT.test(s.text.trim());
  while (
    pool.length &&
    picked.length < options.maxSentences &&
    (novelty(picked[picked.length - 1]!) < LEAD_IN_NOVELTY || completes(pool[0]!) || enumerates(pool[0]!) || describes(pool[0]!))
  ) {
    picked.push(pool.shift()!);
  }
  return picked;
}
// Questions whose answer is a description or a set of things, told over several sentences.
const DESCRIPTION_ASKED = /什么样|怎样的|特点|特征|特色|特性|哪些|内容|作用|功能|影响|区别|差异|不同|如何|怎么|为什么|为何|为啥|原因|观点|解释|背景|症状|经历|表现/;
// A sentence that starts with a date opens an event of its own.
const OPENS_EVENT = /^(?:\d{3,4}\s*年|[一二三四五六七八九十]+月|\d{1,2}\s*月)/;
// A sentence that announces what follows: a colon, "如下", or a count of kinds or points ("分为两种。",
// "有过任职经历。" — an experience told next).
const OPENS_LIST = /[：:；;]$|(?:如下|以下|包括|分别为|分别是|主要有|有以下)[^。]{0,12}[。：:]?$|(?:经历|[两三四五六几]点|[两三四五六几]种|[两三四五六几]类|[两三四五六几]个方面|[两三四五六几]大块)[。]?$/;
const CARRIES_ON = /^(?:第[二三四五六七八九十]|[二三四五六七八九]是|其[次二三]|再次|再者|此外|另外|另一方面|同时|其后|最后|而且|并且)/;
const ENUMERATION_ASKED = new Set(['list', 'reason', 'method', 'other', 'definition']);

/** In the next CONCLUSION_REACH paragraphs of the section, when the first of them only reacts to the claim
 * (a short sentence of surprise, no name), the sentence that concludes ("因此", "所以", "可见") about a name
 * the question asks. */
function concludingSentence(article: Article, q: QueryAnalysis, chunk: Chunk): Sentence | undefined {
  const i = article.chunks.indexOf(chunk);
  const after = article.chunks.slice(i + 1, i + 1 + CONCLUSION_REACH).filter((x) => x.section === chunk.section);
  const reaction = after[0];
  if (!reaction || reaction.sentences.length !== 1 || !SURPRISE.test(reaction.text) || article.entities.find(reaction.text).length) return undefined;
  const names = q.entities.flatMap((e) => q.entityNames.get(e) ?? [e]);
  for (const p of after.slice(1)) {
    const found = p.sentences.find((x) => CONCLUDES.test(x.text.trim()) && names.some((n) => x.text.includes(n)));
    if (found) return found;
  }
  return undefined;
}
/** How many paragraphs after a claim its conclusion may come. */
const CONCLUSION_REACH = 5;
const SURPRISE = /意外|出乎意料|令人惊讶|奇怪|反常|不合常理|耐人寻味/;
const CONCLUDES = /^(?:因此|所以|由此可见|可见|这说明|综上|总的来看)/;

/** The sentence right before the candidate: in its chunk, or the last of the chunk before (same section). */
function sentenceBefore(article: Article, c: Candidate): Sentence | undefined {
  if (c.index > 0) return c.chunk.sentences[c.index - 1];
  const prev = article.chunks[article.chunks.indexOf(c.chunk) - 1];
  return prev && prev.section === c.chunk.section ? prev.sentences[prev.sentences.length - 1] : undefined;
}

/** The next paragraph of the same section, its sentences. */
function nextParagraph(article: Article, chunk: Chunk): Sentence[] {
  const i = article.chunks.indexOf(chunk);
  const after = article.chunks[i + 1];
  return after && after.section === chunk.section ? after.sentences : [];
}

/** In a following paragraph, the sentence that says most of what was asked, with the one before it. */
function bestOf(sentences: Sentence[], q: QueryAnalysis): Sentence[] {
  if (sentences.length <= 2) return sentences;
  const shared = (s: Sentence) => q.words.filter((w) => compact(s.text).includes(compact(w))).length;
  let best = 0;
  sentences.forEach((s, i) => {
    if (shared(s) > shared(sentences[best]!)) best = i;
  });
  return best === 0 ? sentences.slice(0, 2) : sentences.slice(best - 1, best + 1);
}

function answerFrom(
  article: Article,
  q: QueryAnalysis,
  c: Candidate,
  options: ComposeOptions,
  lowConfidence: boolean,
): PassageAnswer {
  const picked = spanFor(article, q, c, options);
  const citations = picked.map((s) => citeSpan(article, s));
  const quoted = citations.map((x) => x.quote).join('');
  return {
    kind: 'passage',
    answer: lowConfidence ? `${FRAME.zh.mostRelevant}${quoted}` : quoted,
    citations,
    confidence: lowConfidence ? LOW_CONFIDENCE : Math.min(MAX_PASSAGE_CONFIDENCE, BASE_PASSAGE_CONFIDENCE + c.coverage * COVERAGE_CONFIDENCE),
    reason: `${lowConfidence ? 'most relevant passage, ' : ''}sentence covers ${(c.coverage * 100).toFixed(0)}% of the key terms`,
    explain: { sentence: c.sentence.text, coverage: c.coverage, missing: c.missing, unknownNames: [] },
  };
}
