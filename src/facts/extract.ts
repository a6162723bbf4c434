// A pass over the article's sentences that turns figures and dated events into facts. It attaches entity,
// measure and period from the sentence and the sentences before it in the paragraph, and reads the genre's
// ways of packing several facts into one sentence ("A、B、C 的收入分别为 x、y、z", "这两个数字分别是…",
// "接任该职位"). What it gets wrong is corrected in the corpus folder's facts.overrides.json.
import type { Article } from '../corpus/article.js';
import type { EntityMention } from '../corpus/entities.js';
import { chunkOfOffset } from '../corpus/cite.js';
import { mostNamed } from '../corpus/prominent.js';
import { tightenSpacing } from '../text/normalize.js';
import { PERSON_PRONOUN } from '../text/function-words.js';
import type { Sentence } from '../types.js';
import { canonicalRole, EVENT_CLASSES, ROLES } from '../genre/events.js';
import { AMOUNT_MEASURES, familyOf, findMeasures, measureNounBefore, RATIO_MEASURES, type MeasureEntry } from '../genre/measures.js';
import { findPeriods, type FoundPeriod, type Period } from '../genre/period.js';
import type { EventFact, Fact, FigureFact } from './schema.js';

// Spaces go, except between Latin words ("Russell Ellwanger" stays a name).
const squeeze = (s: string) => tightenSpacing(s).replace(/(?<![A-Za-z])\s+|\s+(?![A-Za-z])/g, '');

