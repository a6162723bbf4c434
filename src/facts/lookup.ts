// Routes a question to the fact book: entity + measure + period, or entity + event for "when" questions.
// An exact match answers deterministically; a match on everything but the period says which periods the
// article does give; anything else goes on to retrieval.
import { ORG_ENDINGS, tradeNameOf } from '../genre/names.js';
import { ordinalsIn, type QueryAnalysis } from '../question/query.js';
import { namesLine } from '../question/line.js';
import type { Citation, ChunkId } from '../types.js';
import { findMeasures, familyOf, LOSS_FAMILY, MEASURES, PROFIT_FAMILY, namesNoLine, withoutMeasureWords } from '../genre/measures.js';
import { figureInUnit, MONEY, moneyAsked } from '../question/answer-type.js';
import { charBigrams } from '../text/segment.js';
import { compact } from '../text/normalize.js';
import { periodsAskedIn } from '../genre/period.js';
import type { EventFact, Fact, FigureFact } from './schema.js';
import { EVENT_VERBS, eventsAsked } from '../genre/events.js';
import { compareFacts } from './compare.js';

export type { FactBook } from './book.js';
import type { FactBook } from './book.js';

export interface FactRoute {
  kind: 'fact' | 'not_found';
  answer: string;
  citations: Citation[];
  confidence: number;
  route: string;
  reason: string;
  facts: Fact[];
}

/** Share of a when-question's other words an event's sentence must hold to answer it. */
const EVENT_WORDS_SHARED = 0.5;
/** Confidence of fact answers: one fact that fits everything asked, several (the asker must pick), or a
 * comparison computed from two facts (arithmetic on quoted figures). */
const ONE_FACT_CONFIDENCE = 0.95;
const SEVERAL_FACTS_CONFIDENCE = 0.8;
const COMPUTED_CONFIDENCE = 0.9;
/** A figure asked with no period (the article may give others), or several figures listed for the asker. */
const UNDATED_FACT_CONFIDENCE = 0.85;
const FIGURE_LIST_CONFIDENCE = 0.75;

const CHANGE_WORDS = /增长|增速|增幅|下降|下滑|降幅|同比|变化|涨|跌|减少|收缩|降了|升了|少了|多了|降低|提高|回升|缩水|[了将]多少|\b(?:change[ds]?|grow|grew|growth|rise|rose|fall|fell|drop(?:ped)?|increase[ds]?|decrease[ds]?|decline[ds]?)\b/i;

const cite = (f: Fact): Citation => ({ id: f.source.chunkId as ChunkId, quote: f.source.quote });
const uniqueCitations = (facts: Fact[]) => {
  const seen = new Set<string>();
  return facts.map(cite).filter((c) => (seen.has(c.quote) ? false : (seen.add(c.quote), true)));
};

export const baseMeasure = (m: string) => m.replace(/增速$/, '');
// "2.31万人", "5600余家": the classifier after a count says what is counted; the label keeps it as written.
const figureLabel = (f: FigureFact) => `${f.qualifier ?? ''}${f.text}${classifierAfter(f)}`;
const classifierAfter = (f: FigureFact): string => {
  const quote = f.source.quote.replace(/\s+/g, '');
  const figure = f.text.replace(/\s+/g, '');
  const at = quote.indexOf(figure);
  if (at < 0 || /[%％元]$/.test(f.text)) return '';
  const rest = quote.slice(at + figure.length);
  if (rest && COUNT_CLASSIFIERS.includes(rest[0]!)) return rest[0]!;
  // "4 亿用户": a count written right before the noun it counts keeps that noun.
  return rest.startsWith(f.measureText) ? f.measureText : '';
};
const COUNT_CLASSIFIERS = '人名家个位座台辆所只头架艘件';
export const describeFigure = (f: FigureFact): string =>
  f.measure.endsWith('增速') && f.change
    ? `${f.entity}${f.period ? ` ${f.period.label}` : ''}的${f.measureText}变化：${f.change.text}`
    : `${f.entity}${f.object && !f.measureText.includes(f.object) ? `（相对${f.object}）` : ''}${f.period ? ` ${f.period.label}` : ''}的${f.measureText}：${figureLabel(f)}` +
  (f.change && f.change.text !== f.text ? `（${f.change.text}）` : '');
