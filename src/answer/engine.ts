// The one engine every surface uses: question in, grounded answer (or an honest "not found") out.
import type { Article } from '../corpus/article.js';
import { routeFacts, type FactBook } from '../facts/lookup.js';
import { findMeasures } from '../genre/measures.js';
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import { reciprocalRankFusion, type FusedHit, type RankedList } from '../retrieval/fusion.js';
import type { Fact } from '../facts/schema.js';
import { paragraphId } from '../corpus/chunk.js';
import type { ChunkId } from '../types.js';
import { buildLexicalIndex, type LexicalIndex } from '../retrieval/lexical.js';
import type { DenseRetriever } from '../retrieval/dense.js';
import { compactArticle } from '../corpus/cite.js';
import { composePassage } from './compose.js';
import { analyzeQuestion, type QueryAnalysis } from '../question/query.js';
import { followUp, pronounReading, type FollowUp } from './follow-up.js';
import { FRAME, languageOf, type Language } from './frame.js';
import type { Answer, Explain } from './types.js';

export interface Engine {
  article: Article;
  facts: FactBook;
  lexical: LexicalIndex;
  dense: DenseRetriever | null;
  /** One line for status output: whether dense search is on, and why not when it is off. */
  denseStatus: string;
  readyMs: number;
  answer(question: string, options?: AnswerOptions): Promise<Answer>;
  /** A figure by its parts (the /figure command): the same routing as a question, no parsing of free text. */
  figure(entity: string, measure: string, period?: string): Promise<Answer>;
  /** Top passages for a query, best first (the /search command and "more sources"). */
  search(query: string, k?: number): Promise<PassageHit[]>;
  /** A paragraph by chunk or paragraph id, with its neighbours' ids. */
  passage(id: string): PassageView | null;
  /** Entities that have facts, and for one entity its measures and periods (autocomplete). */
  catalog(): FactCatalog;
  /** The question's content words, sorted: questions with the same key terms group together in the gaps log. */
  keyTerms(question: string): string[];
}

export interface AnswerOptions {
  explain?: boolean;
  /** Earlier questions of the same conversation (thread, reply chain, terminal session), oldest first: a
   * follow-up that omits the entity, period or measure takes them from the last one. */
  previous?: string[];
  /** The asker's language (a Discord locale); by default read from the question itself. */
  language?: Language;
}

export interface PassageHit {
  id: ChunkId;
  text: string;
  score: number;
  ranks: FusedHit['ranks'];
}

export interface PassageView {
  id: ChunkId;
  sectionTitle: string;
  /** The whole paragraph (all parts of a split paragraph), verbatim. */
  text: string;
  previous?: ChunkId;
  next?: ChunkId;
}

export interface FactCatalog {
  /** Every entity with a fact (figures or dated events). */
  entities: string[];
  /** Entities with at least one figure (the /figure command's choices). */
  figureEntities: string[];
  measuresOf(entity: string): string[];
  periodsOf(entity: string, measure: string): string[];
  factsOf(entity: string): Fact[];
}

/** Notes after an answer: how typed words were read (typos, English, names), and what a follow-up took from
 * the question before. */
function notes(q: QueryAnalysis, follow: FollowUp | null, language: Language): string {
  const frame = FRAME[language];
  const typos = q.readings.filter((r) => r.how === 'homophone').map((r): [string, string] => [r.typed, r.read]);
  const assumed = !follow?.assumed.length ? '' : follow.pronoun ? frame.pronoun(follow.pronoun, follow.assumed.join(' ')) : frame.assumed(follow.assumed);
  return `${typos.length ? frame.reading(typos) : ''}${assumed}`;
}

/** The frame of a passage answer in English; the quotes stay as the article writes them. */
function englishPassage(answer: string): string {
  const zh = FRAME.zh;
  const en = FRAME.en;
  if (answer.startsWith(zh.mostRelevant)) return en.mostRelevant + answer.slice(zh.mostRelevant.length);
  if (answer === zh.notAnswered) return en.notAnswered;
  if (answer === zh.ordinalMissing) return en.ordinalMissing;
  const unknown = /^文章没有提到(.+)。$/.exec(answer);
  if (unknown) return en.notMentioned(unknown[1]!.split('、').map((n) => n.replace(/[“”]/g, '')));
  return answer;
}

