// Follow-up questions in a conversation ("那2023年呢？", "净利润呢？", "what about 2023?"): what the new
// question leaves out — the entity, the period, the measure — is taken from the previous question, and the
// answer says so.
import type { Article } from '../corpus/article.js';
import { mentionCounts, mostNamed } from '../corpus/prominent.js';
import type { QueryAnalysis } from '../question/query.js';
import { PERSON_PRONOUN } from '../text/function-words.js';

export interface FollowUp {
  /** The question to answer, with the omitted parts filled in. */
  question: string;
  /** What was taken from the previous question, for the answer to state. */
  assumed: string[];
  /** A pronoun read as the article's protagonist (no earlier question to lean on). */
  pronoun?: string;
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

/** The person an article follows: named PROTAGONIST_LEAD times as often as anyone else (a leadership-change
 * story is about the one who takes over). */
export function protagonist(article: Article): string | undefined {
  const [first] = mentionCounts(article, 'person');
  // (Or the one the headline names, if named most: the old leader is often named nearly as much.)
  const headline = `${article.meta.title}\n${article.paragraphs[0]?.text ?? ''}`;
  const headlined = first !== undefined && article.entities.find(headline).some((m) => m.canonical === first[0]);
  return headlined ? first[0] : mostNamed(article, 'person', PROTAGONIST_LEAD);
}
const PROTAGONIST_LEAD = 2;
// A pronoun that opens the question ("他哪年进的…", "她之前在哪"): with nothing before it in the
// conversation, it can only mean the person the article follows.
// (Not 他们: a group, most often the company reported on, is no protagonist.)
const OPENING_PRONOUN = new RegExp(`^\\s*(?:那|那么)?(${PERSON_PRONOUN.source})(?!们)`);

/** "他哪年进的北岭" with no earlier question: the pronoun read as the article's protagonist, said so. */
export function pronounReading(current: QueryAnalysis, article: Article): FollowUp | null {
  if (current.people.length) return null;
  const m = OPENING_PRONOUN.exec(current.normalized);
  const who = m ? protagonist(article) : undefined;
  if (!m || !who) return null;
  return { question: current.normalized.replace(m[1]!, who), assumed: [who], pronoun: m[1]! };
}