export const describeEvent = (f: EventFact): string =>
  `${f.date.iso.length === 10 ? dateLabel(f.date.iso, f.date.time) : f.date.iso.length === 7 ? `${f.date.iso.slice(0, 4)} 年 ${Number(f.date.iso.slice(5, 7))} 月` : `${f.date.iso} 年`}：${f.entity} ${eventLabel(f)}`;
const dateLabel = (iso: string, time?: string) => `${iso.slice(0, 4)} 年 ${Number(iso.slice(5, 7))} 月 ${Number(iso.slice(8, 10))} 日${time ? ` ${time}` : ''}`;
const eventLabel = (f: EventFact) => (f.object ? `${f.event}${f.object}` : eventLabelOf(f.event));

/** `postedYear` reads 今年/去年 in questions against the article's publication date. */
export function routeFacts(book: FactBook, q: QueryAnalysis, postedYear: number): FactRoute | null {
  // A comparison the facts cannot compute is one the article may state itself: retrieval quotes it.
  return routeComparison(book, q) ?? routeEvent(book, q) ?? (q.answerType === 'comparison' ? changeSincePeriod(book, q, postedYear) : routeFigure(book, q, postedYear));
}

/** "2024年前三季度利润跟2023年同期比涨了多少": with no figure of the earlier period to compare, the change
 * the article states for the later one is the answer. */
function changeSincePeriod(book: FactBook, q: QueryAnalysis, postedYear: number): FactRoute | null {
  if (q.periods.length !== 2 || !CHANGE_WORDS.test(q.text)) return null;
  const later = [...q.periods].sort((a, b) => b.key.localeCompare(a.key))[0]!;
  const answer = routeFigure(book, { ...q, periods: [later] }, postedYear);
  return answer?.kind === 'fact' && answer.facts.some((f) => f.type === 'figure' && f.change) ? answer : null;
}

function routeComparison(book: FactBook, q: QueryAnalysis): FactRoute | null {
  const c = compareFacts(book, q);
  return c ? { kind: 'fact', answer: c.answer, citations: c.citations, confidence: COMPUTED_CONFIDENCE, route: 'comparison', reason: `computed from ${c.facts.map((f) => f.id).join(' and ')}`, facts: c.facts } : null;
}

/** A question about when something was announced rather than done. */
const ANNOUNCEMENT_ASKED = /宣布|公布|官宣|发布|announce/i;

