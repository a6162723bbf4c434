// What kind of thing a question asks for, from its Chinese question words (English ones were rewritten
// into Chinese by the reader). The sentence chosen as the answer must hold something of that kind, and the
// question's focus words (什么职务, 多少, 哪一年) are the slot to fill, never evidence the article must repeat.
import type { EntityIndex } from '../corpus/entities.js';
import { ROLES } from '../genre/events.js';
import { FUNCTION_CHARS, ORG_ENDINGS } from '../genre/names.js';
import { tag } from '../text/segment.js';
import { CLASSIFIERS } from '../text/function-words.js';

export type AnswerType =
  | 'date'
  | 'number'
  | 'person'
  | 'place'
  | 'org'
  | 'role'
  | 'reason'
  | 'method'
  | 'comparison'
  | 'yesno'
  | 'list'
  | 'definition'
  | 'other';

interface TypeRule {
  type: AnswerType;
  /** How questions ask for it. */
  asked: RegExp;
  /** Focus words: they name the slot and are not searched for. */
  focus?: RegExp;
}

const SCHOOL_ASKED = /(?:在|从)?哪(?:里|儿|个学校|所学校)?(?:念|读|上学|毕业|念书|读书|求学)/;
// Order matters: the first rule that matches decides ("哪一年" is a date, not an org; "为什么" before "什么").
const RULES: TypeRule[] = [
  // A purpose asked ("为了啥", "图什么", "目的是什么", "想干嘛") is answered as a reason is.
  // ("被聘为什么职务", "被誉为什么", "改名为什么": a verb with 为 then 什么 asks what, not why.)
  { type: 'reason', asked: /(?<![聘任选评称誉作成改定名视列升调封号叫当])为什么|为何|为啥|何以|怎么会|原因|缘故|凭什么|凭啥|为了(?:啥|什么)|图(?:啥|什么)|目的是?(?:啥|什么)|(?:主要)?是?想干(?:嘛|啥|什么)?(?=$|[？?\s])|why/i, focus: /原因|缘故|目的/g },
  { type: 'date', asked: /几几年|什么时候|啥时候|啥时|何时|几时|几点|哪天|哪一天|哪年|哪一年|几月|几号|哪个月|什么日子|日期|时间点|时间段|多会儿|什么时间/, focus: /时间段|时间|日期|时候/g },
  {
    type: 'comparison',
    // "谁赚得多", "哪家的营收高": which one comes out ahead is a comparison, not a person.
    asked: /比.{0,12}(?:高|低|多|少|大|小|强|弱|好|差|快|慢)|差几倍|相差几倍|是.{0,8}的几倍|谁更|哪个更|哪家更|更高|更低|更多|更少|超过了?吗|超过了?没|有没有超过|是否超过|差多少|差距|相差|(?:谁|哪个|哪家|哪块|哪一块|哪项|哪类)[^，。？?\s]{0,10}?[得的]?(?:更)?(?:多|少|高|低|大|小|快|慢)(?:一些|一点)?(?=[？?\s]|$)/,
  },
  { type: 'role', asked: /什么职务|什么职位|啥职位|啥职务|什么岗位|什么头衔|担任什么|当什么|任什么|干啥|干嘛|是干什么的|是做什么的|是搞什么的|做什么工作|什么角色|哪个职位/, focus: /职务|职位|岗位|头衔|角色/g },
  // "哪几个部门" asks which ones (a list), not how many.
  { type: 'number', asked: /多少|多大年纪|多大岁数|(?<!哪|未来|近|这|过去|最近|前|后|头|那)几[个位年家笔亿万次天名条款项成倍种类批座台部岁]|多大|多高|多长|多久|多宽|多深|多远|多厚|比例|百分之|占比|几成|多重|规模多大/, focus: /多长时间|多久|(?:(?:一共|总共|总计|合计)有?)?多少(?:钱|[个位家笔条款项座台部种类批])?|比例|几(?:[个位年家笔次天名条款项座台部种类批]|个月)|多(?:长|高|重|大|宽|深|远|厚|粗|快|少)/g },
  { type: 'person', asked: /谁|哪位|哪个人|哪两位|哪几位/ },
  // "之前在哪干", "在哪儿上班": where someone works is an organisation, not a place.
  { type: 'org', asked: /在哪(?:里|儿)?(?:干|工作|上班|任职|就职|高就|供职|做事)/ },
  // "大学在哪念的", "哪毕业的": where someone studied is a school.
  { type: 'org', asked: SCHOOL_ASKED },
  { type: 'place', asked: /哪里|哪儿|在哪(?![家个所一些位])|什么地方|哪个城市|哪个国家|哪国|何地|何处|去哪(?![家个所一些位])/, focus: /地方/g },
  { type: 'org', asked: /哪家|哪个公司|什么公司|哪个机构|什么机构|哪所|哪个银行|哪个学校|什么学校/, focus: /(?<=哪家|哪个|哪所|什么|哪一家)(?:银行|公司|机构|基金|学校|大学|券商|平台|企业|集团)/g },
  { type: 'method', asked: /怎么(?!样)|如何|怎样(?!了)|什么办法|靠什么|通过什么/ },
  { type: 'list', asked: /哪些|有哪几|哪几/ },
  { type: 'definition', asked: /是什么|什么是|指什么|啥是|是啥|什么意思/ },
  { type: 'yesno', asked: /吗[？?]?$|是不是|有没有|是否|会不会|能不能|对不对/ },
];

