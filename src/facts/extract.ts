// A pass over the article's sentences that turns figures and dated events into facts. It attaches entity,
// measure and period from the sentence and the sentences before it in the paragraph. What it gets wrong is
// corrected in the corpus folder's facts.overrides.json, reviewed by a person.
import type { Article } from '../corpus/article.js';
import { chunkOfOffset } from '../answer/cite.js';
import { tightenSpacing } from '../text/normalize.js';
import { EVENT_CLASSES } from './events.js';
import { findMeasures } from './measures.js';
import { findPeriods, type FoundPeriod } from './period.js';
import type { EventFact, Fact, FigureFact } from './schema.js';

// Spaces go, except between Latin words ("Russell Ellwanger" stays a name).
const squeeze = (s: string) => tightenSpacing(s).replace(/(?<![A-Za-z])\s+|\s+(?![A-Za-z])/g, '');

// A number with the unit the article writes after it. Four-digit years followed by 年 are dates, not figures.
const QUANTITY =
  /(近|超过|约|不到|将近|仅|达到|高于)?(-?\d+(?:\.\d+)?)(亿元|亿人民币|亿部|亿|万名|万笔|万|%|笔|个城市|个商圈|年(?![前初底度\d])|天)/g;
const CHANGE_BEFORE = /(同比)?(增长|上升|回升|提升|下降|下滑|减少|收缩)了?$/;
const DATE = /(?:(\d{4})年|(次年|今年|去年))?(\d{1,2})月(?:(\d{1,2})日)?/g;
interface Context {
  postedYear: number;
  postedMonth: number;
}

