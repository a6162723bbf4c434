// A business line asked about: "乐呗财富管理手续费收入下滑了多少", "电池回收业务收入多少". The company's
// revenue is not one line's income, so facts and passages must name the line.
import { findMeasures } from '../genre/measures.js';
import { charBigrams, tag } from '../text/segment.js';
import { compact } from '../text/normalize.js';

// Words before 收入 that qualify the whole, not a line of it ("公司收入", "全年总收入", "主营业务收入").
const GENERIC_QUALIFIER = /^(?:公司|集团|企业|总|全年|整体|合计|全部|累计|单季|年度|当期|主营|主营业务|营业|实际)$/;
// What makes a noun phrase a line rather than saying which ("电池回收业务" is the line 电池回收).
const LINE_SUFFIX = /(?:业务|板块|分部|事业部|事业群)$/;
/** Share of the line's character pairs a text must hold to name it ("财富管理手续费及佣金收入" names 财富管理手续费). */
const LINE_NAMED_SHARE = 0.5;

/** The words right before a bare 收入 in the question (names and periods aside), when they name a line. */
export function lineAsked(core: string, entityNames: Map<string, string[]>): string | undefined {
  const income = findMeasures(core).find((m) => m.word === '收入');
  if (!income) return undefined;
  let before = core.slice(0, income.at);
  for (const n of [...entityNames.values()].flat()) before = before.split(n).join('|');
  const line = nounPhraseEnding((/\p{Script=Han}+$/u.exec(before)?.[0] ?? '').replace(/^.*(?:年|季度|月|的)/, ''));
  return [...line].length >= 2 && !GENERIC_QUALIFIER.test(line) ? line : undefined;
}

/** The noun phrase that ends the words: nouns, a verb qualifying one ("电池回收业务"); it stops at an
 * adverb, a conjunction, a particle or a question word ("一共", "零食和代工哪块" name no line). */
function nounPhraseEnding(words: string): string {
  const tags = tag(words);
  let start = tags.length;
  while (start > 0 && (/^(?:n|vn|s|an)/.test(tags[start - 1]!.tag) || (tags[start - 1]!.tag === 'v' && start < tags.length))) start--;
  return tags.slice(start).map((t) => t.word).join('');
}

/** The text names the line asked: most of its character pairs stand there. */
export function namesLine(text: string, line: string): boolean {
  const pairs = charBigrams(line.replace(LINE_SUFFIX, '') || line);
  const hay = compact(text);
  return pairs.length > 0 && pairs.filter((g) => hay.includes(g)).length / pairs.length >= LINE_NAMED_SHARE;
}
