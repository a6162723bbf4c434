// What business news measures, by the words articles (and people asking) use: genre knowledge, not one
// article's. Longest words first when matching.
import { longestMatches } from '../text/match.js';
import { remembered } from '../text/normalize.js';

export interface MeasureEntry {
  canonical: string;
  /** Words in the article or a question that name this measure. */
  words: string[];
  /** Measures answered together (营收 and 营业收入 and 收入 are one family when a question is loose). */
  family: string;
  /** What its figures are: a ratio is a percentage ("以3.8亿元受让其41%的股权" holds no 3.8亿元 stake); an amount
   * of money is never one (a percentage beside it is a change or a ratio). */
  kind?: 'ratio' | 'amount';
}

export const MEASURES: MeasureEntry[] = [
  { canonical: '营收', words: ['营业收入', '营收', '营业额'], family: 'revenue', kind: 'amount' },
  // A product's sales (销售额) are its revenue.
  { canonical: '收入', words: ['保险业务收入', '科技服务收入', '手续费及佣金收入', '解决方案收入', '销售收入', '销售额', '收入'], family: 'revenue', kind: 'amount' },
  // A listed company reports the profit attributable to its shareholders (归母净利润) as its net profit.
  { canonical: '净利润', words: ['归属于上市公司股东的净利润', '归属于母公司股东的净利润', '归母净利润', '归母净利', '净利润', '净利'], family: 'profit', kind: 'amount' },
  // Profit net of one-off gains and losses is a measure of its own: it is not the net profit.
  { canonical: '扣非净利润', words: ['扣除非经常性损益后的净利润', '扣除非经常性损益后的归母净利润', '扣非归母净利润', '扣非后净利润', '扣非净利润', '扣非净利'], family: 'adjusted-profit', kind: 'amount' },
  { canonical: '利润', words: ['利润', '盈利', '赚了', '赚'], family: 'profit', kind: 'amount' },
  { canonical: '不良率', words: ['不良贷款率', '不良率', '坏账率'], family: 'npl', kind: 'ratio' },
  { canonical: '总资产', words: ['总资产'], family: 'assets', kind: 'amount' },
  // Equity (assets net of liabilities) is not the balance sheet's total.
  { canonical: '净资产', words: ['归属于母公司股东的净资产', '归属于上市公司股东的净资产', '归母净资产', '净资产'], family: 'net-assets', kind: 'amount' },
  { canonical: '资产规模', words: ['资产规模'], family: 'assets' },
  { canonical: '资产规模变化', words: ['收缩资产规模'], family: 'assets' },
  { canonical: '月活', words: ['月活', '每月活跃', '月活跃'], family: 'users' },
  { canonical: '日活', words: ['日活', '每日活跃', '日活跃'], family: 'users' },
  { canonical: '用户数', words: ['用户规模', '用户数量', '用户数', '用户'], family: 'users' },
  { canonical: '合作商家数', words: ['合作商家', '合作商户', '商家', '商户'], family: 'merchants' },
  { canonical: '保有规模', words: ['保有规模', '保有量', '非货规模'], family: 'aum' },
  { canonical: '出货量', words: ['出货量', '出货'], family: 'shipments' },
  { canonical: '覆盖城市数', words: ['个城市', '城市'], family: 'cities' },
  { canonical: '覆盖商圈数', words: ['个商圈', '商圈'], family: 'districts' },
  { canonical: '投资笔数', words: ['对外投资', '投资笔数'], family: 'investments' },
  { canonical: '投资总额', words: ['对外投资总额', '投资总额'], family: 'investment-total', kind: 'amount' },
  { canonical: '持股比例', words: ['股份', '持股', '股权'], family: 'stake', kind: 'ratio' },
  { canonical: '未偿本息总额', words: ['未偿本息总额', '未偿本息', '不良资产包', '资产包'], family: 'npl-package' },
  { canonical: '涉及消费者', words: ['消费者'], family: 'npl-package-people' },
  { canonical: '涉及贷款笔数', words: ['消费贷'], family: 'npl-package-loans' },
  { canonical: '收购金额', words: ['收购'], family: 'acquisition', kind: 'amount' },
  { canonical: '扶持资金', words: ['扶持', '投入'], family: 'subsidy' },
  { canonical: '任职年限', words: ['效力', '工作了', '工作', '待了'], family: 'tenure' },
  { canonical: '收入占比', words: ['占比'], family: 'share', kind: 'ratio' },
  { canonical: '净息差', words: ['净息差', '息差', '净利差'], family: 'nim', kind: 'ratio' },
  { canonical: '毛利率', words: ['毛利率', '毛利'], family: 'gross-margin', kind: 'ratio' },
  { canonical: '净利率', words: ['净利率', '净利润率'], family: 'net-margin', kind: 'ratio' },
  { canonical: '亏损', words: ['净亏损', '亏损', '亏了', '亏'], family: 'loss', kind: 'amount' },
  { canonical: '贷款余额', words: ['贷款余额', '放贷规模', '贷款规模'], family: 'loans', kind: 'amount' },
  { canonical: '市场份额', words: ['市场份额', '市占率', '份额'], family: 'market-share', kind: 'ratio' },
  { canonical: '估值', words: ['投后估值', '估值'], family: 'valuation', kind: 'amount' },
  { canonical: '市值', words: ['市值', '总市值', 'Market Cap', 'market cap'], family: 'market-cap', kind: 'amount' },
  // A price per share ("报 52.3 元/股") is the share price whatever the sentence calls it.
  { canonical: '股价', words: ['股价', '股票价格', '每股价格', '元/股', '收盘价', '收盘', '收报', '收于', '收在', '开盘价', 'share price', 'stock price'], family: 'share-price' },
  // An analyst's price for the share ("目标价从72元上调至79元") is not the price it trades at.
  { canonical: '目标价', words: ['目标价', '目标股价'], family: 'target-price' },
  { canonical: '融资额', words: ['融资额', '融资', '融了'], family: 'funding', kind: 'amount' },
  { canonical: '交易额', words: ['交易额', '交易规模', '成交额', 'TPV', 'GMV'], family: 'volume' },
  { canonical: '经常性收入', words: ['年化经常性收入', 'ARR', '经常性收入'], family: 'arr' },
  { canonical: '员工数', words: ['员工人数', '员工数', '员工'], family: 'headcount' },
  { canonical: '客户数', words: ['客户数', '付费客户', '企业客户', '客户'], family: 'customers' },
];

