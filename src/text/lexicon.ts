// Names the article uses for its entities, with the other names people ask by (English, short forms).
// One table feeds segmentation (so names stay whole), query translation and the fact model.
import { longestMatches } from './match.js';

export type EntityKind = 'org' | 'person' | 'product' | 'place' | 'other';

export interface EntityEntry {
  canonical: string;
  kind: EntityKind;
  /** Other Chinese names that mean the same entity (matched in questions and in the article). */
  zh: string[];
  /** English names, matched case-insensitively on word boundaries in questions. */
  en: string[];
}

export const ENTITIES: EntityEntry[] = [
  { canonical: '蚂蚁集团', kind: 'org', zh: ['蚂蚁金服', '蚂蚁'], en: ['Ant Group', 'Ant Financial', 'Ant'] },
  { canonical: '韩歆毅', kind: 'person', zh: [], en: ['Han Xinyi', 'Xinyi Han', 'Han'] },
  { canonical: '井贤栋', kind: 'person', zh: [], en: ['Eric Jing', 'Jing Xiandong'] },
  { canonical: '支付宝', kind: 'product', zh: ['支付宝APP'], en: ['Alipay'] },
  { canonical: '网商银行', kind: 'org', zh: ['网商'], en: ['MYbank', 'MY Bank', 'Mybank'] },
  { canonical: '蚂蚁消金', kind: 'org', zh: ['蚂蚁消费金融'], en: ['Ant Consumer Finance', 'Ant Consumer'] },
  { canonical: '花呗', kind: 'product', zh: [], en: ['Huabei'] },
  { canonical: '借呗', kind: 'product', zh: [], en: ['Jiebei'] },
  { canonical: '蚂蚁基金', kind: 'org', zh: [], en: ['Ant Fund'] },
  { canonical: '蚂蚁财富', kind: 'org', zh: [], en: ['Ant Fortune', 'Ant Wealth'] },
  { canonical: '蚂蚁保', kind: 'org', zh: ['蚂蚁宝'], en: ['Ant Insurance'] },
  { canonical: '蚂蚁国际', kind: 'org', zh: [], en: ['Ant International'] },
  { canonical: '蚂蚁数科', kind: 'org', zh: [], en: ['Ant Digital'] },
  { canonical: '天天基金', kind: 'org', zh: [], en: ['Tiantian Fund', 'East Money Fund'] },
  { canonical: '招行', kind: 'org', zh: ['招商银行'], en: ['China Merchants Bank', 'CMB'] },
  { canonical: '招联消金', kind: 'org', zh: ['招联金融', '招联'], en: ['Zhaolian Consumer Finance', 'Zhaolian', 'MUCFC'] },
  { canonical: '兴业消金', kind: 'org', zh: [], en: ['CIB Consumer Finance'] },
  { canonical: '马上消金', kind: 'org', zh: [], en: ['Mashang Consumer Finance'] },
  { canonical: '拉卡拉', kind: 'org', zh: [], en: ['Lakala'] },
  { canonical: '阿里巴巴', kind: 'org', zh: ['阿里巴巴集团', '阿里'], en: ['Alibaba Group', 'Alibaba'] },
  { canonical: '碰一下', kind: 'product', zh: ['碰一下支付'], en: ['Tap-to-pay', 'Tap to pay', 'Pengyixia'] },
  { canonical: '中金', kind: 'org', zh: ['中金公司'], en: ['CICC'] },
  { canonical: '平安创展保险销售', kind: 'org', zh: ['平安创展'], en: ['Ping An Chuangzhan'] },
  { canonical: '明亚保险经纪', kind: 'org', zh: ['明亚'], en: ['Mingya'] },
  { canonical: '大童保险', kind: 'org', zh: ['大童'], en: ['Datong'] },
  { canonical: '中信证券', kind: 'org', zh: [], en: ['CITIC Securities'] },
  { canonical: '数米基金', kind: 'org', zh: [], en: ['Shumi Fund', 'Shumi'] },
  { canonical: '天弘基金', kind: 'org', zh: [], en: ['Tianhong Fund'] },
  { canonical: '国泰产险', kind: 'org', zh: [], en: ['Cathay Insurance'] },
  { canonical: '徐鹏', kind: 'person', zh: [], en: ['Xu Peng'] },
  { canonical: '王晓航', kind: 'person', zh: ['达杭'], en: ['Wang Xiaohang'] },
  { canonical: '何征宇', kind: 'person', zh: [], en: ['He Zhengyu'] },
  { canonical: '黄浩', kind: 'person', zh: [], en: ['Huang Hao'] },
  { canonical: '金晓龙', kind: 'person', zh: [], en: ['Jin Xiaolong'] },
  { canonical: '江浩', kind: 'person', zh: [], en: ['Jiang Hao'] },
  { canonical: '黄海', kind: 'person', zh: [], en: ['Huang Hai'] },
  { canonical: '李子柒', kind: 'person', zh: [], en: ['Li Ziqi'] },
  { canonical: '董宇辉', kind: 'person', zh: [], en: ['Dong Yuhui'] },
  { canonical: '百灵大模型', kind: 'product', zh: ['百灵'], en: ['Bailing', 'Ling model'] },
  { canonical: '通义千问', kind: 'product', zh: [], en: ['Qwen', 'Tongyi Qianwen'] },
  { canonical: '余利宝', kind: 'product', zh: [], en: ['Yulibao'] },
  { canonical: '稳利宝', kind: 'product', zh: [], en: ['Wenlibao'] },
  { canonical: '相互宝', kind: 'product', zh: [], en: ['Xianghubao'] },
  { canonical: 'NFC手机', kind: 'product', zh: ['支持NFC的手机', 'NFC'], en: ['NFC phones', 'NFC'] },
  { canonical: '微信', kind: 'product', zh: [], en: ['WeChat', 'Weixin'] },
  { canonical: '抖音', kind: 'product', zh: [], en: ['Douyin', 'TikTok'] },
  { canonical: '清华', kind: 'org', zh: ['清华大学', '清华经管学院'], en: ['Tsinghua University', 'Tsinghua'] },
];

