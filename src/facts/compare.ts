// Comparisons answered from the fact book: "X 比 Y 高多少", "谁更高", "X 超过 Y 了吗". When both figures are
// facts of the same measure, period and unit, the answer says which is higher, the difference and the ratio,
// shows the arithmetic and cites both sentences. Anything less certain goes on to retrieval, which can quote
// a sentence where the article makes the comparison itself.
import type { QueryAnalysis } from '../question/query.js';
import { familyOf, findMeasures, namesNoLine, withoutMeasureWords } from '../genre/measures.js';
import { namesLine } from '../question/line.js';
import { periodAnswers } from '../genre/period.js';
import type { ChunkId, Citation } from '../types.js';
import type { FactBook } from './book.js';
import type { FigureFact } from './schema.js';

export interface Comparison {
  answer: string;
  citations: Citation[];
  facts: FigureFact[];
}

// Units whose figures subtract: shares in percentage points, amounts in their own unit.
const PERCENT = '%';

/** The two figures compared: two entities with one measure (and period), or one entity in two periods. */
function sides(book: FactBook, q: QueryAnalysis): [FigureFact, FigureFact] | null {
  if (!q.measures.length) return null;
  const family = familyOf(q.measures[0]!.canonical);
  const figures = book.facts.filter((f): f is FigureFact => f.type === 'figure' && familyOf(f.measure) === family && !f.measure.endsWith('增速'));
  const pick = (entity: string, period?: QueryAnalysis['periods'][number]) => {
    const own = figures.filter((f) => f.entity === entity && (!period || (f.period && periodAnswers(period, f.period))));
    // One figure only: several (other periods, other lines) would make the answer a guess.
    return own.length === 1 ? own[0]! : null;
  };
  if (q.entities.length >= 2 && q.periods.length <= 1) {
    const a = pick(q.entities[0]!, q.periods[0]);
    const b = pick(q.entities[1]!, q.periods[0]);
    return a && b && samePeriod(a, b) ? [a, b] : null;
  }
  // "2024年毛利率跟2023年比掉了多少": with no one named, the one owner with a figure for both periods.
  const owners = q.entities.length ? q.entities.slice(0, 1) : [...new Set(figures.map((f) => f.entity))];
  if (q.entities.length <= 1 && q.periods.length === 2) {
    const pairs = owners.map((e) => [pick(e, q.periods[0]), pick(e, q.periods[1])] as const).filter((p): p is [FigureFact, FigureFact] => p[0] !== null && p[1] !== null);
    return pairs.length === 1 ? pairs[0]! : null;
  }
  return null;
}

const samePeriod = (a: FigureFact, b: FigureFact) => (a.period?.key ?? '') === (b.period?.key ?? '');
const round = (x: number) => Math.round(x * 100) / 100;
const label = (f: FigureFact) => `${f.entity}${f.period ? ` ${f.period.label}` : ''}的${f.measureText}`;

// "奶酪和低温鲜奶哪块长得更快", "归母净利润和扣非净利润哪个快": two lines (or two measures) of one company.
const TWO_SIDES = /(\p{Script=Han}{2,10}?)(?:和|跟|与|同|、)(\p{Script=Han}{2,10})(?=这两|两块|两个|哪|谁|相比|比|差)/u;
// A period the question opens a side with ("前三季度利润") is the period, not the line.
const PERIOD_LEAD = /^(?:\d{4}年)?(?:前三季度|上半年|下半年|全年|第?[一二三四]季度|今年|去年)/;
// The question weighs how fast each grew rather than how big each is.
const GROWTH_ASKED = /长得|涨得|增长|增速|增幅|跑得/;