export function extractFacts(article: Article): Fact[] {
  const findEntities = (t: string) => article.entities.find(t);
  // People (and named products) are the subjects of dated events.
  const isPersonOrProduct = (e: string) => ['person', 'product'].includes(article.entities.get(e)?.kind ?? '');
  const [y, m] = article.meta.published.split('-').map(Number);
  const ctx: Context = { postedYear: y!, postedMonth: m! };
  const facts: Fact[] = [];
  let n = 0;
  let lastPerson: string | undefined;
  for (const p of article.paragraphs) {
    let inheritedPeriod: FoundPeriod | undefined;
    let lastEntity: string | undefined;
    let lastYear: number | undefined;
    const paragraphFigures: FigureFact[] = [];
    for (const s of p.sentences) {
      const text = squeeze(s.text);
      const periods = findPeriods(text, ctx.postedYear);
      const entities = findEntities(text);
      const chunk = chunkOfOffset(article, s.start);
      if (!chunk) continue;
      const source = { chunkId: chunk.id as string, quote: s.text.trim() };

      // Figures.
      const pendingChanges: { m: RegExpMatchArray; direction: 'up' | 'down' }[] = [];
      for (const q of text.matchAll(QUANTITY)) {
        const at = q.index!;
        const before = text.slice(0, at);
        const clauseStart = Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('；'), before.lastIndexOf(';'));
        const clause = before.slice(clauseStart + 1);
        const value = Number(q[2]);
        const unit = q[3]!;
        if (unit === '年' && value >= 1000) continue;
        // "分别下降了 21.56%和 27.40%": every percentage of the list is a change.
        const listed = clause.replace(/(-?\d+(?:\.\d+)?%[和、及与])+$/, '');
        const change = CHANGE_BEFORE.exec(listed.replace(/(分别|仅|达|为|是|了|约)+$/, ''));
        if (unit === '%' && change) {
          pendingChanges.push({ m: q, direction: /增长|上升|回升|提升/.test(change[2]!) ? 'up' : 'down' });
          continue;
        }
        const after = text.slice(at + q[0].length, at + q[0].length + 8);
        // A count followed by its noun ("4 亿用户", "4000 万合作商家") names its measure after the number.
        const measureAfter = findMeasures(after).find((x) => x.at <= (unit === '%' ? 1 : 0));
        const measureOfUnit = findMeasures(unit).find((x) => x.word === unit);
        const measuresBefore = findMeasures(clause);
        let measure = measureOfUnit ?? measureAfter ?? measuresBefore[measuresBefore.length - 1] ?? findMeasures(before).pop();
        // "每月超过 7 亿的活跃用户": the period word sits apart from the noun.
        if (measure?.measure.canonical === '用户数') {
          const around = clause + after;
          const refined = /每月|月活/.test(around) ? '月活' : /每日|日活/.test(around) ? '日活' : undefined;
          if (refined) measure = { ...measure, word: refined === '月活' ? '月活跃用户' : '日活跃用户', measure: findMeasures(refined)[0]!.measure };
        }
        // A bare figure continues the paragraph's last measure ("又回升到将近 4900 亿元").
        const previous = paragraphFigures[paragraphFigures.length - 1];
        const measureName = measure?.measure.canonical ?? previous?.measure;
        // A unit-word ("个商圈") reads badly as a label; the measure's name says it.
        const measureText = (measure === measureOfUnit ? measure?.measure.canonical : measure?.word) ?? previous?.measureText;
        if (!measureName || !measureText) continue;
        const entityHere = entities.filter((e) => e.at < at).pop()?.canonical;
        const entity = entityHere ?? lastEntity;
        if (!entity) continue;
        const periodHere = periods.filter((x) => x.at < at).pop() ?? periods[0];
        const period = periodHere ?? inheritedPeriod;
        const fact: FigureFact = {
          id: `F${String(++n).padStart(3, '0')}`,
          type: 'figure',
          entity,
          measure: measureName,
          measureText,
          value,
          unit,
          qualifier: q[1] && !['达到', '高于'].includes(q[1]) ? q[1] : undefined,
          text: asWritten(s.text, q[0].slice((q[1] ?? '').length)),
          period: period ? { key: period.key, label: period.label } : null,
          source,
          origin: 'extracted',
        };
        facts.push(fact);
        paragraphFigures.push(fact);
      }
      // Changes ("同比增长 105.7%", "分别下降了 21.56%和 27.40%") attach to the figures they describe.
      if (pendingChanges.length) {
        const firstPeriod = periods[0]?.key;
        const targets =
          pendingChanges.length > 1
            ? paragraphFigures.slice(-pendingChanges.length)
            : [
                [...paragraphFigures].reverse().find((f) => !f.change && (!firstPeriod || f.period?.key === firstPeriod)) ??
                  paragraphFigures[paragraphFigures.length - 1],
              ];
        pendingChanges.forEach(({ m, direction }, i) => {
          const target = targets[i];
          const changeText = asWritten(s.text, m[0]);
          const lead = /(同比)?(增长|上升|回升|提升|下降|下滑|减少)了?/.exec(squeeze(s.text).slice(0, m.index!).slice(-10));
          const change = { direction, value: Math.abs(Number(m[2])), unit: '%', text: `${lead?.[0] ?? ''}${changeText}` };
          if (target && !target.change && target.source.chunkId === source.chunkId) {
            target.change = change;
            if (target.source.quote !== source.quote) target.note = `change from: ${source.quote}`;
          } else {
            // A change with no base figure ("营收下滑了-0.48%") is a fact of its own.
            const before = squeeze(s.text).slice(0, m.index!);
            const measure = findMeasures(before).pop();
            const entity = findEntities(before).pop()?.canonical ?? lastEntity;
            if (!measure || !entity) return;
            const period = periods.filter((x) => x.at < m.index!).pop() ?? inheritedPeriod;
            facts.push({
              id: `F${String(++n).padStart(3, '0')}`,
              type: 'figure',
              entity,
              measure: `${measure.measure.canonical}增速`,
              measureText: measure.word,
              value: direction === 'down' ? -Math.abs(Number(m[2])) : Number(m[2]),
              unit: '%',
              text: changeText,
              period: period ? { key: period.key, label: period.label } : null,
              change,
              source,
              origin: 'extracted',
            });
          }
        });
      }

      // Dated events.
      const date = resolveDate(text, ctx, lastYear);
      const dateAt = date ? text.indexOf(squeeze(date.text)) : -1;
      const matches = EVENT_CLASSES.map((rule) => ({ rule, em: rule.stated.exec(text) }))
        .filter((x): x is { rule: (typeof EVENT_CLASSES)[number]; em: RegExpExecArray } => x.em !== null)
        .sort((a, b) => Math.abs(a.em.index - dateAt) - Math.abs(b.em.index - dateAt));
      for (const { rule, em } of date ? matches : []) {
        // A pronoun, or the surname alone (as news writing does), continues the last person named.
        const refersBack = /[他她]/.test(text) || (lastPerson !== undefined && text.includes(lastPerson[0]!));
        const person = entities.filter((e) => e.at < em.index).map((e) => e.canonical).filter(isPersonOrProduct).pop() ?? (refersBack ? lastPerson : undefined);
        const subject = person ?? entities.filter((e) => e.at < em.index).pop()?.canonical;
        if (!subject) continue;
        const objectMatch = rule.hasObject ? findEntities(text.slice(em.index + em[0].length, em.index + em[0].length + 16))[0]?.canonical : undefined;
        if (!date) break;
        const ev: EventFact = {
          id: `E${String(++n).padStart(3, '0')}`,
          type: 'event',
          entity: subject,
          object: objectMatch,
          event: rule.name(em as RegExpExecArray),
          date,
          source,
          origin: 'extracted',
        };
        facts.push(ev);
        break;
      }

      if (periods.length) inheritedPeriod = periods[periods.length - 1];
      const years = [...text.matchAll(/(\d{4})年/g)].map((x) => Number(x[1]));
      if (years.length) lastYear = years[years.length - 1];
      if (entities.length) lastEntity = entities[0]!.canonical;
      const persons = entities.map((e) => e.canonical).filter(isPersonOrProduct);
      if (persons.length) lastPerson = persons[persons.length - 1];
    }
  }
  return facts;
}