// "云商银行的客户是谁", "Who are CloudBank's customers": 谁 about a group asks for a description, not a name.
const COLLECTIVE = /客户|用户|客群|人群|群体|对象|股东|员工|团队|消费者|商家|商户|主体|竞争对手|对手/;

export function classifyQuestion(text: string): AnswerType {
  const type = RULES.find((r) => r.asked.test(text))?.type ?? 'other';
  return type === 'person' && COLLECTIVE.test(text) ? 'list' : type;
}

// Question words that ask which one ("哪位皇帝", "什么形状", "哪些优点"), and the measure words that may
// follow them ("哪一种语言"). Counting words (多少, 几) are not among them: what is counted is evidence.
const WHICH_WORD = /^(?:哪|什么|啥)/;
const MEASURE_AFTER_WHICH = /^(?:一)?(?:个|位|种|家|些|所|条|类|款|支|样)?$/;

/** Nouns that name the kind of answer asked for, right after 哪/什么/啥 ("哪个国家的运动员" asks for a
 * country: 国家 is the slot, not something the article must say). */
export function slotNouns(text: string): string[] {
  const tags = tag(text);
  const nouns: string[] = [];
  tags.forEach(({ word }, i) => {
    if (!WHICH_WORD.test(word)) return;
    let j = i + 1;
    if (tags[j] && MEASURE_AFTER_WHICH.test(tags[j]!.word) && tags[j]!.word !== '') j++;
    const next = tags[j];
    if (next && /^(?:n[a-z]*|vn)$/.test(next.tag) && /^\p{Script=Han}{2,}$/u.test(next.word)) nouns.push(next.word);
  });
  return nouns;
}

/** The question without its focus words, for matching evidence. */
export function withoutFocus(text: string, type: AnswerType): string {
  const rule = RULES.find((r) => r.type === type);
  return rule?.focus ? text.replace(rule.focus, ' ') : text;
}