/** The figures of two lines (or measures) of one owner in one period, and whether growth is compared. */
function lineSides(book: FactBook, q: QueryAnalysis): { pair: [FigureFact, FigureFact]; growth: boolean } | null {
  const m = TWO_SIDES.exec(q.core);
  if (!m) return null;
  const names = q.entities.flatMap((e) => q.entityNames.get(e) ?? [e]);
  const side = (raw: string) =>
    names
      .reduce((t, n) => t.split(n).join(''), raw)
      .replace(PERIOD_LEAD, '')
      .replace(/的?(?:增速|增幅|增长)?的?$/, '');
  const [a, b] = [side(m[1]!), side(m[2]!)];
  const growth = GROWTH_ASKED.test(q.core);
  const figures = book.facts.filter(
    (f): f is FigureFact => f.type === 'figure' && !f.measure.endsWith('增速') && (!q.entities.length || q.entities.includes(f.entity)) && (!growth || f.change !== undefined),
  );
  const linePart = (f: FigureFact) => withoutMeasureWords(f.measureText);
  // A side names a measure of its own ("扣非净利润", "利润": the whole company's figure of that family) or a
  // line ("奶酪" of 奶酪业务收入).
  const named = (side: string) => {
    const measure = findMeasures(side)[0]?.measure.canonical;
    const family = measure ? familyOf(measure) : undefined;
    const line = withoutMeasureWords(side) || side;
    return (f: FigureFact) => (family !== undefined && family === familyOf(f.measure) && namesNoLine(f.measureText)) || (linePart(f) !== '' && namesLine(linePart(f), line));
  };
  const inPeriod = (f: FigureFact) => !q.periods.length || (f.period !== null && q.periods.some((p) => periodAnswers(p, f.period!)));
  const left = figures.filter(named(a)).filter(inPeriod);
  const right = figures.filter(named(b)).filter(inPeriod);
  const pairs = left.flatMap((x) => right.filter((y) => y !== x && samePeriod(x, y) && x.entity === y.entity && (growth || x.unit === y.unit)).map((y) => [x, y] as [FigureFact, FigureFact]));
  return pairs.length === 1 ? { pair: pairs[0]!, growth } : null;
}

/** Which of two lines grew faster, from the changes the article gives (signed by direction). */
function compareGrowth(a: FigureFact, b: FigureFact): Comparison {
  const signed = (f: FigureFact) => (f.change!.direction === 'down' ? -f.change!.value : f.change!.value);
  const diff = round(signed(a) - signed(b));
  const [fast, slow] = diff >= 0 ? [a, b] : [b, a];
  const verdict = diff === 0 ? '两者增速相同' : `${label(fast)}增长更快，增速比${label(slow)}高 ${round(Math.abs(diff))} 个百分点`;
  return {
    answer: `${label(a)}：${a.text}（${a.change!.text}）；${label(b)}：${b.text}（${b.change!.text}）。${verdict}（${signed(fast)}% − ${signed(slow)}% = ${round(Math.abs(diff))}个百分点）。`,
    citations: dedupe([a, b].map((f) => ({ id: f.source.chunkId as ChunkId, quote: f.source.quote }))),
    facts: [a, b],
  };
}

export function compareFacts(book: FactBook, q: QueryAnalysis): Comparison | null {
  if (q.answerType !== 'comparison') return null;
  const ofNames = sides(book, q);
  const lines = ofNames ? null : lineSides(book, q);
  if (lines?.growth) return compareGrowth(...lines.pair);
  const pair = ofNames ?? lines?.pair;
  if (!pair) return null;
  const [a, b] = pair;
  if (a.unit !== b.unit) return null;
  const diff = round(a.value - b.value);
  const higher = diff === 0 ? null : diff > 0 ? a : b;
  const lower = higher === a ? b : a;
  const unit = a.unit === PERCENT ? ' 个百分点' : ` ${a.unit}`;
  // The arithmetic reads larger minus smaller, so the difference it shows is the one the verdict states.
  const [big, small] = higher === b ? [b, a] : [a, b];
  const arithmetic = `${big.text} − ${small.text} = ${round(Math.abs(diff))}${unit.trim()}`;
  const ratio = small.value !== 0 && a.unit !== PERCENT ? `，约为 ${round(big.value / small.value)} 倍` : '';
  const verdict = higher ? `${label(higher)}更高，比${label(lower)}高 ${round(Math.abs(diff))}${unit}` : '两者相同';
  return {
    answer: `${label(a)}：${a.text}；${label(b)}：${b.text}。${verdict}（${arithmetic}${ratio}）。`,
    citations: dedupe([a, b].map((f) => ({ id: f.source.chunkId as ChunkId, quote: f.source.quote }))),
    facts: [a, b],
  };
}

function dedupe(cs: Citation[]): Citation[] {
  const seen = new Set<string>();
  return cs.filter((c) => (seen.has(c.quote) ? false : (seen.add(c.quote), true)));
}