function routeEvent(book: FactBook, q: QueryAnalysis): FactRoute | null {
  if (!q.asksWhen) return null;
  const events = book.facts.filter((f): f is EventFact => f.type === 'event');
  const asked = eventsAsked(q.text).map((cls) => ({ cls, name: cls.name(cls.asked.exec(q.text)!) }));
  // The first class asked about that the article dates for anyone ("CEO" before the generic "加入"); for a
  // person named in the question, the first class asked at all (the article may date it for nobody).
  // An announced event ("宣布卸任CEO") answers when the event itself is asked, and first when the
  // announcement is: its label says it was announced, so the reply's words match what the article dates.
  const announcementAsked = ANNOUNCEMENT_ASKED.test(q.text);
  // (Records of the people asked about come first: another person's 卸任 does not hide theirs, announced.)
  const ofPeople = q.people.length ? events.filter((f) => q.people.includes(f.entity)) : events;
  const pick = (records: EventFact[], name: string) => {
    const own = records.filter((f) => f.event === name);
    const announced = records.filter((f) => f.event === `宣布${name}`);
    return announcementAsked && announced.length ? announced : own.length ? own : announced;
  };
  // (When the people asked have none, everyone's are kept, so "not found" can say whom the article dates.)
  const recordsOf = (name: string) => {
    const theirs = pick(ofPeople, name);
    return theirs.length ? theirs : pick(events, name);
  };
  const dated = asked.filter(({ name }) => recordsOf(name).length);
  const first = q.people.length ? asked[0] : dated[0];
  if (!first) return null;
  const { cls, name: event } = first;
  const ofEvent = recordsOf(event);
  const people = q.people;
  let pool = ofEvent.filter((f) => q.entities.includes(f.entity) || q.entities.length === 0);
  // "韩明远哪一年离开星河": the article dates this event for others, never for the person asked about.
  const notFor = (who: string[], what: string): FactRoute => ({
    kind: 'not_found',
    answer: `文章没有给出${who.join('、')}${what}的时间。${ofEvent.length ? `文章给出了时间的：${uniq(ofEvent.map(describeEvent)).join('；')}。` : ''}`,
    citations: [],
    confidence: 0,
    route: `event ${event}: not for ${who.join(', ')}`,
    reason: `no ${event} event for ${who.join(', ')}`,
    facts: [],
  });
  if (people.length && !pool.some((f) => people.includes(f.entity))) return notFor(people, eventLabelOf(event));
  if (!pool.length) return null;
  // "韩明远什么时候加入云海": when the question names where someone joined, keep to it — and when no
  // record has that place ("加入华金"), the article does not date it.
  const places = q.entities.filter((e) => !pool.some((f) => f.entity === e));
  if (cls.hasObject && places.length) {
    const withObject = pool.filter((f) => f.object && places.includes(f.object));
    if (!withObject.length) return notFor(people.length ? people : uniq(pool.map((f) => f.entity)), `${event}${places.join('、')}`);
    pool = withObject;
  }
  if (new Set(pool.map((f) => f.entity)).size > 1) {
    const named = pool.filter((f) => q.entities.includes(f.entity));
    if (!named.length) return null;
    pool = named;
  }
  // Several records of one event: the most precise date speaks; they were checked to agree.
  const byPrecision = [...pool].sort((a, b) => b.date.iso.length - a.date.iso.length);
  const distinct = byPrecision.filter((f, i) => !byPrecision.slice(0, i).some((g) => g.entity === f.entity && (g.object ?? '') === (f.object ?? '') && g.date.iso.startsWith(f.date.iso)));
  // "当CEO后第一次全员大会是哪天" asks about something else that happened around the event: when the
  // question's other words are mostly missing from the event's sentence, retrieval answers instead.
  const names = q.entities.flatMap((e) => q.entityNames.get(e) ?? [e]);
  // The event's own verbs (出任, 就任, 接棒 for a role) name the event, whatever the sentence says it with.
  const eventVerb = (w: string) => cls.asked.test(w) || cls.stated.test(w) || EVENT_VERBS.test(w);
  // (Predicate words, "最早", "正式", frame the event asked rather than add something that happened.)
  const rest = q.words.filter((w) => [...w].length >= 2 && !names.some((n) => n.includes(w)) && !eventVerb(w) && !q.absentNouns.includes(w) && !q.light.has(w));
  const quotes = compact(pool.map((f) => f.source.quote).join(''));
  const said = (w: string) => [w, ...(q.alternatives.get(w) ?? [])].some((x) => quotes.includes(compact(x)));
  if (rest.length && rest.filter(said).length / rest.length < EVENT_WORDS_SHARED) return null;
  return answerEvents(distinct, q, event);
}

/** The dated records as the answer; "几月份入驻的" asks for a month, and a record dated by the year alone
 * does not give it (the article's date is offered instead). */
function answerEvents(distinct: EventFact[], q: QueryAnalysis, event: string): FactRoute {
  const precise = distinct.filter((f) => f.date.iso.length >= precisionAsked(q.text));
  if (!precise.length) {
    return {
      kind: 'not_found',
      answer: `文章没有给出这么具体的时间，只给出了：${uniq(distinct.map(describeEvent)).join('；')}。`,
      citations: uniqueCitations(distinct),
      confidence: 0,
      route: `event ${event}: less precise than asked`,
      reason: `the article dates ${event} to ${distinct.map((f) => f.date.iso).join(', ')} only`,
      facts: distinct,
    };
  }
  const lines = precise.map((f) => describeEvent(f) + (f.date.resolution ? `（年份推断：${f.date.resolution}）` : ''));
  return {
    kind: 'fact',
    answer: lines.join('\n'),
    citations: uniqueCitations(distinct),
    confidence: distinct.length === 1 ? ONE_FACT_CONFIDENCE : SEVERAL_FACTS_CONFIDENCE,
    route: `event ${event}`,
    reason: `${distinct.length} event fact(s) for ${distinct.map((f) => f.entity).join(', ')}`,
    facts: distinct,
  };
}

const uniq = <T,>(xs: T[]) => [...new Set(xs)];