// Units of what a business makes, ships or sells (energy, vehicles, weight, pieces, devices), and a price
// in 元, 港元 or 美元 ("收报68.42元"): they name no measure by themselves (see UNIT_NAMES_NO_MEASURE).
const PHYSICAL_UNIT = '[GMk]Wh|GW|MW|万辆|辆|万吨|吨|亿件|万件|件|万台|台';
const UNIT_NAMES_NO_MEASURE = new RegExp(`^(?:${PHYSICAL_UNIT}|元|港元|美元)$`);
// A number with the unit the article writes after it. Four-digit years followed by 年 are dates, not figures.
// Research reports write money the Latin way: "$106M", "~$5.4B" (the unit letter only after a "$" amount).
// ("27.86元/股" names its measure by its unit: a price per share.)
const QUANTITY = new RegExp(
  String.raw`(近|超过|约|不到|将近|仅|达到|高于|~)?\$?(-?\d+(?:\.\d+)?)(${PHYSICAL_UNIT}|亿元|亿美元|万亿元|亿人民币|亿港元|万港元|万美元|港元|美元|亿部|亿|万名|万笔|万户|万家|万|%|笔|家|个城市|个商圈|年(?![前初底度中末\d])|天|(?<=\$-?\d+(?:\.\d+)?)[BMK](?![A-Za-z])|元[/／]股|元(?![/／]))`,
  'g',
);
// "$106M（+112%）": a signed percentage in brackets right after a figure is its change.
const SIGNED_IN_BRACKETS = /[（(]([+\-−])$/;
// A change verb, with the degree news writing adds ("同比大增32.8%", "大幅下滑", "激增"), or its noun ("涨幅7.3%").
const CHANGE_VERB = '(?:大幅|小幅|略有|略微|明显|显著)?(?:增长|上升|回升|提升|下降|下滑|减少|收缩|上涨|下跌)|大增|大涨|激增|猛增|暴增|大降|大跌|骤降|锐减|暴跌|涨幅|增幅|跌幅|降幅';
const CHANGE_BEFORE = new RegExp(`(同比|环比)?(${CHANGE_VERB})了?(?:约)?$`);
// The words that state a change, as the change's text shows them ("同比增长").
const CHANGE_LEAD = new RegExp(`(同比|环比)?(?:${CHANGE_VERB})了?`);
const RISE = /增长|上升|回升|提升|上涨|增|涨/;
// A date, with the hour when the article gives one ("12月8日早9点").
const DATE = /(?:(\d{4})年|(次年|今年|去年))?(\d{1,2})月(?:(\d{1,2})日)?(?:((?:早上?|上午|中午|下午|晚上?|凌晨)?\d{1,2}点(?:半|\d{1,2}分)?))?/g;
// "分别": the figures after it go, in order, to the names or measures listed before it.
const RESPECTIVELY = '分别';
// "这两个数字分别是…", "二者分别为…": the figures of the sentence before, read again for another period.
const BACK_REFERENCE = /这(?:两|几|三)?(?:个|项)?(?:数字|数据|指标)|二者|两者|前者/;
// "高于第二名华信证券", "领先华行": a figure after a comparison with a named rival measures the lead over it.
export const COMPARED_WITH = /(?:高于|超过|领先于?|低于|多于|少于|超出)(?:第[一二三四五六七八九十\d]+名)?[^，,。；;]{0,12}$/;

// Running totals: "累计融资额", "总计交付".
// ("合计" sums parts of one period, "动力及储能电池合计出货量": not a running total.)
const CUMULATIVE = /累计|累积|总计|迄今/;

// "在权益产品上", "在指数基金方面": what a figure is measured on.
const IN_TERMS_OF = /在([^，,。在\d]{2,10}?)(?:上(?![半下])|方面)/;

// "接任该职位": the role is the one named last before it.
const ROLE_BACK_REFERENCE = /(?:接任|出任|担任|接替)(?:该|这一|此|这个)(?:职位|职务|岗位|一职)/;
// "宣布…接任", "公开信里写到…": the date is of the announcement, not of the thing announced.
const ANNOUNCED = /(?:宣布|公布|官宣|宣告|公告)[^，,。；;]{0,12}$/;

interface Context {
  postedYear: number;
  postedMonth: number;
  /** Mentions of named things (not words only guessed to be names) in a text. */
  find(text: string): EntityMention[];
  isSubjectKind(entity: string): boolean;
  isPerson(entity: string): boolean;
  /** The company the article reports on, if one stands out: "公司" with no name means it. */
  subject?: string;
}

interface ParagraphState {
  inheritedPeriod?: FoundPeriod;
  lastEntity?: string;
  lastYear?: number;
  lastRole?: string;
  figures: FigureFact[];
  /** The paragraph's last figure was of a measure the genre does not list ("资产总额"). */
  unlistedMeasure?: boolean;
  /** Figures of the sentence before (for "这两个数字分别是…"). */
  previousSentenceFigures: FigureFact[];
  /** The sentence before, when it was dated but told no event: "2023年11月3日晚8点，…。周亦舟…宣布卸任总经理"
   * dates the event of the sentence after it. */
  datedLeadIn?: { sentence: ReadSentence; start: number };
}

interface ReadSentence {
  text: string;
  raw: string;
  periods: FoundPeriod[];
  entities: EntityMention[];
  source: { chunkId: string; quote: string };
}

export function extractFacts(article: Article): Fact[] {
  const [y, m] = article.meta.published.split('-').map(Number);
  const ctx: Context = {
    postedYear: y!,
    postedMonth: m!,
    // Figures and events belong to named things; a word only guessed to be a name ('other') owns none.
    find: (t) => article.entities.find(t).filter((e) => e.kind !== 'other'),
    // People (and named products) are the subjects of dated events.
    isSubjectKind: (e) => ['person', 'product'].includes(article.entities.get(e)?.kind ?? ''),
    isPerson: (e) => article.entities.get(e)?.kind === 'person',
    subject: mostNamed(article, 'org', SUBJECT_LEAD),
  };
  const facts: Fact[] = [];
  let lastPerson: string | undefined;
  for (const p of article.paragraphs) {
    const state: ParagraphState = { figures: [], previousSentenceFigures: [] };
    for (const s of p.sentences) {
      const sentence = readSentence(article, s, ctx);
      if (!sentence) continue;
      const figures = figuresOf(sentence, ctx, state);
      facts.push(...figures, ...changesOf(sentence, ctx, state));
      const events = eventsOf(sentence, ctx, state, lastPerson);
      const led = events.length ? undefined : eventAfterLeadIn(article, s, sentence, ctx, state, lastPerson);
      facts.push(...events, ...(led ? [led] : []));
      state.datedLeadIn = !events.length && !led && resolveDate(sentence.text, ctx, state.lastYear) ? { sentence, start: s.start } : undefined;
      lastPerson = remember(sentence, ctx, state, figures) ?? lastPerson;
    }
  }
  return facts.map((f, i) => ({ ...f, id: `${f.type === 'figure' ? 'F' : 'E'}${String(i + 1).padStart(3, '0')}` }));
}

/** How much more often the company reported on is named than any other organisation. */
const SUBJECT_LEAD = 2;
// News calls the company it reports on "公司" once it has named it ("截至报告期末，公司员工总数为…").
// (Also right after the time it opens on: "2024年公司综合毛利率为27.3%", "上半年公司实现…".)
const SELF_REFERENCE = /(?:^|[，,；;：:（(]|该|本|\d{4}年|[上下]半年|季度)(?:公司|集团)(?!\p{Script=Han}*(?:董事|总裁|CEO|高管))/u;
// A clause that opens on a time and a verb has no subject of its own: it continues the person before
// ("2012年，韩某出任副总裁；2019年起担任总裁").
const ZERO_SUBJECT = /^(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|同年|次年|当年|此后|随后|之后|后来|起|开始|先后|曾经?|又|再|并|于|[，,])+$/;

function readSentence(article: Article, s: Sentence, ctx: Context): ReadSentence | null {
  const chunk = chunkOfOffset(article, s.start);
  if (!chunk) return null;
  const text = squeeze(s.text);
  return { text, raw: s.text, periods: findPeriods(text, ctx.postedYear, ctx.postedMonth), entities: ctx.find(text), source: { chunkId: chunk.id as string, quote: s.text.trim() } };
}

// A period that glosses the one before it restates it in other terms: in brackets ("2025 财年（2024 年 7
// 月 1 日至 2025 年 6 月 30 日）") or after 也就是/即 ("今年三季度，也就是 2026 财年的第一财季"). The figure
// belongs to the period the sentence states first, in the reader's calendar.
const GLOSS_BEFORE = /(?:也就是|亦即|即|相当于)[^，。；]{0,12}$/;
function periodBefore(s: { text: string; periods: FoundPeriod[] }, at: number): FoundPeriod | undefined {
  const before = s.periods.filter((x) => x.at < at && !startingPoint(s.text, x, at));
  const glosses = (p: FoundPeriod, i: number) => {
    if (i === 0) return false;
    const lead = s.text.slice(0, p.at);
    return /[（(][^）)]*$/.test(lead) || GLOSS_BEFORE.test(s.text.slice(Math.max(0, p.at - 14), p.at));
  };
  return before.filter((p, i) => !glosses(p, i)).pop();
}

// "毛利率由2023年的19.7%降至13.9%": the period after 由/从 dates the starting figure only; the figure the
// change arrives at is of the period the text is about.
const FROM_BEFORE = /[由从]$/;
const ARRIVES = /(?:降|升|增|减|落|涨|跌|提升|提高|下滑|回升|回落|扩大|缩小|收窄|增加|减少|下降|上升|上调|下调|调高|调低|攀升)(?:至|到)/;
// "从72元上调至79元", "从上年的26%提升至33%": the figure after 从/由 is where the change started, not the figure now.
// (One with a period of its own, "从2023年的19.7%", is that period's figure: the period dates it.)
const STARTS_FROM = /[由从][^，,。；;\d]{0,6}$/;
const ARRIVES_NEXT = new RegExp(`^(?:${ARRIVES.source})`);
const startingPoint = (text: string, p: FoundPeriod, at: number): boolean => FROM_BEFORE.test(text.slice(0, p.at)) && ARRIVES.test(text.slice(p.at + p.length, at));

// "而去年同期为盈利2.05亿元": the same period a year before the one the text is about.
const SAME_PERIOD_LAST_YEAR = /(?:去年|上年)同期/;
function yearBefore(p: Period | undefined): Period | undefined {
  const year = p && /^\d{4}/.exec(p.key)?.[0];
  if (!p || !year) return undefined;
  const earlier = String(Number(year) - 1);
  return { key: earlier + p.key.slice(4), label: `${p.label.replace(/（[^）]*）$/, '').replace(year, earlier)}（上年同期）` };
}

// (Nor a time, a total, or a word pointing back: "它们的收入", "该收入".)
const TIME_HEAD = /年|季|月|期|全年|半年|同比|累计|合计|总|^[它他她我你其该这那此各每本]/;
const LINE_WORD = /(?:业务|板块|产品|事业部|事业群|部门|分部)$/;
const LINE_LEAD = /^.*?(?:实现|录得|取得|其中|以及|而)(?=\p{Script=Han}{2})/u;
// A person owns figures of their own (a stake, pay, age); the results of a company are never a person's.
const PERSONAL_MEASURE = /持股|股份|股权|薪|年龄|身家|财富|奖金|报酬|年限/;
// "研发投入占营业收入的比例为5.08%": a share of the measure named after 占 is not that measure.
// ("占总营收的比重从…提升至14.0%": the ratio named anywhere before the figure in its clause.)
const SHARE_RATIO = /占([^，,；;。]{1,16}?)的?(?:比重|比例|份额)/;
const SHARE_OF = /占([^，,；;。]{1,16})(?:的)?(?:比例|比重|份额)?(?:为|是|达到?|约|仅|维持在|超过|升至|降至)?[^，,；;]{0,4}$/;

/** What the sentence leaves for the next one: period, names, year, role, figures. Returns the last person. */
function remember(s: ReadSentence, ctx: Context, state: ParagraphState, figures: FigureFact[]): string | undefined {
  if (s.periods.length) state.inheritedPeriod = s.periods[s.periods.length - 1];
  const years = [...s.text.matchAll(/(\d{4})年/g)].map((x) => Number(x[1]));
  if (years.length) state.lastYear = years[years.length - 1];
  if (s.entities.length) state.lastEntity = s.entities[0]!.canonical;
  const roles = [...s.text.matchAll(new RegExp(ROLES, 'g'))];
  if (roles.length) state.lastRole = canonicalRole(roles[roles.length - 1]![0]);
  state.previousSentenceFigures = figures;
  // 他/她 in the next sentence point back at a person before a product ("贺临川…是典型的“医学出身”。他加入…").
  const subjects = s.entities.map((e) => e.canonical).filter(ctx.isSubjectKind);
  return subjects.filter((e) => ctx.isPerson(e)).pop() ?? subjects.pop();
}

interface Quantity {
  match: RegExpMatchArray;
  at: number;
  clause: string;
  change?: 'up' | 'down';
}

/** Every number with a unit, told apart into figures and changes ("同比增长 105.7%"). */
function quantitiesOf(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const match of text.matchAll(QUANTITY)) {
    const at = match.index!;
    const before = text.slice(0, at);
    const clause = before.slice(Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('；'), before.lastIndexOf(';')) + 1);
    if (match[3] === '年' && Number(match[2]) >= 1000) continue;
    // "分别下降了 21.56%和 27.40%": every percentage of the list is a change.
    const listed = clause.replace(/(-?\d+(?:\.\d+)?%[和、及与])+$/, '');
    const change = CHANGE_BEFORE.exec(listed.replace(/(分别|仅|达|为|是|了|约)+$/, ''));
    const signed = match[3] === '%' ? SIGNED_IN_BRACKETS.exec(before) : null;
    const direction = change ? (RISE.test(change[2]!) ? 'up' : 'down') : signed ? (signed[1] === '+' ? 'up' : 'down') : undefined;
    out.push({ match, at, clause, change: match[3] === '%' ? direction : undefined });
  }
  return out;
}