const DATE_IN_TEXT = /\d{1,2}\s*点(?![\d一二三四五六七八九十]|多)|\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|[今去次同当前]年|年底|年初|年中|上半年|下半年|季度|[一二三四五六七八九十]+月/;
// "几月几号", "哪一天": the day is asked, so a sentence giving the day beats one giving the month.
const DAY_ASKED = /几号|几日|哪天|哪一天|哪日|具体日期|具体哪天|\bwhat day\b|\bwhich day\b|\bexact date\b/i;
const DAY_IN_TEXT = /\d{1,2}\s*[日号]|[一二三四五六七八九十廿]{1,3}[日号](?!本)/;
// Attributes asked by their kind ("什么颜色", "什么形状") and how a text states them ("银灰色", "卵形").
const ATTRIBUTE_MARKERS: [RegExp, RegExp][] = [
  [/颜色|什么色|啥色/, /[红橙黄绿青蓝紫黑白灰褐棕金银粉赤]色/],
  [/形状|什么形(?!式)|啥形(?!式)/, /[圆方扁尖椭卵线针菱锥柱球矩梯弧环扇]形|三角形|多边形|[圆扁尖锥柱球针线羽环条块片棒]状/],
  // A person's schooling is stated by degree or by graduating ("岚州大学硕士", "毕业于…大学").
  [/学历|(?<![中大小])学位(?!于)|文凭|毕业|哪个学校|什么学校|哪所|读的书|念的书|念书|读书|教育背景/, /本科|硕士|博士|学士|MBA|毕业|肄业|就读|(?:大学|学院)(?!生)/],
  // An age is stated in years of age or by the year of birth ("46岁", "1979年出生").
  [/年龄|岁数|几岁|多少岁|多大了|(?:今年|现在|目前)多大|多大年纪|哪年出生|出生年|哪年生|几几年生/, /\d+\s*岁|[一二三四五六七八九十]+岁|出生|生于|年生/],
];
/** The question asks an attribute by its kind ("什么颜色", "学历", "几岁"). */
export const asksAttribute = (question: string): boolean => ATTRIBUTE_MARKERS.some(([asked]) => asked.test(question));
/** The question asks an attribute by its kind and the text states one of that kind. */
export const statesAttributeAsked = (question: string, text: string): boolean => ATTRIBUTE_MARKERS.some(([asked, stated]) => asked.test(question) && stated.test(text));
/** The question asks for a day and the text gives one. */
export const givesDayAsked = (question: string, text: string): boolean => DAY_ASKED.test(question) && DAY_IN_TEXT.test(text);
const CALENDAR_ASKED = /哪年|哪一年|哪天|哪一天|几月|几号|几点|哪个月|哪一月|日期/;
// Eras and occasions ("孔雀王朝时期", "夏至当日正午"). Words that point at a time ("在此期间", "未来几年",
// "目前") place nothing on the calendar and answer no when.
const TIME_PHRASE = /(?<![此这该那])(?:时期|时代|年间)|世纪|年代|\p{Script=Han}{2}朝(?!着)|夏至|冬至|春分|秋分|正午|凌晨|清晨/u;
const DEICTIC_TIME = /^(?:现在|目前|当时|当年|那年|当前|如今|未来|将来|今后|此后|之后|以后|此前|之前|以前|近年|近年来|最近|近期|这时|那时|此时|同时|随后|后来|当下|眼下|日前|早前|先前)$/;
/** A word that points at a time without placing it ("当年", "后来", "目前"). */
export const isDeicticTime = (word: string): boolean => DEICTIC_TIME.test(word);
/** A place name the segmenter tags ('ns') that the question does not hold. */
const placeTaggedIn = (text: string, question = ''): boolean => tag(text).some(({ word, tag: t }) => t === 'ns' && [...word].length >= 2 && !question.includes(word));
/** A time word the segmenter tags ('t') that the question does not already hold. */
const timeWordIn = (text: string, question = ''): boolean =>
  tag(text).some(({ word, tag: t }) => t === 't' && [...word].length >= 2 && !DEICTIC_TIME.test(word) && !question.includes(word));