/** How precise a date the question asks for, as the length of an ISO date: a day (10), a month (7), a year (4). */
function precisionAsked(question: string): number {
  if (/哪天|哪一天|几号|几月几日|几月几号|具体日期|which day|what date/i.test(question)) return 10;
  if (/几月|哪个月|哪月|which month|what month/i.test(question)) return 7;
  return 4;
}
const eventLabelOf = (event: string) => (/^(CEO|CFO|CTO|总裁|副总裁|董事长)$/.test(event) ? `出任${event}` : event);

type MeasureHit = ReturnType<typeof findMeasures>[number];
/** Answer types that ask for a name, never a figure. */
const NAMED_SLOTS = new Set(['person', 'place', 'org', 'role']);

function routeFigure(book: FactBook, q: QueryAnalysis, postedYear: number): FactRoute | null {
  const found = measuresAsked(q);
  if (!found.length) return null;
  const measures = found.map((m) => m.measure);
  // (English change words are tested as typed: the glossary may have read "change" as another sense.)
  const asksChange = CHANGE_WORDS.test(q.text) || CHANGE_WORDS.test(q.original);
  // "云商银行的不良率是多少", "…2023 年的不良率" and "What was CloudBank's NPL ratio" ask for a figure;
  // "why", "when", "who" and "where did he work" do not: the measure is named in passing ("新的首席科学官是谁
  // 之前在哪工作" names 工作, a tenure word, and asks for a person and a place).
  if (q.asksWhy || q.asksWhen || NAMED_SLOTS.has(q.answerType)) return null;
  // "去年前三季度" is "2024 年前三季度" for an article posted in 2025.
  // The periods the question typed, read against the posting date (q.periods).
  const periodsAsked = q.periods;
  if (!asksForFigure(q, found, asksChange, periodsAsked.length > 0)) return null;
  const canon = new Set(measures.map((m) => m.canonical));
  const families = new Set(measures.map((m) => m.family));
  // A figure the question itself states ("收购粤湾70%股权的对价是多少") is given, not asked.
  const stated = compact(q.normalized);
  // A loss asked is answered by a profit below zero ("亏了多少" by "净利润为-1.36亿元").
  const lossAsProfit = (f: FigureFact) => families.has(LOSS_FAMILY) && familyOf(baseMeasure(f.measure)) === PROFIT_FAMILY && f.value < 0;
  let pool = book.facts.filter((f): f is FigureFact => f.type === 'figure' && (families.has(familyOf(baseMeasure(f.measure))) || lossAsProfit(f)) && !stated.includes(compact(f.text)));
  if (moneyAsked(q.text)) {
    pool = amountsAsked(book, pool, found);
    if (!pool.length) return null;
  }
  // 营收 — or a bare 收入, "revenue" — asks for revenue as a whole: one named income line (保险业务收入,
  // 手续费及佣金收入) is not it.
  // "乐呗财富管理手续费收入": a line's income asked is answered by that line's figure or by the passages.
  const line = q.line;
  if (line) pool = pool.filter((f) => namesLine(f.measureText, line));
  // "H股收在多少": a listing's A and H shares trade at prices of their own.
  const shareClass = lastShareClass(q.text);
  if (shareClass) pool = pool.filter((f) => shareClassOf(f) === shareClass);
  if ((line || shareClass) && !pool.length) return null;
  const whole = !line && found.every((m) => m.measure.canonical === '营收' || m.word === '收入');
  if (canon.has('营收') || whole) pool = pool.filter((f) => baseMeasure(f.measure) !== '收入' || f.measureText === '收入');
  const changesOnly = pool.filter((f) => f.measure.endsWith('增速'));
  if (!asksChange) pool = pool.filter((f) => !f.measure.endsWith('增速'));
  if (!pool.length) return changeOnlyAnswer(changesOnly, q, found);

  if (q.entities.length === 0) return noEntityNamed(book, q, pool, found, postedYear);
  const others = pool;
  pool = pool.filter((f) => q.entities.includes(f.entity));
  if (!pool.length) return changeOnlyAnswer(changesOnly, q, found) ?? (q.asksQuantity ? entityMismatch(others, q, found, canon) : null);
  pool = narrowFigures(pool, q, canon, asksChange);
  if (!pool.length) return null;

  const periods = periodsAsked;
  if (periods.length) {
    const keys = new Set(periods.map((p) => p.key));
    const hit = pool.filter((f) => f.period && (keys.has(f.period.key) || [...keys].some((k) => f.period!.key === `${k}-end`)));
    if (!hit.length) return periodMismatch(pool, q, found, periods, keys);
    pool = hit;
  }
  return {
    kind: 'fact',
    answer: pool.map(describeFigure).join('\n'),
    citations: uniqueCitations(pool),
    confidence: pool.length === 1 ? (periods.length ? ONE_FACT_CONFIDENCE : UNDATED_FACT_CONFIDENCE) : FIGURE_LIST_CONFIDENCE,
    route: `figure ${[...canon].join('/')}`,
    reason: `${pool.length} fact(s): ${pool.map((f) => f.id).join(', ')}`,
    facts: pool,
  };
}