interface Assigned {
  entity?: string;
  measure?: { measure: MeasureEntry; word: string };
}

/** "A、B、C 的保险业务收入分别为 x、y、z": the k figures after 分别 take the k names (or measures) listed
 * before it, in order; "这两个数字分别是 x 和 y" takes the measures and names of the sentence before. */
function distribute(s: ReadSentence, figures: Quantity[], ctx: Context, state: ParagraphState): Map<Quantity, Assigned> {
  const out = new Map<Quantity, Assigned>();
  const at = s.text.indexOf(RESPECTIVELY);
  if (at < 0) return out;
  const after = figures.filter((q) => q.at > at);
  if (after.length < 2) return out;
  const head = s.text.slice(0, at);
  const names = [...new Set(ctx.find(head).map((e) => e.canonical))];
  const measures = findMeasures(head);
  // The figures referred back to are the paragraph's last ones (a "；" may have ended a sentence between).
  const earlier = state.figures.slice(-after.length);
  after.forEach((q, i) => {
    const assigned: Assigned = {};
    if (names.length >= after.length) assigned.entity = names[names.length - after.length + i];
    if (measures.length >= after.length) assigned.measure = measures[measures.length - after.length + i];
    else if (BACK_REFERENCE.test(head) && earlier.length === after.length && new Set(earlier.map((f) => f.measure)).size === after.length) {
      const f = earlier[i]!;
      assigned.entity ??= f.entity;
      assigned.measure = { measure: findMeasures(f.measureText)[0]?.measure ?? { canonical: f.measure, words: [f.measureText], family: f.measure }, word: f.measureText };
    }
    out.set(q, assigned);
  });
  return out;
}