/** Where a count in Chinese numerals stands ("两种", "五个赛季"), or undefined. */
export const chineseCountAt = (text: string): number | undefined => CHINESE_COUNT.exec(text)?.index;
// A figure: digits, or Chinese numerals that count ("三家", "十余年") — not the article-like 一 of "一个重要的";
// 多/余 say "more than".
const CHINESE_NUMERAL = '(?:[两三四五六七八九十百千万亿]|[一二][十百千万亿])[一二两三四五六七八九十百千万亿]*(?:多|余)?';
const CHINESE_COUNT = new RegExp(`${CHINESE_NUMERAL}[${CLASSIFIERS}]`);
// An ordinal counts too ("第二位皇后" answers "第几位"): after 第, even 一 and 二 are numbers.
const NUMBER_IN_TEXT = new RegExp(`\\d|${CHINESE_NUMERAL}[${CLASSIFIERS}亿万]|第[一二两三四五六七八九十百千]+|一半|翻番|翻倍|一倍`);
// Titles in general Chinese: a post ends in 长 of its unit (区长, 局长, 校长), or is one of the titles of
// state, party, army and court (书记, 总督, 知县, 将军).
const ROLE_IN_TEXT = new RegExp(
  `${ROLES}|总监|经理|主管|主任|部长|创始人|首席|高管|顾问|董事|主席|书记|委员|[国省市区县乡镇州局厅部处科校院园社团军师旅营队组站馆]长|` +
    '总督|总理|首相|议员|大使|领事|法官|检察官|知县|知府|太守|刺史|尚书|侍郎|将军|统领|教练|干部|推官|总裁',
);
const REASON_IN_TEXT = /因[^，,。；;此为]{1,24}而|因为|由于|原因|究其|在于|导致|所以|因此|因而|是因|得益于|受益于|归因|使得|造成|为了|以便|意在|旨在|目的|以期|为的是|意味着|这是|之所以|关键|问题是|主要是|离不开|缘于|源于|取决于|因素|凭借|依靠|依托|靠着|基于|随着|本质|核心|在.{0,20}(?:情况|背景|前提)下/;
const APPOINTED = /(?:^|[，,；;：:]|\d[月日]|[他她])(?:任|担任|出任|升任|调任|转任|改任|兼任|就任|当选|获任|被任命为)\p{Script=Han}/u;
// Several things named in a row ("医疗、出行、民生", "A及B"), or counted ("三个"), or introduced as parts
// ("包括", "分为", "分别是", a colon).
const LIST_IN_TEXT = new RegExp(`[\\p{Script=Han}）)」”》]、\\p{Script=Han}|以及|包括|包含|分为|分成|分别|以下|如下|[:：]\\s*\\S|(?:\\d+|${CHINESE_NUMERAL})[${CLASSIFIERS}]`, 'u');
const METHOD_IN_TEXT = /通过|依靠|借助|利用|采取|采用|方式|办法|措施|手段|策略|战略|路径|模式|以.{1,8}为/;
// Administrative units, the genre's big cities and scopes, and geographic names by their endings
// ("西太平洋", "马达加斯加岛", "四川一带").
const PLACE_IN_TEXT = /[省市县区州国]|北京|上海|杭州|深圳|香港|海外|全球|国内|城市|\p{Script=Han}(?:洋|洲|岛|湾|海域|山脉|河|湖|地区|一带|沿海)/u;

/** Types whose slot is concrete (a date, a figure, a name): the sentence must hold one. Reasons and methods
 * are said in too many ways to demand a marker; for them the marker only ranks. */
export const CONCRETE_TYPES = new Set<AnswerType>(['date', 'number', 'comparison', 'person', 'org', 'place', 'role']);

/** What the slot excludes and names: the question's own entities are not the answer to "谁/哪家", and
 * "哪家银行" asks for a bank. */
export interface SlotContext {
  asked: Set<string>;
  /** The question itself: a name the segmenter tags in the text is fresh only if the question lacks it. */
  question?: string;
  /** The kind of organisation named after 哪家/哪个/什么 ("银行", "公司", "学校"), if any. */
  kind?: string;
}

