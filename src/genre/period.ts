// Periods and dates as the article and questions write them. The article was posted 2025-04-23, so
// "今年" is 2025 and "去年" 2024; the posting year is passed in rather than assumed.
import { z } from 'zod';
import { remembered } from '../text/normalize.js';

export const PeriodSchema = z.object({
  /** Machine key: "2024", "2024H1", "2024Q1-3", "2024-end", "2020-08-asof", "2025-02-05", "2020-04". */
  key: z.string().min(4),
  /** How a person reads it: "2024 年前三季度". */
  label: z.string().min(1),
});
export type Period = z.infer<typeof PeriodSchema>;

export interface FoundPeriod extends Period {
  at: number;
  length: number;
}

const pad = (n: string | number) => String(n).padStart(2, '0');

/** Every period expression in a text (spaces already removed), in order of appearance. */
// When the posting month is given, a quarter or half written with no year ("单看第二季度", "上半年") is the
// year's own, said earlier in the text ("2024年全年…，其中第四季度…"), or else the latest one ended before
// posting: a report is written after the period it reports.
export function findPeriods(text: string, postedYear: number, postedMonth?: number): FoundPeriod[] {
  // The same sentences are read for each question: remember (copies, so callers may not share state).
  return remembered(periodMemo, `${postedYear}-${postedMonth ?? ''}\u0000${text}`, () => findPeriodsNow(text, postedYear, postedMonth)).map((p) => ({ ...p }));
}
const periodMemo = new Map<string, FoundPeriod[]>();

// (明年 is a year ahead: plans and targets are dated by it.)
const relativeYear = (word: string, postedYear: number): number => (word === '明年' ? postedYear + 1 : postedYear - ['今年', '去年', '前年'].indexOf(word));

/** Rules for a quarter or half written with no year, when the posting month is known. */
function barePeriodRules(text: string, postedYear: number, postedMonth: number | undefined): [RegExp, (m: RegExpExecArray) => Period | null][] {
  // (The year of a bare part of a year: the last one written before it, else the latest ended.)
  const yearOf = (at: number, lastMonth: number): number => {
    const said = [...text.slice(0, at).matchAll(/(\d{4})年/g)].pop()?.[1];
    return said ? Number(said) : lastMonth <= (postedMonth ?? 0) ? postedYear : postedYear - 1;
  };
  return postedMonth === undefined ? [] : [
    // (Not a count of quarters: "连续四个季度".)
    [/(?<![\d年季个])(?:第([一二三四1-4])(?:个)?|([一二三四]))季度/g, (m) => {
      const n = '一二三四'.indexOf(m[1] ?? m[2]!) + 1 || Number(m[1]);
      const year = yearOf(m.index, n * 3);
      return { key: `${year}Q${n}`, label: `${year} 年第${n}季度` };
    }],
    [/(?<![\d年])前三(?:个)?季度/g, (m) => ({ key: `${yearOf(m.index, 9)}Q1-3`, label: `${yearOf(m.index, 9)} 年前三季度` })],
    [/(?<![\d年])上半年/g, (m) => ({ key: `${yearOf(m.index, 6)}H1`, label: `${yearOf(m.index, 6)} 年上半年` })],
  ];
}