const isPercent = (unit: string) => /%|百分点/.test(unit);

/** The measure a figure is of: its unit ("个城市"), the noun after it ("4 亿用户"), or the last before it. */
function measureOf(s: ReadSentence, q: Quantity): { measure: MeasureEntry; word: string; isUnit: boolean } | undefined {
  const unit = q.match[3]!;
  const after = s.text.slice(q.at + q.match[0].length, q.at + q.match[0].length + 8);
  const ofUnit = findMeasures(unit).find((x) => x.word === unit);
  if (ofUnit) return { ...ofUnit, isUnit: true };
  const measureAfter = findMeasures(after).find((x) => x.at <= (unit === '%' ? 1 : 0));
  const before = findMeasures(q.clause).at(-1) ?? findMeasures(s.text.slice(0, q.at)).at(-1);
  let found = measureAfter ?? before;
  // "每月超过 7 亿的活跃用户": the period word sits apart from the noun.
  if (found?.measure.canonical === '用户数') {
    const around = q.clause + after;
    const refined = /每月|月活/.test(around) ? '月活' : /每日|日活/.test(around) ? '日活' : undefined;
    if (refined) found = { ...found, word: refined === '月活' ? '月活跃用户' : '日活跃用户', measure: findMeasures(refined)[0]!.measure };
  }
  return found ? { ...found, isUnit: false } : undefined;
}

// "每股净资产8.84元", "每股收益0.62元": a value per share.
const PER_SHARE = /每股/;
// "明显低于手表业务的33.8%": a line named right before the figure.
const LINE_BEFORE_FIGURE = /(\p{Script=Han}{2,8}?(?:业务|板块|分部))的?(?:为|是|达到?|仅为?|约)?$/u;

/** A figure that cannot be of the measure found for it: a ratio's measure for a figure not in %, an
 * amount's for one in % ("长期亏损的…，把成本率从99.4%…" is no loss of 99.4%), and a value per share for
 * anything but the share price (it is not the company's total). */