function resolveDate(text: string, ctx: Context, lastYear: number | undefined): EventFact['date'] | null {
  DATE.lastIndex = 0;
  const m = DATE.exec(text);
  if (!m) {
    const y = /(\d{4})年/.exec(text);
    return y ? { iso: y[1]!, text: `${y[1]}年` } : null;
  }
  const month = Number(m[3]);
  const day = m[4] ? Number(m[4]) : undefined;
  if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > 31))) return null;
  let year: number;
  let resolution: string | undefined;
  if (m[1]) year = Number(m[1]);
  else if (/这一年|同年|当年/.test(text) && lastYear) {
    year = lastYear;
    resolution = `“这一年”：上文的 ${lastYear} 年`;
  } else if (m[2] === '次年' && lastYear) {
    year = lastYear + 1;
    resolution = `“次年”：${lastYear} 年的次年`;
  } else if (m[2] === '去年') {
    year = ctx.postedYear - 1;
    resolution = `“去年”：相对发文日期 ${ctx.postedYear} 年`;
  } else {
    year = month <= ctx.postedMonth ? ctx.postedYear : ctx.postedYear - 1;
    resolution = m[2] === '今年' ? `“今年”：发文年份 ${ctx.postedYear}` : `未写年份：取发文日期前最近的 ${year} 年`;
  }
  const pad = (x: number) => String(x).padStart(2, '0');
  return {
    iso: day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`,
    text: m[0],
    resolution,
  };
}

/** The figure as it stands in the raw sentence (the article puts spaces around numbers). */
function asWritten(raw: string, squeezed: string): string {
  const pattern = [...squeezed].map((c) => c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('[\\s\\u00a0]*');
  return new RegExp(pattern).exec(raw)?.[0] ?? squeezed;
}