/** A fact answer in English: the figures and dates as the article gives them, labelled in English. */
function englishFact(fact: NonNullable<ReturnType<typeof routeFacts>>): string {
  // A dated event is not a figure: the label names what the line gives.
  const what = fact.facts.length && fact.facts.every((f) => f.type === 'event') ? 'dates' : 'figures';
  if (fact.kind === 'fact') return `From the article's ${what}: ${fact.answer.replace(/\n/g, '; ')}`;
  return `The article does not give that. ${fact.answer}`;
}

/** Earlier questions read to understand a follow-up: a conversation rarely leans further back. */
const MAX_FOLLOW_UP_CHAIN = 8;

/** Refusals that rest only on the fact book: lacking a figure (which extraction may have missed), or not
 * knowing whose figure is asked (the question may name a business line, "创新药收入", that no fact book
 * entity is; the passage that states it answers). The others (only a change given, an undated event) say
 * something about the question itself. */
const AMBIGUOUS_OWNER = /figure: ambiguous/;
const FALLIBLE_REFUSALS = new RegExp(`figure: (period|entity) mismatch|${AMBIGUOUS_OWNER.source}`);

/** A passage answer at or below this confidence was offered as "most relevant", not as the answer. */
const LOW_CONFIDENCE_LIMIT = 0.35;

export interface EngineParts {
  article: Article;
  facts: FactBook;
  dense?: DenseRetriever | null;
  denseStatus?: string;
  maxQuestionChars?: number;
  /** A BM25 index already built (e.g. read from the derived-data cache); else built here. */
  lexical?: LexicalIndex;
}

export function createEngineFrom(parts: EngineParts, log: Logger = silentLogger): Engine {
  const started = performance.now();
  const { article, facts } = parts;
  const lexical = parts.lexical ?? buildLexicalIndex(article.chunks);
  const dense = parts.dense ?? null;
  const denseStatus = parts.denseStatus ?? (dense ? `dense search on (${dense.modelId})` : 'dense search off');
  const maxChars = parts.maxQuestionChars ?? 1000;
  const postedYear = Number(article.meta.published.slice(0, 4));
  compactArticle(article); // warms its cache at build time, so the first question does not pay for it
  const ctx: EngineContext = { article, facts, lexical, dense, denseStatus, maxChars, postedYear, log };

  const answer = (question: string, options: AnswerOptions = {}) => answerQuestion(ctx, question, options);
  const figure = (entity: string, measure: string, period?: string) => answer(figureQuestion(entity, measure, period));
  async function search(query: string, k = 5): Promise<PassageHit[]> {
    const q = analyzeQuestion(query.slice(0, maxChars), article);
    if (!q.normalized) return [];
    const hits = await retrieve(ctx, q.tokens, q.text);
    return hits.slice(0, k).map((h) => ({ id: h.id, text: article.chunkById.get(h.id)!.text, score: h.score, ranks: h.ranks }));
  }
  const passage = (id: string) => findPassage(article, id);
  const catalog = () => factCatalog(facts.facts);
  const keyTerms = (question: string) => [...new Set(analyzeQuestion(question.slice(0, maxChars), article).words)].sort();

  return { article, facts, lexical, dense, denseStatus, readyMs: performance.now() - started, answer, figure, search, passage, catalog, keyTerms };
}

/** What an engine's operations share, built once in createEngineFrom. */
interface EngineContext {
  article: Article;
  facts: FactBook;
  lexical: LexicalIndex;
  dense: DenseRetriever | null;
  denseStatus: string;
  maxChars: number;
  postedYear: number;
  log: Logger;
}

type AnswerBody = Omit<Answer, 'ms' | 'question' | 'language'>;

async function answerQuestion(ctx: EngineContext, question: string, options: AnswerOptions): Promise<Answer> {
  const line = typeof question === 'string' && !options.explain ? question : undefined;
  const compound = line ? compoundParts(line) : [];
  const parts = compound.length === 2 || !line ? compound : (distributedParts(line, ctx.article) ?? []);
  if (parts.length === 2) return answerCompound(ctx, question, parts as [string, string], options);
  return answerOne(ctx, question, options);
}