function misfits(q: Quantity, measure: MeasureEntry | undefined, measureName: string | undefined): boolean {
  const percent = isPercent(q.match[3]!);
  return (
    (measureName !== undefined && ((RATIO_MEASURES.has(measureName) && !percent) || (AMOUNT_MEASURES.has(measureName) && percent))) ||
    (PER_SHARE.test(q.clause) && measure?.family !== familyOf('股价'))
  );
}

function figuresOf(s: ReadSentence, ctx: Context, state: ParagraphState): FigureFact[] {
  const quantities = quantitiesOf(s.text);
  const figures = quantities.filter((q) => !q.change);
  const assigned = distribute(s, figures, ctx, state);
  const out: FigureFact[] = [];
  for (const q of figures) {
    const given = assigned.get(q);
    if (STARTS_FROM.test(s.text.slice(0, q.at)) && ARRIVES_NEXT.test(s.text.slice(q.at + q.match[0].length))) continue;
    const measure = given?.measure ? { ...given.measure, isUnit: false } : measureOf(s, q);
    // A "$" amount names no measure by its unit, and reports use them for everything (capex, a deal, a
    // segment): it is a figure only when its own clause names the measure ("SiPho收入$228M", "收购价$5.4B").
    // So for a price in 元 or a quantity of goods ("86.4GWh", "12万辆"): "每股收益0.5元" is no revenue.
    const namesNoMeasure = q.match[0].includes('$') || UNIT_NAMES_NO_MEASURE.test(q.match[3]!);
    if (namesNoMeasure && !given && !(measure && findMeasures(q.clause).some((m) => m.word === measure.word))) continue;
    // A bare figure continues the paragraph's last measure ("又回升到将近 4900 亿元").
    // (Only in the same kind of unit: "降价 43%" does not continue a sales figure in 亿元.)
    const last = state.figures[state.figures.length - 1];
    const previous = last && isPercent(last.unit) === isPercent(q.match[3]!) ? last : undefined;
    // "拨备覆盖率312.46%": a measure noun the genre does not list names the figure; it continues no earlier
    // measure and takes none from farther back in the sentence.
    const noun = measureNounBefore(q.clause);
    if (!given && noun && !(measure && (noun.endsWith(measure.word) || measure.word.endsWith(noun)))) {
      state.unlistedMeasure = true;
      continue;
    }
    // (After such a figure, a bare one continues it, not the listed measure before it.)
    const measureName = measure?.measure.canonical ?? (state.unlistedMeasure ? undefined : previous?.measure);
    if (misfits(q, measure?.measure, measureName)) continue;
    // A unit-word ("个商圈") reads badly as a label; the measure's name says it. "在指数基金上高于…": the
    // thing named after 在…上/方面 is the line of the measure the figure is about.
    const line = IN_TERMS_OF.exec(q.clause)?.[1];
    const named = (measure?.isUnit ? measure.measure.canonical : measure?.word) ?? previous?.measureText;
    // "奶酪业务收入6.9亿元": a business line's own income is named by the line, as written.
    const head = noun && named && noun !== named && noun.endsWith(named) ? noun.slice(0, -named.length).replace(/(?:实现|录得|取得|的)$/, '') : '';
    // (Any noun phrase before a bare 收入 names a line too: "加盟管理服务及其他收入".)
    const lineHead = head.replace(LINE_LEAD, '');
    const ownLine = LINE_WORD.test(head) || (named === '收入' && [...lineHead].length >= 2 && !TIME_HEAD.test(lineHead)) ? `${lineHead}${named}` : undefined;
    // (A line named right before the figure is the figure's line.)
    const lineRightBefore = LINE_BEFORE_FIGURE.exec(q.clause)?.[1];
    const lineText = ownLine ?? (lineRightBefore && named && !lineRightBefore.includes(named) ? `${lineRightBefore}${named}` : undefined) ?? (line && !findMeasures(line).length && named && !line.includes(named) ? `${line}${named}` : named);
    // "累计融资额达到 $2.05B": a running total is a measure of its own, not this round's or this year's
    // (one "截至" a date already says so in its period).
    const stated = periodBefore(s, q.at) ?? s.periods[0] ?? state.inheritedPeriod;
    // (Not the figure a change from last year arrives at: "从去年同期的11.0%提升至14.0%".)
    const lastYear = SAME_PERIOD_LAST_YEAR.exec(q.clause);
    const ofLastYear = lastYear !== null && !ARRIVES.test(q.clause.slice(lastYear.index));
    const period = ofLastYear ? yearBefore(stated) : stated;
    if (ofLastYear && !period) continue;
    const cumulative = CUMULATIVE.test(q.clause) && lineText && !lineText.startsWith('累计') && !period?.key.endsWith('asof');
    const measureText = cumulative ? `累计${lineText}` : lineText;
    // "A 高于第二名 B 194%": the figure is A's lead over B, not B's.
    const rival = COMPARED_WITH.exec(q.clause) ? s.entities.filter((e) => e.at < q.at).pop() : undefined;
    const before = s.entities.filter((e) => e.at < q.at && (!rival || e.at < q.at - q.clause.length + (COMPARED_WITH.exec(q.clause)?.index ?? 0)));
    const self = ctx.subject !== undefined && SELF_REFERENCE.test(s.text.slice(0, q.at)) ? ctx.subject : undefined;
    const owner = given?.entity ?? (rival ? before.pop()?.canonical : undefined) ?? s.entities.filter((e) => e.at < q.at).pop()?.canonical ?? self ?? state.lastEntity;
    const entity = owner && ctx.isPerson(owner) && measureName && !PERSONAL_MEASURE.test(measureName) ? s.entities.filter((e) => e.at < q.at && !ctx.isPerson(e.canonical)).pop()?.canonical ?? ctx.subject : owner;
    if (!measureName || !measureText || !entity) continue;
    const share = isPercent(q.match[3]!) ? (SHARE_OF.exec(q.clause) ?? SHARE_RATIO.exec(q.clause)) : null;
    if (share && measureText && share[1]!.includes(measure?.word ?? measureText)) continue;
    const fact: FigureFact = {
      id: 'pending',
      type: 'figure',
      entity,
      measure: cumulative ? `累计${measureName}` : measureName,
      measureText,
      value: Number(q.match[2]),
      unit: q.match[3]!,
      qualifier: q.match[1] && !['达到', '高于'].includes(q.match[1]) ? q.match[1] : undefined,
      text: asWritten(s.raw, q.match[0].slice((q.match[1] ?? '').length)),
      period: period ? { key: period.key, label: period.label } : null,
      ...(rival && rival.canonical !== entity ? { object: rival.canonical } : targetAfter(s, q, ctx)),
      source: s.source,
      origin: 'extracted',
    };
    out.push(fact);
    state.figures.push(fact);
    state.unlistedMeasure = false;
  }
  return out;
}