const measureWords = MEASURES.flatMap((m) => m.words.map((word) => ({ word, value: m })));

/** Measure words in a text, longest match wins, in order of appearance. */
export function findMeasures(text: string): readonly { measure: MeasureEntry; word: string; at: number }[] {
  // (The same sentences and clauses are searched question after question: the matches are remembered.)
  return remembered(measureMemo, text, () => {
    const found = longestMatches(text, measureWords).map((m) => ({ measure: m.value, word: m.word, at: m.at }));
    // "海外收入占比": a measure right before a share word is what the share is of, not a figure asked.
    return found.filter((m, i) => !(found[i + 1]?.measure.family === SHARE && found[i + 1]!.at === m.at + m.word.length));
  });
}
const SHARE = 'share';
const measureMemo = new Map<string, { measure: MeasureEntry; word: string; at: number }[]>();

export const measureByName = new Map(MEASURES.map((m) => [m.canonical, m]));
export const familyOf = (canonical: string): string => measureByName.get(canonical)?.family ?? canonical;
/** A loss is a profit below zero: these two families answer each other. */
export const LOSS_FAMILY = familyOf('亏损');
export const PROFIT_FAMILY = familyOf('净利润');
/** Every word of a family's measures ("营收", "营业收入", "收入" … for revenue). */
export const familyWords = (family: string): string[] => MEASURES.filter((m) => m.family === family).flatMap((m) => m.words);

/** The text with the genre's measure words taken out, a gap left where each stood ("奶酪业务收入" ->
 * "奶酪业务"): what is left names a line of the measure, if anything. */
export const withoutMeasureWords = (text: string, gap = ''): string => findMeasures(text).reduce((t, m) => t.split(m.word).join(gap), text);
/** A measure as written names no line: only measure words are left of it ("归属于上市公司股东的净利润"). */
export const namesNoLine = (measureText: string): boolean => !/\p{Script=Han}/u.test(withoutMeasureWords(measureText).replace(/的/g, ''));

/** The head nouns of the genre's measures: a word ending in one of them names a measure even when it is not
 * one the genre lists ("拨备覆盖率", "资产总额", "关注类贷款占比"). */
export const MEASURE_HEAD = /(?:率|额|量|(?<![同环])比|比例|比重|规模|余额|收入|利润|成本|费用|支出|均价|单价|市值|估值|资产)$/;
// "净资产收益率（ROE）为14.1%": the abbreviation in brackets after the noun is not part of the sentence's wording.
const ABBREVIATION_AFTER = /[（(][A-Za-z0-9]{1,8}[）)](?=(?:为|是|达|约|了)*$)/;
// "…定损比例可以从目前的62%提高至85%": the noun stands before where the change started.
const FROM_TO = /(?:可以|可|将|有望|预计|已)?(?:从|由)[^，,；;]{0,20}?(?:至|到)[^，,；;\d]{0,6}$/;
/** Measures by what their figures are (see MeasureEntry.kind). */
export const RATIO_MEASURES = new Set(MEASURES.filter((m) => m.kind === 'ratio').map((m) => m.canonical));
export const AMOUNT_MEASURES = new Set(MEASURES.filter((m) => m.kind === 'amount').map((m) => m.canonical));
/** A measure noun standing right before a figure ("拨备覆盖率312.46%", "资产总额为4386.52亿元"): the linking
 * verb and qualifier words are stripped first; returns the noun, or undefined. */
export function measureNounBefore(clause: string): string | undefined {
  const lead = clause.replace(FROM_TO, '').replace(ABBREVIATION_AFTER, '').replace(/(?:分别|约为|约|为|是|达到了?|达|仅|超过|至|了|升至|降至)+$/, '');
  const m = /\p{Script=Han}{2,12}$/u.exec(lead);
  return m && MEASURE_HEAD.test(m[0]) ? m[0] : undefined;
}