function findPeriodsNow(text: string, postedYear: number, postedMonth?: number): FoundPeriod[] {
  const out: FoundPeriod[] = [];
  const bare = barePeriodRules(text, postedYear, postedMonth);
  const rules: [RegExp, (m: RegExpExecArray) => Period | null][] = [
    // A span of quarters: "从 2023 年 Q3 到 2024 年 Q1".
    [/(\d{4})年?[Qq]([1-4])到(\d{4})年?[Qq]([1-4])/g, (m) => ({ key: `${m[1]}Q${m[2]}-${m[3]}Q${m[4]}`, label: `${m[1]} 年 Q${m[2]} 到 ${m[3]} 年 Q${m[4]}` })],
    // A part of a year named relative to the posting date: "今年三季度", "去年上半年", "今年前三季度".
    [/(今年|去年|前年)(?:的)?(?:第)?([一二三四1-4])(?:个)?季度/g, (m) => {
      const year = relativeYear(m[1]!, postedYear);
      const n = '一二三四'.indexOf(m[2]!) + 1 || Number(m[2]);
      return { key: `${year}Q${n}`, label: `${year} 年第${n}季度（${m[1]}）` };
    }],
    [/(今年|去年|前年)(?:的)?(前三(?:个)?季度|上半年|下半年)/g, (m) => {
      const year = relativeYear(m[1]!, postedYear);
      const part = m[2]!.startsWith('前三') ? 'Q1-3' : m[2] === '上半年' ? 'H1' : 'H2';
      return { key: `${year}${part}`, label: `${year} 年${m[2]!.startsWith('前三') ? '前三季度' : m[2]}（${m[1]}）` };
    }],
    [/(\d{4})年?(?:的)?前三(?:个)?季度/g, (m) => ({ key: `${m[1]}Q1-3`, label: `${m[1]} 年前三季度` })],
    [/(\d{4})年?(?:的)?上半年/g, (m) => ({ key: `${m[1]}H1`, label: `${m[1]} 年上半年` })],
    [/(\d{4})年?(?:的)?下半年/g, (m) => ({ key: `${m[1]}H2`, label: `${m[1]} 年下半年` })],
    [/(\d{4})年?(?:的)?第([一二三四1-4])(?:个)?季度/g, (m) => {
      const n = '一二三四'.indexOf(m[2]!) + 1 || Number(m[2]);
      return { key: `${m[1]}Q${n}`, label: `${m[1]} 年第${n}季度` };
    }],
    [/(\d{4})年?(?:的)?([一二三四])季度末?/g, (m) => {
      const n = '一二三四'.indexOf(m[2]!) + 1;
      return { key: `${m[1]}Q${n}`, label: `${m[1]} 年第${n}季度` };
    }],
    [/(\d{4})年?[Qq]([1-4])/g, (m) => ({ key: `${m[1]}Q${m[2]}`, label: `${m[1]} 年第${m[2]}季度` })],
    [/(?:截至|截止|到)(\d{4})年(\d{1,2})月(?:为止|底)?/g, (m) => ({ key: `${m[1]}-${pad(m[2]!)}-asof`, label: `截至 ${m[1]} 年 ${Number(m[2])} 月` })],
    [/(\d{4})年(?:的时候)?(?:底|末|终)/g, (m) => ({ key: `${m[1]}-end`, label: `${m[1]} 年底` })],
    [/(\d{4})年(\d{1,2})月(\d{1,2})日/g, (m) => ({ key: `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`, label: `${m[1]} 年 ${Number(m[2])} 月 ${Number(m[3])} 日` })],
    [/(\d{4})年(\d{1,2})月/g, (m) => ({ key: `${m[1]}-${pad(m[2]!)}`, label: `${m[1]} 年 ${Number(m[2])} 月` })],
    // "今年2月5日", "去年12月": a date in a year named relative to the posting date.
    [/(今年|去年)(\d{1,2})月(?:(\d{1,2})[日号])?/g, (m) => {
      const year = relativeYear(m[1]!, postedYear);
      return m[3] ? { key: `${year}-${pad(m[2]!)}-${pad(m[3])}`, label: `${year} 年 ${Number(m[2])} 月 ${Number(m[3])} 日（${m[1]}）` } : { key: `${year}-${pad(m[2]!)}`, label: `${year} 年 ${Number(m[2])} 月（${m[1]}）` };
    }],
    // Fiscal years as reports write them: "FY2025", "2024财年".
    [/FY(\d{4})|(\d{4})\s*财年/g, (m) => ({ key: m[1] ?? m[2]!, label: `${m[1] ?? m[2]} 财年` })],
    [/(\d{4})(?:年(?:全年|度)?|全年)/g, (m) => ({ key: m[1]!, label: `${m[1]} 年` })],
    [/去年[Qq]([1-4])/g, (m) => ({ key: `${postedYear - 1}Q${m[1]}`, label: `${postedYear - 1} 年第${m[1]}季度（去年）` })],
    [/(?:去年|上年)同期/g, () => null],
    // "与去年相比增长了 29.02%" compares with last year; it does not date the figure.
    [/(?:与|较|相较于|相比|比)(?:去年|上年)(?:相比)?/g, () => null],
    [/去年(?:全年)?/g, () => ({ key: String(postedYear - 1), label: `${postedYear - 1} 年（去年）` })],
    [/今年(?:全年)?/g, () => ({ key: String(postedYear), label: `${postedYear} 年（今年）` })],
    [/明年(?:全年)?/g, () => ({ key: String(postedYear + 1), label: `${postedYear + 1} 年（明年）` })],
    [/上年/g, () => null],
    ...bare,
  ];
  const taken: boolean[] = [];
  for (const [re, make] of rules) {
    for (const m of text.matchAll(re)) {
      const at = m.index;
      if (taken.slice(at, at + m[0].length).some(Boolean)) continue;
      // "增速较一季度明显加快", "比2023年增长": in an article's sentence the period compared with dates
      // nothing (a question may ask about both).
      // ("较2023年的6.2亿元" still dates the figure it introduces.)
      const compared = postedMonth !== undefined && COMPARED_WITH.test(text.slice(Math.max(0, at - 4), at)) && !/^的?[-\d]/.test(text.slice(at + m[0].length));
      const p = compared ? null : make(m as unknown as RegExpExecArray);
      for (let i = at; i < at + m[0].length; i++) taken[i] = true;
      if (p) out.push({ ...p, at, length: m[0].length });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

const COMPARED_WITH = /(?:较|比|相较于?|相比于?|对比|环比)$/;

/** The periods a question asks about: 去年/今年 read against the posting year, "2024全年" as the year. */
// "22年前三季度", "23年的营收", "24年底": a year typed with two digits, where a period or the thing measured
// follows (not a span of years: "干了22年").
const SHORT_YEAR = /(?<![\d.年])(\d{2})年(?=前|上半|下半|全年|底|末|初|第|[一二三四]季度|[Qq][1-4]|的|度|[0-9]{1,2}月|\p{Script=Han}{0,3}(?:营收|收入|利润|净利|业绩|亏损|盈利|市值|估值))/gu;
/** Two-digit years written out in full: the century that puts the year at most a few years past posting. */
export function expandShortYears(text: string, postedYear: number): string {
  return text.replace(SHORT_YEAR, (whole, yy: string) => {
    const year = 2000 + Number(yy) <= postedYear + SHORT_YEAR_AHEAD ? 2000 + Number(yy) : 1900 + Number(yy);
    return `${year}年`;
  });
}
/** How far past the posting year a two-digit year may point (plans and targets: "27年上市"). */
const SHORT_YEAR_AHEAD = 5;

export function periodsAskedIn(question: string, postedYear: number, postedMonth = 12): readonly FoundPeriod[] {
  // (Article sentences and their clauses are read this way question after question: remembered.)
  return remembered(askedMemo, `${postedYear}-${postedMonth}|${question}`, () => periodsAskedNow(question, postedYear, postedMonth));
}
const askedMemo = new Map<string, FoundPeriod[]>();
function periodsAskedNow(question: string, postedYear: number, postedMonth: number): FoundPeriod[] {
  // A quarter asked with no year ("三季度营收", "Q3") is the latest one ended before the posting date.
  const yearOf = (q: number) => (q * 3 <= postedMonth ? postedYear : postedYear - 1);
  const dated = question
    .replace(/\s+/g, '')
    .replace(/去年(?!同期)/g, `${postedYear - 1}年`)
    .replace(/今年/g, `${postedYear}年`)
    .replace(/明年/g, `${postedYear + 1}年`)
    // "头三个季度", "前3季度": the first three quarters however they are counted.
    .replace(/(?:头|前)(?:三|3)个?季度/g, '前三季度')
    .replace(/(?<![\d年第前])([一二三四])季度/g, (_, n: string) => `${yearOf(' 一二三四'.indexOf(n))}年${n}季度`)
    .replace(/(?<![\d年])第([一二三四1-4])(?:个)?季度/g, (_, n: string) => `${yearOf(/\d/.test(n) ? Number(n) : ' 一二三四'.indexOf(n))}年第${n}季度`)
    // So is a bare first half or first three quarters (the latest ended: a report is posted after it).
    .replace(/(?<![\d年])上半年/g, () => `${yearOf(2)}年上半年`)
    .replace(/(?<![\d年])前三季度/g, () => `${yearOf(3)}年前三季度`)
    .replace(/(?<![\d年])[Qq]([1-4])(?!\d)/g, (_, n: string) => `${yearOf(Number(n))}Q${n}`);
  return findPeriods(dated, postedYear);
}

/** True when a period stated in the evidence answers a period asked: the same one, or for a whole year a
 * date or year-end inside it. A part of the year (前三季度, 上半年, a quarter) does not answer for the year. */
export function periodAnswers(asked: Period, stated: Period): boolean {
  if (asked.key === stated.key) return true;
  // A month asked ("2月") is answered by a day in it ("2月5日").
  if (/^\d{4}-\d{2}$/.test(asked.key) && /^\d{4}-\d{2}-\d{2}$/.test(stated.key)) return stated.key.startsWith(asked.key);
  return /^\d{4}$/.test(asked.key) && (stated.key === `${asked.key}-end` || /^\d{4}-\d{2}(-\d{2})?$/.test(stated.key)) && stated.key.startsWith(asked.key);
}