/** "以近 2 亿元收购了米粒基金": a price paid for something names what it bought. */
function targetAfter(s: ReadSentence, q: Quantity, ctx: Context): { object?: string } {
  const after = s.text.slice(q.at + q.match[0].length);
  const deal = PAID_FOR.exec(after);
  const target = deal ? ctx.find(after.slice(deal[0].length, deal[0].length + 16))[0] : undefined;
  return target ? { object: target.canonical } : {};
}
// The verbs of a deal right after its price.
const PAID_FOR = /^(?:的价格|的代价|的价钱)?(?:收购|并购|买下|入股|投资|购入|受让|认购)了?/;

/** The last figure of this sentence between `from` and `to` (where a change stands), if any. */
function ownFigure(s: ReadSentence, figures: FigureFact[], from: number, to: number): FigureFact | undefined {
  let best: { f: FigureFact; at: number } | undefined;
  for (const f of figures) {
    if (f.source.quote !== s.source.quote) continue;
    const at = s.text.lastIndexOf(squeeze(f.text), to);
    if (at >= from && at < to && (!best || at > best.at)) best = { f, at };
  }
  return best?.f;
}

/** Changes ("同比增长 105.7%", "分别下降了 21.56%和 27.40%") attach to the figures they describe; a change
 * with no base figure ("营收下滑了-0.48%") is a fact of its own. */