/** Chinese words people ask with, and the word the article uses for the same thing. The article's word
 * is added to the question (the asker's word stays), so evidence in the article's wording is found. */
export const ZH_SYNONYMS: [RegExp, string][] = [
  [/重视|看中/g, '看重'],
  [/为何|为啥/g, '为什么'],
  [/待了|干了|任职了/g, '效力'],
  [/辞职|离开/g, '离职'],
  [/当上|成为|出任/g, '担任'],
  [/入职/g, '加入'],
  [/掌管|主管|牵头/g, '负责'],
  [/客群|用户群/g, '客户'],
  [/对手/g, '竞争对手'],
  [/大学/g, '毕业'],
];

/** Adds the article's word for each synonym the question uses. */
export function addArticleWords(q: string): string {
  const extra = ZH_SYNONYMS.flatMap(([re, word]) => (q.match(re) && !q.includes(word) ? [word] : []));
  return extra.length ? `${q} ${extra.join(' ')}` : q;
}

/** English words and phrases that stand for Chinese terms of the article (roles, measures, periods). */
export const ENGLISH_TERMS: [RegExp, string][] = [
  [/\bchief executive( officer)?\b/gi, 'CEO'],
  [/\bchief financial officer\b/gi, 'CFO'],
  [/\bchief technology officer\b/gi, 'CTO'],
  [/\bpresident\b/gi, '总裁'],
  [/\bchairman\b|\bchair\b/gi, '董事长'],
  [/\bvice[- ]presidents?\b|\bVPs?\b/gi, '副总裁'],
  [/\bnet (profit|income)\b/gi, '净利润'],
  [/\bprofits?\b|\bearnings\b/gi, '利润'],
  [/\brevenues?\b|\bsales\b|\bturnover\b/gi, '营收'],
  [/\bincome\b/gi, '收入'],
  [/\bnon[- ]?performing[- ]loan (ratio|rate)\b|\bNPL (ratio|rate)\b|\bbad[- ]loan (ratio|rate)\b/gi, '不良率'],
  [/\bmonthly active users?\b|\bMAUs?\b/gi, '月活'],
  [/\bdaily active users?\b|\bDAUs?\b/gi, '日活'],
  [/\busers?\b/gi, '用户'],
  [/\bmerchants?\b/gi, '商家'],
  [/\bcities\b|\bcity\b/gi, '城市'],
  [/\bshare(holding)?s?\b|\bstake\b/gi, '股份'],
  [/\bgrowth\b|\bgrow\b|\bgrew\b|\bincrease[sd]?\b/gi, '增长'],
  [/\bdecline[sd]?\b|\bdecrease[sd]?\b|\bfell\b|\bdrop(ped)?\b/gi, '下降'],
  [/\bfirst three quarters of (\d{4})\b/gi, '$1年前三季度'],
  [/\b(\d{4}) first three quarters\b|\b(\d{4}) Q1[-–]Q?3\b/gi, '$1$2年前三季度'],
  [/\bfirst half of (\d{4})\b|\bH1 (\d{4})\b/gi, '$1$2年上半年'],
  [/\bin (\d{4})\b/gi, '$1年'],
  [/\bthree (major |main |big )?strateg(y|ies)\b/gi, '三大战略'],
  [/\bstrateg(y|ies)\b/gi, '战略'],
  [/\bgo(es|ing)? public\b|\blist(ed|ing)? (on|in)\b/gi, '上市'],
  [/\bfounded\b|\bestablished\b|\bset up\b/gi, '成立'],
  [/\bmarket (value|cap(italization)?)\b/gi, '市值'],
  [/\bvaluation\b/gi, '估值'],
  [/\bheadquarters?\b/gi, '总部'],
  [/\bemployees?\b|\bstaff\b/gi, '员工'],
  [/\buniversity\b|\bschool\b|\bcollege\b/gi, '学校'],
  [/\bcustomers?\b|\bclients?\b/gi, '客户'],
  [/\bmain(ly)?\b|\bmajor\b|\bprimary\b/gi, '主要'],
  [/\bship(ped|ments?)\b/gi, '出货量'],
  [/\bphones?\b|\bhandsets?\b/gi, '手机'],
  [/\bwork(ed|s)?\b/gi, '工作'],
  [/\bhow long\b|\bhow many years\b/gi, '多少年'],
  [/\bbefore\b|\bpreviously\b|\bprior\b/gi, '之前'],
  [/\bvalues?\b|\bprioritiz(es|e)\b|\bcares? about\b/gi, '看重'],
  [/\bleads?\b|\bin charge of\b|\bheads?\b/gi, '负责'],
  [/\bdepartment\b/gi, '部门'],
  [/\bbanks?\b/gi, '银行'],
  [/\bsubsid(y|ies|ize)\b|\bsupport\b/gi, '扶持'],
  [/\bcreators?\b/gi, '创作者'],
  [/\bcash\b/gi, '现金'],
  [/\bshort videos?\b/gi, '短视频'],
  [/\blarge (language )?models?\b|\bLLMs?\b/gi, '大模型'],
  [/\bAGI\b/g, 'AGI'],
  [/\breorganization\b|\brestructur(ing|e)\b/gi, '架构调整'],
  [/\bbad (debts?|loans?)\b|\bnon[- ]performing (assets?|loans?)\b/gi, '不良'],
  [/\bgraduate[ds]?\b|\bstudied\b/gi, '毕业'],
  [/\bjoin(ed|s|ing)?\b/gi, '加入'],
  [/\bleft\b|\bleaves?\b|\bquit\b|\bresign(ed|s)?\b|\bdepart(ed|s)?\b/gi, '离职'],
  [/\binvestments?\b/gi, '投资'],
  [/\bacquir(e|ed|es)\b|\bacquisition\b|\bbought\b/gi, '收购'],
  [/\bwhen\b|\bwhat date\b|\bwhich day\b/gi, '什么时候'],
  [/\bwhich year\b|\bwhat year\b/gi, '哪一年'],
  [/\bhow (much|many)\b/gi, '多少'],
  [/\bwho\b/gi, '谁'],
  [/\bwhy\b/gi, '为什么'],
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const englishEntityPatterns: [RegExp, string][] = ENTITIES.flatMap((e) =>
  e.en.map((name) => [new RegExp(`\\b${escapeRe(name)}(?:'s)?\\b`, 'gi'), e.canonical] as [RegExp, string]),
).sort((a, b) => b[0].source.length - a[0].source.length);

/** Replaces English names and terms by the Chinese the article uses, so both retrievers and the fact
 * router see the article's vocabulary. Chinese text passes through unchanged. */
export function translateEnglish(q: string): string {
  if (!/[A-Za-z]{2,}/.test(q)) return q;
  let out = q;
  for (const [re, zh] of englishEntityPatterns) out = out.replace(re, ` ${zh} `);
  for (const [re, zh] of ENGLISH_TERMS) out = out.replace(re, (...m) => ` ${zh.replace(/\$(\d)/g, (_, i) => m[Number(i)] ?? '')} `);
  return out.replace(/\s+/g, ' ').trim();
}

const zhAliases = ENTITIES.flatMap((e) => [e.canonical, ...e.zh].map((word) => ({ word, value: e.canonical })));

/** Entities named in a (Chinese) text, longest names first, each reported once with its position. */
export function findEntities(text: string): { canonical: string; at: number; name: string }[] {
  return longestMatches(text, zhAliases).map((m) => ({ canonical: m.value, at: m.at, name: m.word }));
}

/** Words segmentation must keep whole (names, products, article-specific terms). */
export const CUSTOM_WORDS: string[] = [
  ...ENTITIES.flatMap((e) => [e.canonical, ...e.zh]),
  '前三季度', '前三个季度', '上半年', '下半年', '不良率', '净利润', '营业收入', '双飞轮', '近场支付',
  '数字支付', '数字互联', '数字金融', '大模型', '通用人工智能', '报行合一', '获客', '风控', '保有规模',
  '未偿本息', '不良资产包', '出货量', '月活', '日活', '消金', '代销', '对外投资', '轮值总裁', '事业群',
];