const ENDING_ALTERNATION = [...ORG_ENDINGS].sort((a, b) => b.length - a.length).join('|');
// (Any kind of body the genre names by its ending: "哪家会计师事务所", "哪个研究院".)
const KIND_AFTER_WHICH = new RegExp(`(?:哪家|哪个|哪所|什么|哪一家)(${ENDING_ALTERNATION}|银行|公司|机构|学校|券商|平台|企业|单位|组织)`);
// "某国际会计师事务所": a body left unnamed answers no "which".
// (Endings may follow one another: "某国际" + "会计师事务所".)
const UNNAMED_ORG = new RegExp(`某\\p{Script=Han}{0,8}?(?:${ENDING_ALTERNATION})(?:${ENDING_ALTERNATION})*`, 'gu');
// Kinds of school, and the endings of their names.
const SCHOOL_KINDS = new Map([
  ['大学', /大学|学院|学校/],
  ['学校', /大学|学院|学校|中学|小学|学堂/],
]);
// Kinds that mean any organisation at all: "哪个机构" is answered by a bank or a broker alike.
const ANY_ORGANISATION = /^(?:机构|企业|单位|组织)$/;
export const slotKind = (question: string): string | undefined => {
  const kind = KIND_AFTER_WHICH.exec(question)?.[1] ?? (SCHOOL_ASKED.test(question) ? '学校' : undefined);
  return kind && !ANY_ORGANISATION.test(kind) ? kind : undefined;
};

// A name in an organisation's shape, found once and so not an entity ("远航证券"): two or more characters
// that are not function characters, then an organisation ending.
const ORG_SHAPED = new RegExp(`[^\\P{Script=Han}${[...FUNCTION_CHARS].join('')}]{2,}(?:${ORG_ENDINGS.join('|')})`, 'u');
/** For "which organisation" with no kind named, any organisation-shaped name the question does not name. */
const kindlessOrg = (text: string, slot: SlotContext) =>
  slot.kind === undefined && [...text.matchAll(new RegExp(ORG_SHAPED, 'gu'))].some((m) => ![...slot.asked].some((a) => a.includes(m[0]) || m[0].includes(a)));

/** True when the text holds something of the type asked that the question does not already name. */
export function holdsType(type: AnswerType, text: string, entities: EntityIndex, slot: SlotContext = { asked: new Set() }): boolean {
  const fresh = () => entities.find(text).filter((e) => !slot.asked.has(e.canonical));
  switch (type) {
    case 'date':
      // "什么时候" may be answered by an era or an occasion ("孔雀王朝时期", "四国征伐后", "夏至当日正午");
      // "哪年", "哪天" ask for the calendar.
      return DATE_IN_TEXT.test(text) || (!CALENDAR_ASKED.test(slot.question ?? '') && (TIME_PHRASE.test(text) || timeWordIn(text, slot.question)));
    case 'number':
    case 'comparison':
      return NUMBER_IN_TEXT.test(text) || /超过|高于|低于|不如|领先|落后|更/.test(text);
    case 'person':
      // "和谁合作", "被谁收购": who may be a company as well as a person. A name the article mentions once
      // is no entity, but the segmenter still tags it as a name ("莫瓦桑", "皮埃尔·特鲁多").
      // A title alone answers "who" only when the question does not name that title itself ("轮值总裁都有谁"
      // is not answered by "建立了轮值总裁制").
      // Who runs or manages something is a person, never a company.
      if (MANAGES.test(slot.question ?? '')) return fresh().some((e) => e.kind === 'person') || newRoleIn(text, slot.question);
      return fresh().some((e) => e.kind !== 'other') || newRoleIn(text, slot.question) || taggedNameIn(text, slot.question);
    case 'org': {
      const named = text.includes('某') ? text.replace(UNNAMED_ORG, '') : text;
      if (named !== text) return holdsType(type, named, entities, slot);
      // A school is never a company: "哪所大学" wants a school's name, whatever other organisation is there.
      const school = slot.kind !== undefined ? SCHOOL_KINDS.get(slot.kind) : undefined;
      if (school) return school.test(text);
      // A kind of body with a long ending ("会计师事务所", "研究院") is named by it; another body is not one.
      if (slot.kind && [...slot.kind].length >= 3) return fresh().some((e) => e.canonical.endsWith(slot.kind!)) || text.includes(slot.kind);
      if (fresh().some((e) => e.kind !== 'person')) return true;
      if (kindlessOrg(text, slot)) return true;
      // "建行" for 银行, "华金" for 公司: the kind word, or a short form ending in its last character.
      const kind = slot.kind;
      return kind !== undefined && (text.includes(kind) || new RegExp(`\\p{Script=Han}${kind.slice(-1)}(?!\\p{Script=Han})|\\p{Script=Han}${kind.slice(-1)}[总分内]`, 'u').test(text));
    }
    case 'place':
      // "Where did she work": an organisation is where one works.
      // (A place named once is no entity, but the segmenter tags it: "罗马", "蒙得维的亚".)
      return fresh().some((e) => e.kind === 'place' || e.kind === 'org') || PLACE_IN_TEXT.test(text) || kindlessOrg(text, { asked: slot.asked }) || placeTaggedIn(text, slot.question);
    case 'role':
      // What follows an appointment verb is the post, whatever its title ("1995年8月，任青岛市委常委").
      return ROLE_IN_TEXT.test(text) || APPOINTED.test(text);
    case 'reason':
      return REASON_IN_TEXT.test(text);
    case 'method':
      return METHOD_IN_TEXT.test(text) || REASON_IN_TEXT.test(text);
    case 'list':
      return LIST_IN_TEXT.test(text);
    default:
      return true;
  }
}