function changesOf(s: ReadSentence, ctx: Context, state: ParagraphState): FigureFact[] {
  const quantities = quantitiesOf(s.text);
  const changes = quantities.filter((q) => q.change);
  if (!changes.length) return [];
  const firstPeriod = s.periods[0]?.key;
  const figures = state.figures;
  const targets =
    changes.length > 1
      ? figures.slice(-changes.length)
      : [[...figures].reverse().find((f) => !f.change && (!firstPeriod || f.period?.key === firstPeriod)) ?? figures[figures.length - 1]];
  const out: FigureFact[] = [];
  changes.forEach((q, i) => {
    // "营收X，同比增长a%，净利润Y，同比下降b%": a change follows its own figure; only a list of changes
    // with no figure between them ("分别增长a%和b%") goes back to the figures listed before.
    const target = ownFigure(s, figures, changes[i - 1]?.at ?? 0, q.at) ?? targets[i];
    const changeText = asWritten(s.raw, q.match[0]);
    const lead = CHANGE_LEAD.exec(s.text.slice(0, q.at).slice(-10));
    // "（+112%）": with no verb before it, the sign says the direction.
    const sign = lead ? '' : (SIGNED_IN_BRACKETS.exec(s.text.slice(0, q.at))?.[1] ?? '');
    const change = { direction: q.change!, value: Math.abs(Number(q.match[2])), unit: '%', text: `${lead?.[0] ?? ''}${sign}${changeText}` };
    // "毛利率为19.7%。全年出货量86.4GWh，同比增长34.5%": a sentence that names a measure of its own
    // before the change speaks of that measure, not of a figure in a sentence before.
    const ownMeasure = findMeasures(s.text.slice(0, q.at)).at(-1)?.measure;
    // (So does one with a figure of its own before the change, whatever measure the genre knows it by:
    // "每股净资产8.84元。…现金流量净额为57.9亿元，同比增长13.5%".)
    const ownFigureBefore = quantities.some((x) => !x.change && x.at < q.at);
    // (And so does one whose clause names its own noun: "单只手表的物料成本下降了约11%".)
    const targetFamily = target ? familyOf(target.measure.replace(/^累计|增速$/g, '')) : '';
    const clauseNoun = measureNounBefore(s.text.slice(0, q.at).split(/[，,；;]/).pop()!.replace(CHANGE_BEFORE, ''));
    const otherNoun = clauseNoun !== undefined && !findMeasures(clauseNoun).some((m) => familyOf(m.measure.canonical) === targetFamily);
    const elsewhere =
      target !== undefined &&
      target.source.quote !== s.source.quote &&
      (ownFigureBefore || otherNoun || (ownMeasure !== undefined && familyOf(ownMeasure.canonical) !== targetFamily));
    if (target && !target.change && target.source.chunkId === s.source.chunkId && !elsewhere) {
      target.change = change;
      if (target.source.quote !== s.source.quote) target.note = `change from: ${s.source.quote}`;
      return;
    }
    const before = s.text.slice(0, q.at);
    const measure = findMeasures(before).at(-1);
    // (A change of a noun the genre does not list, "物料成本下降了约11%", is no change of a measure before it.)
    if (clauseNoun !== undefined && measure && !findMeasures(clauseNoun).some((m) => m.measure === measure.measure)) return;
    const named = ctx.find(before).filter((e) => !ctx.isPerson(e.canonical) || PERSONAL_MEASURE.test(measure?.measure.canonical ?? '')).pop()?.canonical;
    const entity = named ?? (state.lastEntity && ctx.isPerson(state.lastEntity) ? ctx.subject : state.lastEntity);
    if (!measure || !entity) return;
    const period = periodBefore(s, q.at) ?? state.inheritedPeriod;
    out.push({
      id: 'pending',
      type: 'figure',
      entity,
      measure: `${measure.measure.canonical}增速`,
      measureText: measure.word,
      value: q.change === 'down' ? -Math.abs(Number(q.match[2])) : Number(q.match[2]),
      unit: '%',
      text: changeText,
      period: period ? { key: period.key, label: period.label } : null,
      change,
      source: s.source,
      origin: 'extracted',
    });
  });
  return out;
}

/** The dated events of a sentence: first the event verb nearest its date, its subject the person (or thing)
 * named before the verb; then any other verb with a date of its own. */
function eventsOf(s: ReadSentence, ctx: Context, state: ParagraphState, lastPerson: string | undefined, datedBefore = false): EventFact[] {
  const date = resolveDate(s.text, ctx, state.lastYear);
  if (!date) return [];
  const dateAt = s.text.indexOf(squeeze(date.text));
  const roleBack = ROLE_BACK_REFERENCE.exec(s.text);
  // (Every place a class is stated: "2003年出任…总经理，2019年起担任总裁" states the post class twice.)
  const matches = EVENT_CLASSES.flatMap((rule) => [...s.text.matchAll(everyMatch(rule.stated))].map((em) => ({ rule, em: em as RegExpExecArray, name: rule.name(em as RegExpExecArray) })));
  if (roleBack && state.lastRole) matches.push({ rule: EVENT_CLASSES[1]!, em: roleBack, name: state.lastRole });
  // A sentence may carry two dates ("8月20日晚间…宣布…唐某将于9月1日起出任CEO"): each verb goes with the
  // nearest date before it, and the verb nearest its own date tells the event. A date in the sentence before
  // is near none of them, so there the table's order (most specific class first) decides.
  const ownDate = (at: number) => (datedBefore ? undefined : lastDateBefore(s.text, at));
  const distance = (at: number) => at - (ownDate(at)?.at ?? dateAt);
  if (!datedBefore) matches.sort((a, b) => Math.abs(distance(a.em.index)) - Math.abs(distance(b.em.index)));
  const out: EventFact[] = [];
  for (const { rule, em, name } of matches) {
    const own = ownDate(em.index);
    // "2011年加入岚桥，…，2021年起出任执行总裁": a career told in one sentence has a step per date; after the
    // event nearest its date, each other verb with a date of its own before it is a step too.
    if (out.length && (!own || out.some((e) => e.event === name))) continue;
    const when = own ? resolveDate(s.text.slice(own.at), ctx, state.lastYear, FUTURE_BEFORE.test(s.text.slice(Math.max(0, own.at - 3), own.at))) ?? date : date;
    // A pronoun, or the surname alone (as news writing does), continues the last person named.
    const refersBack = PERSON_PRONOUN.test(s.text) || (lastPerson !== undefined && s.text.includes(lastPerson[0]!));
    const before = s.entities.filter((e) => e.at < em.index);
    const continues = refersBack || (before.length === 0 && ZERO_SUBJECT.test(s.text.slice(0, em.index)));
    const person = before.map((e) => e.canonical).filter(ctx.isSubjectKind).pop() ?? (continues ? lastPerson : undefined);
    const subject = person ?? before.pop()?.canonical;
    if (!subject) continue;
    const object = rule.hasObject ? ctx.find(s.text.slice(em.index + em[0].length, em.index + em[0].length + 16))[0]?.canonical : undefined;
    const announced = ANNOUNCED.test(s.text.slice(0, em.index));
    const event: EventFact = { id: 'pending', type: 'event', entity: subject, object, event: announced ? `宣布${name}` : name, date: when, source: s.source, origin: 'extracted' };
    if (out.some((e) => e.date.iso === event.date.iso)) continue;
    out.push(event);
    if (datedBefore) break;
  }
  return out;
}