// "A股", "H股": a listing's share classes.
const SHARE_CLASS = /([ABH])股/gi;
/** The share class a text names last ("A股…收盘报14.82元" before the figure), if any. */
const lastShareClass = (text: string): string | undefined => [...text.matchAll(SHARE_CLASS)].pop()?.[1]?.toUpperCase();
const shareClassOf = (f: FigureFact): string | undefined => lastShareClass(f.source.quote.slice(0, Math.max(0, f.source.quote.indexOf(f.text))));

/** "对外投资砸了多少钱": money asked of a measure counted in other units ("171 笔") is its amount, a measure
 * named by a longer word that holds the one asked ("对外投资总额"). */
function amountsAsked(book: FactBook, pool: FigureFact[], found: MeasureHit[]): FigureFact[] {
  // (A bare 亿 or 万 may be money, "投入 5 亿现金"; 笔, 家, % and the like are not.)
  const inMoney = (f: FigureFact) => figureInUnit(f.text, MONEY) || /^(?:万亿|亿|万)$/.test(f.unit);
  const amountFamilies = new Set(MEASURES.filter((m) => m.words.some((w) => found.some((h) => w.length > h.word.length && w.includes(h.word)))).map((m) => m.family));
  const amounts = pool.filter(inMoney);
  return amounts.length ? amounts : book.facts.filter((f): f is FigureFact => f.type === 'figure' && amountFamilies.has(familyOf(baseMeasure(f.measure))) && inMoney(f));
}

/** The question names a measure but no one: the article's subject when only the measure is asked, the
 * passages when one owner has it, else a request to say whose. */
function noEntityNamed(book: FactBook, q: QueryAnalysis, pool: FigureFact[], found: MeasureHit[], postedYear: number): FactRoute | null {
  if (q.unknownNames.length) return null; // about something the article never names: retrieval says so
  // "三季度营收多少" in an article about one company asks for that company's figure: say the reading.
  // (Not when other words may name whose figure it is: "青禾营收多少" is about 青禾, named or not.)
  const measureWords = new Set(found.map((m) => m.word));
  // (How it changed, "百分之几", and "公司" — the company reported on — name no one else.)
  const onlyMeasure = q.words.every(
    (w) => measureWords.has(w) || q.light.has(w) || [...measureWords].some((m) => m.includes(w)) || periodWord(w) || /^\d+$/.test(w) || CHANGE_WORDS.test(w) || NAMES_NO_ONE.test(w),
  );
  const subject = onlyMeasure ? mainSubject(book, pool) : undefined;
  if (subject) {
    const answer = routeFigure(book, { ...q, entities: [subject], entityNames: new Map([[subject, [subject]]]) }, postedYear);
    if (answer) return { ...answer, answer: `${answer.answer}（按文章主体“${subject}”理解）` };
  }
  // With one owner in the article, asking whose figure is no help: the words besides the measure ("禾小串
  // 收入", "battery capacity") may name a line of it, so the passages judge — unless the question names a
  // company the article writes without figures ("青禾2023年保险收入多少", "青禾等公司").
  const elsewhere = q.unlistedOwners.length > 0;
  return new Set(pool.map((f) => f.entity)).size === 1 && !elsewhere ? null : ambiguousEntity(pool, found);
}

/** The measures the question names; with several, only those nearest its 多少/几. */
function measuresAsked(q: QueryAnalysis): MeasureHit[] {
  const found = findMeasures(q.core);
  // "不良资产包涉及多少名消费者": with several measures named, the one next to 多少 is asked for.
  const askAt = q.text.search(/多少|几/);
  if (!found.length || askAt < 0 || new Set(found.map((m) => m.measure.family)).size <= 1) return [...found];
  const distance = (m: MeasureHit) => Math.abs(m.at - askAt);
  const nearest = Math.min(...found.map(distance));
  return found.filter((m) => distance(m) === nearest);
}