// (The title the question names, followed by someone named: "目前社长是藤岛景子", "派遣圣甲虫去".)
const MANAGES = /谁(?:在|来)?(?:管|负责|掌管|分管|主管|领导|带领|执掌|当家|牵头)|(?:管|负责|掌管|分管|主管|领导|带领|执掌|牵头)(?:的|人)?(?:是谁|是哪位)/;
const newRoleIn = (text: string, question = ''): boolean =>
  [...text.matchAll(new RegExp(ROLE_IN_TEXT, 'g'))].some((m) => {
    const after = text.slice(m.index! + m[0].length);
    if (/^[制度]/.test(after)) return false;
    if (!question.includes(m[0])) return true;
    const named = /^(?:是|为|由)?(\p{Script=Han}{2,6})/u.exec(after)?.[1];
    return named !== undefined && !question.includes(named) && !FUNCTION_CHARS.has(named[0]!);
  });

// Tags the segmenter gives names of people, places and organisations; a transliterated name joins its
// parts with a middle dot.
const NAME_TAG = /^(?:nr|nrfg|nrt|ns|nt)$/;
const TRANSLITERATED = /\p{Script=Han}{1,6}[·・]\p{Script=Han}{1,6}/u;
/** A name the segmenter tags in the text (two characters or more) that the question does not hold. */
const taggedNameIn = (text: string, question = ''): boolean =>
  [...text.matchAll(new RegExp(TRANSLITERATED, 'gu'))].some((m) => !question.includes(m[0])) ||
  tag(text).some(({ word, tag: t }) => NAME_TAG.test(t) && [...word].length >= 2 && !question.includes(word));

/** Sentences that raise a question for the next ones to answer ("究其原因，…", "为什么是韩明远？"). */
export const RAISES_QUESTION = /[？?]\s*$|究其原因|原因(?:在于|是|有)?[:：]?\s*$|[:：]\s*$|为什么[^。]*[？?]|问题(?:在于|是)[:：]?\s*$/;

// "多少年", "几家", "多少亿": the unit a number question names; the answer's figure carries it.
// "几种", "多少所", "几个月": the classifier asked is the unit of the answer ("两种", "3所").
const ASKED_UNIT = new RegExp(`(?:多少|几)(个月|[${CLASSIFIERS}]|亿|万|钱)`);
/** The unit a number question asks in, if it names one ("多少钱" asks for an amount of money). */
export const askedUnit = (question: string): string | undefined => {
  if (DURATION_ASKED.test(question)) return DURATION;
  if (LENGTH_ASKED.test(question)) return LENGTH;
  if (WEIGHT_ASKED.test(question)) return WEIGHT;
  const unit = ASKED_UNIT.exec(question)?.[1];
  return unit === '钱' ? MONEY : unit;
};
/** The unit of a span of time the question asks ("干了几年", "多久"), if it asks one. */
export const timeSpanAsked = (question: string): string | undefined => {
  const unit = askedUnit(question);
  return unit === DURATION || unit === '年' || unit === '个月' || unit === '天' || unit === '周' ? unit : undefined;
};
// "多长时间", "多久": a length of time, in any unit of time.
const DURATION_ASKED = /多长时间|多久|多少时间/;
const DURATION = '(?:年|个月|月|周|天|小时)';
// "多长", "多高", "多远": a length, in any unit of length; "多重": a weight.
const LENGTH_ASKED = /多(?:长|宽|高|远|深|厚)(?!时间)/;
const LENGTH = '(?:千米|公里|米|厘米|公分|毫米|英尺|英寸|英里|公尺|km|m|cm|mm)';
const WEIGHT_ASKED = /多重|体重|重量/;
const WEIGHT = '(?:千克|公斤|克|吨|磅|斤|kg|g)';