/** An undated sentence's event, dated by the lead-in sentence right before it; the quote spans both, as
 * the article writes them, so the date stands in the citation. */
function eventAfterLeadIn(article: Article, s: Sentence, sentence: ReadSentence, ctx: Context, state: ParagraphState, lastPerson: string | undefined): EventFact | null {
  const lead = state.datedLeadIn;
  if (!lead || resolveDate(sentence.text, ctx, state.lastYear)) return null;
  const joined: ReadSentence = { ...sentence, text: `${lead.sentence.text}${sentence.text}`, entities: ctx.find(`${lead.sentence.text}${sentence.text}`) };
  const event = eventsOf(joined, ctx, state, lastPerson, true)[0];
  // The lead-in must only date: its own names would make the subject ambiguous.
  if (!event || lead.sentence.entities.length) return null;
  return { ...event, source: { chunkId: sentence.source.chunkId, quote: article.raw.slice(lead.start, s.start + s.text.length).trim() } };
}

const globalForms = new Map<RegExp, RegExp>();
/** The same pattern, matching everywhere. */
function everyMatch(re: RegExp): RegExp {
  let g = globalForms.get(re);
  if (!g) globalForms.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  return g;
}

/** The last date written before a position ("9月1日" in "…将于9月1日起出任"), a year alone included: a
 * career told year by year ("1989年进入…，2019年起担任总裁") dates each step by its own year. */
function lastDateBefore(text: string, at: number): { at: number } | undefined {
  let last: { at: number } | undefined;
  for (const m of text.slice(0, at).matchAll(DATE_OR_YEAR)) last = { at: m.index! };
  return last;
}
const DATE_OR_YEAR = new RegExp(`${DATE.source}|\\d{4}年(?![前初底度中末])`, 'g');
// "将于9月1日起": a date the sentence looks forward to is in the posting year even after the posting month.
const FUTURE_BEFORE = /将于?|拟于?|预计|计划于?/;

function resolveDate(text: string, ctx: Context, lastYear: number | undefined, ahead = false): EventFact['date'] | null {
  DATE.lastIndex = 0;
  const m = DATE.exec(text);
  if (!m) {
    const y = /(\d{4})年/.exec(text);
    return y ? { iso: y[1]!, text: `${y[1]}年` } : null;
  }
  const month = Number(m[3]);
  const day = m[4] ? Number(m[4]) : undefined;
  if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) return null;
  const { year, resolution } = resolveYear(m, text, ctx, lastYear, month, ahead);
  const pad = (x: number) => String(x).padStart(2, '0');
  const time = day && m[5] ? { time: m[5] } : {};
  return { iso: day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`, text: m[0], resolution, ...time };
}

/** The year of a date written without one: 这一年/次年 from the text before, 去年/今年 and bare months from
 * the posting date. */
function resolveYear(m: RegExpExecArray, text: string, ctx: Context, lastYear: number | undefined, month: number, ahead = false): { year: number; resolution?: string } {
  if (m[1]) return { year: Number(m[1]) };
  if (/这一年|同年|当年/.test(text) && lastYear) return { year: lastYear, resolution: `“这一年”：上文的 ${lastYear} 年` };
  if (m[2] === '次年' && lastYear) return { year: lastYear + 1, resolution: `“次年”：${lastYear} 年的次年` };
  if (m[2] === '去年') return { year: ctx.postedYear - 1, resolution: `“去年”：相对发文日期 ${ctx.postedYear} 年` };
  const year = month <= ctx.postedMonth || ahead ? ctx.postedYear : ctx.postedYear - 1;
  if (ahead && month > ctx.postedMonth) return { year, resolution: `未写年份，文中说“将于”：发文年份 ${year} 年` };
  return { year, resolution: m[2] === '今年' ? `“今年”：发文年份 ${ctx.postedYear}` : `未写年份：取发文日期前最近的 ${year} 年` };
}

/** The figure as it stands in the raw sentence (the article puts spaces around numbers). */
function asWritten(raw: string, squeezed: string): string {
  const pattern = [...squeezed].map((c) => c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('[\\s\\u00a0]*');
  return new RegExp(pattern).exec(raw)?.[0] ?? squeezed;
}