/** Whether the question asks for a figure at all (rather than naming a measure in passing). */
function asksForFigure(q: QueryAnalysis, found: MeasureHit[], asksChange: boolean, namesPeriod: boolean): boolean {
  // "星花的用户规模？": a question that is only an entity and a measure asks for the figure too.
  const bare = new RegExp(`^[^，,。]{0,20}(?:${found.map((m) => m.word).join('|')})[？?。！!\\s]*$`);
  return q.asksQuantity || asksChange || namesPeriod || /是多少|为多少|有多少|多少|是什么|怎么样/.test(q.text) || /^\s*(what|how)\b/i.test(q.original) || bare.test(q.normalized);
}

/** "华行 2024 年的营收是多少": the article gives only how it changed; say so rather than nothing. */
function changeOnlyAnswer(changesOnly: FigureFact[], q: QueryAnalysis, found: MeasureHit[]): FactRoute | null {
  const forEntity = changesOnly.filter((f) => q.entities.includes(f.entity));
  if (!forEntity.length) return null;
  return {
    kind: 'not_found',
    answer: `文章没有给出${q.entities.join('、')}的${found[0]!.word}数值，只给出了变化：${forEntity.map(describeFigure).join('；')}。`,
    citations: uniqueCitations(forEntity),
    confidence: 0,
    route: 'figure: only a change is given',
    reason: `only change facts for ${q.entities.join(', ')}`,
    facts: forEntity,
  };
}

/** The entity with the most of the article's facts, when it has MAIN_SUBJECT_LEAD times as many as the
 * next and a figure of the measure asked: the company a news article is about. */
function mainSubject(book: FactBook, pool: FigureFact[]): string | undefined {
  const counts = new Map<string, number>();
  // Every fact counts for its owner and for a figure-owner its sentence names: the company whose deals,
  // appointments and figures the article reports ("沧澜科技完成了对海川物流的收购") is its subject.
  // (News names a company by its trade name: "曜森" for 曜森集团.)
  const owners = new Set(book.facts.filter((f) => f.type === 'figure').map((f) => f.entity));
  const tradeName = (e: string) => tradeNameOf(e) ?? e;
  // (The trade name alone or with the entity's own ending: "沧澜银行" is not 沧澜科技.)
  // A trade name several owners share ("沧澜" of 沧澜科技 and 沧澜财富) tells none of them apart.
  const shared = (trade: string) => [...owners].filter((o) => tradeName(o) === trade).length > 1;
  const mentions = (quote: string, e: string) => {
    const trade = shared(tradeName(e)) ? e : tradeName(e);
    for (let at = quote.indexOf(trade); at >= 0; at = quote.indexOf(trade, at + 1)) {
      const rest = quote.slice(at + trade.length);
      if (rest.startsWith(e.slice(trade.length)) || !ORG_ENDINGS.some((x) => rest.startsWith(x))) return true;
    }
    return false;
  };
  for (const f of book.facts) for (const e of owners) if (f.entity === e || mentions(f.source.quote, e)) counts.set(e, (counts.get(e) ?? 0) + 1);
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!first || (second && first[1] < second[1] * MAIN_SUBJECT_LEAD)) return undefined;
  return pool.some((f) => f.entity === first[0]) ? first[0] : undefined;
}
/** How far ahead in figures the article's subject must be (else the question must name whose figure). */
const MAIN_SUBJECT_LEAD = 2;
const NAMES_NO_ONE = /^(?:公司|该公司|这家公司|本公司|集团|企业|百分|百分之|百分之几|现在|目前|如今|眼下|总共|一共|总数|整个|一整年|整年|全年)$/;
const periodWord = (w: string) => periodsAskedIn(w, 2000).length > 0 || /^(?:今年|去年|前年|明年|季度|三季度|二季度|一季度|四季度|上半年|下半年|全年|财年)$/.test(w);

/** The question names a measure but no entity: ask which one, listing those the article has. */
/** (The measure is named as the question names it, not by the first word of its entry.) */
function ambiguousEntity(pool: FigureFact[], found: MeasureHit[]): FactRoute {
  const names = [...new Set(pool.map((f) => f.entity))];
  return {
    kind: 'not_found',
    answer: `请说明是哪家公司或产品：文章给出了这些主体的${found[0]!.word}数据：${names.join('、')}。`,
    citations: [],
    confidence: 0,
    route: 'figure: ambiguous',
    reason: 'the question names a measure but no entity',
    facts: [],
  };
}