/** Who holds a post now ("现在的CFO是谁"): a sentence about a past tenure ("曾任", "担任过") does not say. */
export const PRESENT_ASKED = /现在|目前|现任|如今|当前|眼下/;
/** "新的董事长是谁", "新上任的总裁", "谁接班": the one appointed now is asked. */
// ("新总裁", "新CEO": 新 right before the post.)
export const NEW_HOLDER_ASKED = new RegExp(`新(?:的|任|上任|一任|来|一届)|新(?=${ROLES})|刚上任|接班人|接任者|继任者|谁(?:来)?(?:接任|接替|接班|接棒|接了|接手)`, 'i');
/** An appointment told: who takes the post ("选举…为董事长", "由…接任", "出任"). */
export const APPOINTMENT_IN_TEXT = /接任|接替|继任|接棒|接班|选举|当选|出任|担任|任命|聘任|聘请|上任|履新|升任|新任/;
// "来沛航之前在哪些公司干过", "where did he work before": the career before the post in question.
const CAREER_BEFORE_ASKED = /(?:来|加入|进|到|加盟|入职|跳槽到?)[^？?。]{0,16}?(?:之前|以前|此前)|(?:之前|以前|此前)[^？?。]{0,12}?(?:来到?|加入|进入|加盟|入职)|(?:之前|以前|此前|曾经?)(?:在|去)?哪|在哪(?:些|家|个)?\S{0,4}?(?:干|工作|任职|上班|待)过/;
// A career step told in a biography: a dated move, or the markers of an earlier post.
const CAREER_IN_TEXT = /\d{4}\s*年[^。；]{0,30}?(?:进入|加入|跳槽|供职|任职|就职|转投|加盟|担任|出任)|(?:此前|之前|曾经?)(?:是|在|任|担任|供职|就职)?|先后在|早年|毕业后/;
/** The question asks where someone was before; the text tells a step of a career. */
export const careerBeforeAsked = (question: string): boolean => CAREER_BEFORE_ASKED.test(question);
export const tellsCareer = (text: string): boolean => CAREER_IN_TEXT.test(text);
// "离职以后去了哪家公司", "where did he go after he left": what came after a departure is asked.
// (Chat says stepping down in everyday words: "下来以后", "不当CEO以后", "退下来", "交棒后".)
const AFTER_DEPARTURE_ASKED = /(?:离职|离开|辞职|辞任|卸任|走了?|退休|下来|下台|退下|不当[^？?，,]{0,8}?|不干了?|交棒|让位)[^？?]{0,10}?(?:去|到|加入|跳槽|进|干|做)[^？?]{0,4}?(?:哪|什么|啥|嘛)|(?:哪里|哪儿|哪家)[^？?]{0,40}?(?:离开|离职|辞职)/;
// A next step told after the departure or as what follows it: a move, a new post, a nomination, a venture.
// (Keeping a post while giving up another is what comes after too: "会继续担任董事长" — 担任 after 会.)
const NEXT_STEP = '加入|加盟|入职|跳槽|转投|出任|担任|转任|改任|留任|提名|创办|创立|创业|去了|到了|进入|任职|投身|转而|转型';
const NEXT_STEP_IN_TEXT = new RegExp(`(?:离职|离开|辞职|辞任|辞去|卸任|退休|不再(?:兼任|担任))[^。；;]*?(?:${NEXT_STEP})|(?:将|会|拟|随后|此后|之后|后|并将|转而|但)[^。，,]{0,8}?(?:${NEXT_STEP})`);
/** A question about what came after someone left, and whether a text tells a next step. */
export const afterDepartureAsked = (question: string): boolean => AFTER_DEPARTURE_ASKED.test(question);
export const tellsNextStep = (text: string): boolean => NEXT_STEP_IN_TEXT.test(text);
export const PAST_TENURE_IN_TEXT = /曾经?(?:担任|出任|任)|(?:担任|出任|当|做)过|前任|原任/;
/** A sentence that speaks of now ("现任", "目前", "至今"); an appointment dated in the posting year counts too. */
export const PRESENT_IN_TEXT = /现任|目前|现在|如今|现今|至今|仍然?(?:担任|是)|今年/;
/** A succession names who holds the post since; a departure alone names who no longer does. */
export const SUCCESSION_IN_TEXT = /接任|接棒|接替|继任/;
export const DEPARTURE_IN_TEXT = /离职|离开|卸任|辞职|辞任|辞去/;

