// Comparisons answered from the fact book: "X 比 Y 高多少", "谁更高", "X 超过 Y 了吗". When both figures are
// facts of the same measure, period and unit, the answer says which is higher, the difference and the ratio,
// shows the arithmetic and cites both sentences. Anything less certain goes on to retrieval, which can quote
// a sentence where the article makes the comparison itself.
import type { QueryAnalysis } from '../question/query.js';
import { familyOf } from '../genre/measures.js';
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

export function compareFacts(book: FactBook, q: QueryAnalysis): Comparison | null {
  if (q.answerType !== 'comparison') return null;
  const pair = sides(book, q);
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