// "仿制药去年收入多少 占比多少", "花了多少钱，买了多少股份": two questions in one line, each with its own
// question word. The second is read as a follow-up of the first (it omits what the first named).
const ASKS = /多少|几[个位年家笔亿万次天名条款项成倍种类批座台部岁]?|什么|哪|谁|吗|为什么|为啥|怎么|如何|how (?:much|many)|what|which|who|when|where|why/i;
const COMPOUND_SPLIT = /[，,；;]\s*|\s+(?=\p{Script=Han})|\s+and\s+(?=(?:what|how|which|who|when|where|why)\b)/iu;
function compoundParts(question: string): string[] {
  const parts = question.trim().split(COMPOUND_SPLIT).map((x) => x.trim()).filter((x) => x.length >= MIN_PART_CHARS);
  return parts.length === 2 && parts.every((x) => ASKS.test(x)) ? parts : [];
}
// "A跟B2024年营收分别是多少": 分别 distributes the predicate over both names joined before it, so the line
// asks it of each.
const CONJUNCTION = /^(?:和|跟|与|及|以及|、|还有)$/;
function distributedParts(question: string, article: EngineContext['article']): string[] | undefined {
  if (!question.includes('分别')) return undefined;
  const names = article.entities.find(question);
  for (let i = 0; i + 1 < names.length; i++) {
    const [a, b] = [names[i]!, names[i + 1]!];
    const between = question.slice(a.at + a.name.length, b.at);
    if (!CONJUNCTION.test(between) || a.canonical === b.canonical) continue;
    const whole = question.slice(a.at, b.at + b.name.length);
    return [a.name, b.name].map((n) => question.replace(whole, n).replace('分别', ''));
  }
  return undefined;
}
/** A second part this short that names nothing leans on the first part's words. */
const BARE_PART_CHARS = 8;
/** A part shorter than this is a fragment of one question, not a question of its own. */
const MIN_PART_CHARS = 3;

/** Both parts answered, the second as a follow-up of the first; the reply says each, cites both, and is
 * not_found only when neither part is answered. */
async function answerCompound(ctx: EngineContext, question: string, [first, second]: [string, string], options: AnswerOptions): Promise<Answer> {
  const t0 = performance.now();
  const a = await answerOne(ctx, first, options);
  // A second part that names nothing ("占比多少") asks about what the first part's words before its
  // question word name ("仿制药去年收入"); otherwise it is a follow-up of the first.
  const stem = first.slice(0, Math.max(0, first.search(ASKS)));
  const bare = !analyzeQuestion(second, ctx.article).entities.length && second.length <= BARE_PART_CHARS && stem.length > 0;
  const b = bare ? await answerOne(ctx, stem + second, options) : await answerOne(ctx, second, { ...options, previous: [...(options.previous ?? []), first] });
  const found = [a, b].filter((x) => x.kind !== 'not_found');
  if (!found.length || a.error) return { ...a, question, ms: Math.round((performance.now() - t0) * 100) / 100 };
  const seen = new Set<string>();
  const citations = [...a.citations, ...b.citations].filter((c) => !seen.has(c.quote) && seen.add(c.quote));
  return {
    question,
    kind: found.every((x) => x.kind === 'fact') ? 'fact' : 'passage',
    // Each part says which question it answers, so a refusal of one part reads as that part's.
    answer: `「${first}」${a.answer}\n「${second}」${b.answer}`,
    citations,
    confidence: Math.min(...found.map((x) => x.confidence)),
    language: a.language,
    ...(b.assumed ? { assumed: b.assumed } : {}),
    ms: Math.round((performance.now() - t0) * 100) / 100,
  };
}