/** The article gives this figure, but for other entities: one of theirs is not an answer. */
function entityMismatch(others: FigureFact[], q: QueryAnalysis, found: MeasureHit[], canon: Set<string>): FactRoute {
  const names = [...new Set(others.map((f) => f.entity))];
  return {
    kind: 'not_found',
    answer: `文章没有给出${q.entities.join('、')}的${found[0]!.word}数据。文章给出这项数据的主体有：${names.join('、')}。`,
    citations: [],
    confidence: 0,
    route: 'figure: entity mismatch',
    reason: `no ${[...canon].join('/')} fact for ${q.entities.join(', ')}`,
    facts: [],
  };
}

/** Keeps the figures of the entity's pool that fit the question's other names, ordinals, change and wording. */
function narrowFigures(pool: FigureFact[], q: QueryAnalysis, canon: Set<string>, asksChange: boolean): FigureFact[] {
  if (q.entities.length > 1) {
    const withObject = pool.filter((f) => f.object && q.entities.includes(f.object));
    // "星河收购天成基金花了多少钱": a figure whose sentence never names the second name is not about it.
    const namesAll = (f: FigureFact) => q.entities.every((e) => f.entity === e || (q.entityNames.get(e) ?? [e]).some((n) => compact(f.source.quote).includes(compact(n))));
    if (withObject.length) pool = withObject;
    else pool = pool.filter((f) => !f.object && namesAll(f));
  }
  // "第二批": a figure whose sentence gives no such ordinal is about another batch.
  if (q.ordinals.length) pool = pool.filter((f) => q.ordinals.every((o) => ordinalsIn(`${f.source.quote}${f.period?.label ?? ''}`).includes(o)));
  if (asksChange) {
    const withChange = pool.filter((f) => f.change);
    if (withChange.length) pool = withChange;
  }
  const exact = pool.filter((f) => canon.has(f.measure) || canon.has(baseMeasure(f.measure)));
  if (exact.length) pool = exact;
  // Several lines of one measure ("面向小微商户的…", "“云服务”行业…"): keep those whose wording the question repeats.
  // (The names asked are not wording of a line: "基金" of 沧澜基金 says nothing of 指数基金.)
  const asked = [...q.entityNames.values()].flat().reduce((t, n) => t.split(compact(n)).join('|'), compact(q.text));
  // (Only the line's own words count: "归母净利润" and "归属于上市公司股东的净利润" name one measure.)
  const linePart = (f: FigureFact) => withoutMeasureWords(f.measureText, '|');
  const overlap = (f: FigureFact) => charBigrams(linePart(f)).filter((g) => asked.includes(g)).length;
  const best = Math.max(...pool.map(overlap));
  if (best > 2) pool = pool.filter((f) => overlap(f) === best);
  // (No line named: the company's own figure, not a line's, "毛利率多少" -> 综合毛利率 over 手表业务毛利率.)
  const whole = pool.filter((f) => namesNoLine(f.measureText));
  if (best <= 2 && whole.length) pool = whole;
  // (A line named as the question names it, "非货规模", before a narrower one, "指数基金非货规模".)
  const asWritten = pool.filter((f) => asked.includes(compact(f.measureText)));
  if (best > 2 && asWritten.length) pool = asWritten;
  return pool;
}

/** The article gives the figure, but not for the period asked: say which periods it does give. */
function periodMismatch(pool: FigureFact[], q: QueryAnalysis, found: MeasureHit[], periods: { label: string }[], keys: Set<string>): FactRoute {
  const given = pool.map((f) => (f.period ? describeFigure(f) : `${describeFigure(f)}（未注明时期）`));
  return {
    kind: 'not_found',
    answer: `文章没有给出${q.entities.join('、')} ${periods.map((p) => p.label).join('、')}的${found[0]!.word}。文章只给出了：${given.join('；')}。`,
    citations: uniqueCitations(pool),
    confidence: 0,
    route: 'figure: period mismatch',
    reason: `asked ${[...keys].join(', ')}; the article has ${pool.map((f) => f.period?.key ?? 'no period').join(', ')}`,
    facts: pool,
  };
}