/** Questions about what is yet to happen ("什么时候将上市", "when will"): a past date does not answer them. */
export const FUTURE_ASKED = /(?:什么时候|何时|哪年|哪一年)(?:将|会|能|才会)|将于何时|计划何时|预计何时|打算何时/;
export const FUTURE_IN_TEXT = /将|预计|计划|有望|拟|准备|即将|未来|目标/;
// Any currency amount: 元, 亿元, 美元, "$5.4B".
export const MONEY = '(?:[万亿]?元|美元|港元|(?:亿|万亿)?人民币|[BMK](?![a-z]))';
/** "花了多少钱", "值多少": an amount of money is asked. */
export const moneyAsked = (question: string): boolean => /多少钱|花了多少|值多少/.test(question) && askedUnit(question) !== undefined;
/** True when the text has a figure in that unit ("10 年", "3.94 万名"). */
export const figureInUnit = (text: string, unit: string): boolean =>
  // A four-digit number before 年 is a year, not a count of years.
  (unit === MONEY && /\$\s*\d/.test(text)) ||
  new RegExp(`(?:${unit.includes('年') ? '(?<![\\d.])\\d{1,3}(?:\\.\\d+)?|\\d+\\.\\d+' : '\\d[\\d,]*(?:\\.\\d+)?'}|[一二三四五六七八九十两百千]+)\\s*(?:多|余)?\\s*[万亿]?\\s*${unit}`).test(text);

/** "谁是CFO", "现在谁当总经理": the role a person question names; the answer's sentence must name it too. */
export const roleAsked = (question: string): string | undefined => new RegExp(ROLES, 'i').exec(question)?.[0];

// "多少员工", "几个城市": the thing counted; the answer's sentence must count it.
const COUNTED = /(?:多少|几)(?:个|位|名|家|笔|条|项|座|款|岁)?(?![个位名家笔条项座款岁年天月])(\p{Script=Han}{2,4}?)(?:了|呢|啊|吗|呀|[？?。，,\s]|$)/u;
/** The noun a number question counts ("员工" in 有多少员工), if it names one. */
export const countedNoun = (question: string): string | undefined => {
  const noun = COUNTED.exec(question)?.[1] ?? nounBeforeHowMuch(question);
  return noun && !/^(钱|年|天|月|时间|人)$/.test(noun) ? noun : undefined;
};
// "年薪多少", "员工一共有多少": the noun right before 多少 that ends the question is what is counted.
const HOW_MUCH_AT_END = /(?:是|有|为|一共|总共|共|大概|大约)*多少(?:钱)?[？?。！!\s]*$/u;
function nounBeforeHowMuch(question: string): string | undefined {
  const m = HOW_MUCH_AT_END.exec(question);
  if (!m) return undefined;
  const last = tag(question.slice(0, m.index)).pop();
  return last && /^n[a-z]*$/.test(last.tag) && /^\p{Script=Han}{2,4}$/u.test(last.word) ? last.word : undefined;
}