async function answerOne(ctx: EngineContext, question: string, options: AnswerOptions): Promise<Answer> {
  const t0 = performance.now();
  const input = typeof question === 'string' ? question : '';
  const language = options.language ?? languageOf(input);
  const { q, follow } = readWithContext(ctx, input, options.previous ?? []);
  const finish = (a: AnswerBody): Answer => ({
    question,
    ...a,
    answer: a.error ? a.answer : `${a.answer}${notes(q, follow, language)}`,
    language,
    ...(follow && !follow.pronoun ? { assumed: follow.assumed } : {}),
    ms: Math.round((performance.now() - t0) * 100) / 100,
  });
  const refused = refuseInput(q, input, ctx.maxChars, language);
  if (refused) return finish(refused);

  const explain: Explain | undefined = options.explain
    ? { normalized: q.normalized, translated: q.text, tokens: q.tokens, entities: q.entities, unknownNames: q.unknownNames, route: '', reason: '', dense: ctx.denseStatus, hits: [] }
    : undefined;
  return finish(await groundedAnswer(ctx, q, language, explain));
}

/** Reads the question, and when it is a follow-up, rewrites it with what the earlier questions named. */
function readWithContext(ctx: EngineContext, input: string, previous: string[]): { q: QueryAnalysis; follow: ReturnType<typeof followUp> } {
  const { article, maxChars } = ctx;
  const q = analyzeQuestion(input.slice(0, maxChars * 2), article);
  // Each earlier question is read as it was understood in its turn, so a chain of follow-ups
  // ("云商银行…营收？" → "那净利润呢？" → "那2023年呢？") keeps what the first one named.
  let context: QueryAnalysis | undefined;
  for (const p of previous.filter((x) => x.trim()).slice(-MAX_FOLLOW_UP_CHAIN)) {
    const earlier = analyzeQuestion(p.slice(0, maxChars), article);
    const resolved = followUp(earlier, context);
    context = resolved ? analyzeQuestion(resolved.question, article) : earlier;
  }
  const follow = context && q.normalized ? followUp(q, context) : context ? null : pronounReading(q, article);
  return { q: follow ? analyzeQuestion(follow.question, article) : q, follow };
}

/** An empty or too long question is refused before any search. */
function refuseInput(q: QueryAnalysis, input: string, maxChars: number, language: Language): AnswerBody | null {
  const frame = FRAME[language];
  if (!q.normalized) {
    return {
      kind: 'not_found',
      answer: frame.empty,
      citations: [],
      confidence: 0,
      error: { code: 'EMPTY_QUESTION', message: 'The question is empty or has only invisible characters.' },
    };
  }
  if ([...input].length > maxChars) {
    return {
      kind: 'not_found',
      answer: frame.tooLong([...input].length, maxChars),
      citations: [],
      confidence: 0,
      error: { code: 'QUESTION_TOO_LONG', message: `The question has ${[...input].length} characters; the limit is ${maxChars}.` },
    };
  }
  return null;
}

/** The answer from the fact book when it has one that holds, else from the passages. */
async function groundedAnswer(ctx: EngineContext, q: QueryAnalysis, language: Language, explain: Explain | undefined): Promise<AnswerBody> {
  const { article } = ctx;
  const fact = routeFacts(ctx.facts, q, ctx.postedYear);
  const hits = await retrieve(ctx, q.tokens, q.text);
  const passage = composePassage(article, ctx.lexical, q, hits);
  // A fact answer always carries its source. The fact book's "not given" is trusted only when the passages
  // agree: extraction can miss a figure that a sentence states plainly, and refusing it would be a bug.
  // Whose figure is unclear to the fact book: only a passage holding every word asked may settle it (one
  // lacking "水滴" in "水滴2024年营收多少" would give another company's figure).
  // And the question must name something besides the measure ("创新药收入"): a bare "营收是多少" asks
  // about no one, so it is asked back.
  const owner = q.words.filter((w) => !q.light.has(w) && !/^\d+$/.test(w) && !findMeasures(w).length && !q.measures.some((m) => m.words.includes(w)));
  const settles = !AMBIGUOUS_OWNER.test(fact?.route ?? '') || (owner.length > 0 && passage.explain.missing.every((w) => q.light.has(w)));
  const passageAnswers = passage.kind === 'passage' && passage.confidence > LOW_CONFIDENCE_LIMIT && FALLIBLE_REFUSALS.test(fact?.route ?? '') && settles;
  if (fact && ((fact.kind === 'not_found' && !passageAnswers) || (fact.kind === 'fact' && fact.citations.length > 0))) {
    if (explain) Object.assign(explain, { route: `facts: ${fact.route}`, reason: fact.reason });
    return { kind: fact.kind, answer: language === 'en' ? englishFact(fact) : fact.answer, citations: fact.citations, confidence: fact.confidence, explain };
  }
  if (explain) {
    Object.assign(explain, {
      route: 'retrieval',
      reason: passage.reason,
      coverage: passage.explain.coverage,
      missing: passage.explain.missing,
      candidates: passage.explain.candidates,
      hits: hits.slice(0, 5).map((h) => ({ ...h, preview: article.chunkById.get(h.id)?.text.slice(0, 40) ?? '' })),
    });
  }
  return {
    kind: passage.kind,
    answer: language === 'en' ? englishPassage(passage.answer) : passage.answer,
    citations: passage.citations,
    confidence: passage.confidence,
    nearest: passage.nearest,
    explain,
  };
}

