// Follow-up questions in a conversation ("那2023年呢？", "净利润呢？", "what about 2023?"): what the new
// question leaves out — the entity, the period, the measure — is taken from the previous question, and the
// answer says so.
import type { QueryAnalysis } from '../question/query.js';

export interface FollowUp {
  /** The question to answer, with the omitted parts filled in. */
  question: string;
  /** What was taken from the previous question, for the answer to state. */
  assumed: string[];
}

// A question that leans on the one before: it opens with 那/那么/and/what about, or ends with 呢.
const ELLIPTICAL = /^(?:那么?|还有|and\b|what about\b|how about\b)|呢\s*[？?]?\s*$/i;

/** Fills what `current` omits from `previous`; null when the question stands on its own. */
export function followUp(current: QueryAnalysis, previous: QueryAnalysis | undefined): FollowUp | null {
  if (!previous) return null;
  const elliptical = ELLIPTICAL.test(current.normalized.trim());
  const lacksEntity = current.entities.length === 0 && previous.entities.length > 0;
  if (!elliptical && !(lacksEntity && (current.measures.length > 0 || current.periods.length > 0))) return null;
  const assumed: string[] = [];
  const parts: string[] = [];
  if (lacksEntity) {
    parts.push(...previous.entities);
    assumed.push(...previous.entities);
  }
  const lacksPeriod = current.periods.length === 0 && previous.periods.length > 0 && (current.measures.length > 0 || lacksEntity);
  if (lacksPeriod) {
    parts.push(...previous.periods.map((p) => p.label.replace(/（.*?）/g, '')));
    assumed.push(...previous.periods.map((p) => p.label));
  }
  const body = current.normalized.replace(ELLIPTICAL, '').replace(/[？?。.!！\s]+$/, '');
  const lacksMeasure = current.measures.length === 0 && previous.measures.length > 0 && !current.asksWhen;
  const tail = lacksMeasure ? `的${previous.measures[0]!.canonical}是多少？` : /多少|什么|谁|哪|吗|如何|怎么/.test(body) ? '？' : '的情况？';
  if (lacksMeasure) assumed.push(previous.measures[0]!.canonical);
  if (!assumed.length) return null;
  return { question: `${parts.join(' ')} ${body}${tail}`.trim(), assumed };
}