async function retrieve(ctx: EngineContext, tokens: string[], text: string): Promise<FusedHit[]> {
  const lists: RankedList[] = [{ source: 'bm25', ids: ctx.lexical.search(tokens, 20) }];
  if (ctx.dense) {
    try {
      lists.push({ source: 'dense', ids: await ctx.dense.search(text, 20) });
    } catch (err) {
      ctx.log.warn('dense search failed for one question; answering from BM25', { error: String(err) });
    }
  }
  return reciprocalRankFusion(lists);
}

function findPassage(article: Article, id: string): PassageView | null {
  const wanted = id.trim().replace(/^§?/, '§').replace(/(\d)[¶p](\d)/i, '$1¶$2');
  const chunk = article.chunkById.get(wanted as ChunkId) ?? article.chunks.find((c) => paragraphId(c.section, c.paragraph) === wanted);
  if (!chunk) return null;
  const paragraphs = article.paragraphs;
  const i = paragraphs.findIndex((p) => p.section === chunk.section && p.index === chunk.paragraph);
  const p = paragraphs[i]!;
  const firstChunkOf = (x: (typeof paragraphs)[number] | undefined) =>
    x ? article.chunks.find((c) => c.section === x.section && c.paragraph === x.index)?.id : undefined;
  return { id: paragraphId(p.section, p.index) as ChunkId, sectionTitle: chunk.sectionTitle, text: p.text, previous: firstChunkOf(paragraphs[i - 1]), next: firstChunkOf(paragraphs[i + 1]) };
}

/** The question the /figure command asks for an entity, measure and optional period. */
function figureQuestion(entity: string, measure: string, period?: string): string {
  // "2024" typed into the period option means the year.
  // A period label's note in brackets ("2024 年第3季度（去年）") explains it; it is not a second period.
  const when = period?.replace(/（[^）]*）|\([^)]*\)/g, '').trim().replace(/^(\d{4})$/, '$1 年');
  return `${entity}${when ? ` ${when}` : ''}的${measure}是多少？`;
}

function factCatalog(allFacts: Fact[]): FactCatalog {
  return {
    entities: [...new Set(allFacts.map((f) => f.entity))],
    figureEntities: [...new Set(allFacts.flatMap((f) => (f.type === 'figure' ? [f.entity] : [])))],
    // /figure is for figures; dated events are listed by /figures and asked about in words.
    measuresOf: (entity) => [...new Set(allFacts.flatMap((f) => (f.type === 'figure' && f.entity === entity ? [f.measureText] : [])))],
    periodsOf: (entity, measure) => [
      ...new Set(
        allFacts
          .filter((f): f is Extract<Fact, { type: 'figure' }> => f.type === 'figure' && f.entity === entity && (f.measureText === measure || f.measure === measure))
          .map((f) => f.period?.label ?? '')
          .filter(Boolean),
      ),
    ],
    factsOf: (entity) => allFacts.filter((f) => f.entity === entity || f.object === entity),
  };
}
