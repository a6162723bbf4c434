// The named things of one article — people, organisations, places, products — found in its own text:
// the segmenter's tags, the shapes names take in Chinese business writing (surname + given name, "…银行",
// "…集团"), Latin-script names, quoted names, and the short forms the article itself uses. The corpus
// folder's aliases.json adds the other names people use (English company names, nicknames).
import type { Aliases } from './load.js';
import { DEICTIC_START, FORM_ENDINGS, FUNCTION_CHARS, LATIN_PERIOD, GENERIC_ACRONYMS, GENERIC_ORG_PREFIXES, ORG_ENDINGS, SURNAMES, tradeNameOf, type EntityKind } from '../genre/names.js';
import { findMeasures, MEASURES } from '../genre/measures.js';
import { tightenSpacing } from '../text/normalize.js';
import { inDictionary, STOP_WORDS, tag } from '../text/segment.js';

export type { EntityKind };

export interface Entity {
  /** The name as the article writes it most fully. */
  canonical: string;
  kind: EntityKind;
  /** Every name that means this entity: the canonical one, short forms, aliases (Latin ones matched case-insensitively). */
  names: string[];
  /** Named by an encyclopedia-style opening ("X（学名…）", "X是…"): what the whole article is about. */
  topic?: boolean;
}

export interface EntityMention {
  canonical: string;
  kind: EntityKind;
  /** The name as it stands in the text. */
  name: string;
  at: number;
}

export interface EntityIndex {
  entities: Entity[];
  get(canonical: string): Entity | undefined;
  /** Every mention in a text, longest names first, no two overlapping, in order of appearance. */
  find(text: string): EntityMention[];
}

export interface EntityOptions {
  /** Words before an organisation ending that may belong to its name ("衡信 消费 金融"). */
  maxOrgPrefixWords: number;
  /** A word the dictionary does not know (and no shape explains) is a name when the article repeats it. */
  minUnknownWordCount: number;
  /** A two-character person's name with no title before it counts when the article uses it this often. */
  minUntitledNameCount: number;
  /** Longest organisation-name prefix, in characters ("远联消费金融" fits; a clause does not). */
  maxOrgPrefixChars: number;
}
export const DEFAULT_ENTITY_OPTIONS: EntityOptions = { maxOrgPrefixChars: 8, maxOrgPrefixWords: 3, minUnknownWordCount: 2, minUntitledNameCount: 3 };

const HAN = /^\p{Script=Han}+$/u;
const MEASURE_NAMES = new Set(MEASURES.flatMap((m) => m.words).map((w) => w.toLowerCase()));
const MEASURE_PREFIXES = new Set([...MEASURE_NAMES].flatMap((w) => [...w].map((_, i) => w.slice(0, i)).filter((p) => [...p].length >= 2)));
/** Endings of a group's own name: its bare short name means it. */
const PARENT_ENDINGS = ['集团', '控股', '公司'];
const LATIN_WORD = /^[A-Za-z][A-Za-z0-9&'’.-]*$/;
// Latin words that end a company's name ("Tower Semiconductor", "Applied Materials").
const LATIN_ORG_ENDING = /^(Inc|Ltd|Corp|Corporation|Co|Group|Holdings|Bank|Capital|Semiconductor|Materials|Technologies|Technology|Systems|Electronics|Networks|Partners|Fund|Securities|Insurance|Motors|Labs|Foundry|Fab)\.?$/i;
// Quoted names: “拍一拍”, 《财富》, 「…」 — short, with no sentence punctuation inside.
const QUOTED = /[“「《]([^“”「」《》。，,！？!?；;：:]{2,8})[”」》]/gu;
// Tags of words that may be part of a name before an organisation ending.
// Tags the segmenter gives names (people, places, organisations, other proper nouns, Latin words).
// Tags of name words; zg/g are bound morphemes the segmenter could not place ("曜/zg 森/n 集团"), which in
// front of an organisation ending are part of its name.
const NAME_TAGS = /^(x|nz|nr|nrt|nrfg|ns|nt|eng|zg|g)$/;

interface Candidate {
  name: string;
  kind: EntityKind;
  /** Written right after a title ("副总裁赵文", "CTO 周远航"): a name for sure. */
  titled?: boolean;
}

// Titles that stand before a person's name in news writing.
const TITLE_BEFORE_NAME = /(?:CEO|CFO|CTO|COO|总裁|董事长|董事|总经理|经理|总监|负责人|创始人|主席|行长|合伙人|高管|教授|博士|先生|女士|记者|分析师|首席\S{0,4}官)$/;

/** Shaped like a Chinese person's name: a known surname and one or two more characters. */
export function personShaped(word: string): boolean {
  const len = [...word].length;
  if (!HAN.test(word) || len < 2 || len > 4 || [...word].some((c) => FUNCTION_CHARS.has(c))) return false;
  if (len === 4) return SURNAMES.has(word.slice(0, 2));
  return SURNAMES.has(word[0]!) || SURNAMES.has(word.slice(0, 2));
}

/** A word the general dictionary does not know, found by the segmenter's model: most likely a name. */
const unknownWord = (w: string) => HAN.test(w) && [...w].length >= 2 && !inDictionary(w);

/** Candidates from one paragraph's tagged words; words the dictionary does not know are counted apart. */
type Tagged = { word: string; tag: string }[];

function candidatesOf(
  tags: Tagged,
  text: string,
  options: EntityOptions,
  namesBeforeEndings: Set<string>,
  frequency: (s: string) => number,
): { found: Candidate[]; unknown: string[]; declared: Declared[] } {
  const found: Candidate[] = [];
  const unknown: string[] = [];
  const declared: Declared[] = [];
  for (let i = 0; i < tags.length; i++) {
    const { word, tag: t } = tags[i]!;
    if (LATIN_WORD.test(word)) {
      const run = [word];
      while (tags[i + 1]?.word === ' ' && LATIN_WORD.test(tags[i + 2]?.word ?? '') && /^[A-Z]/.test(tags[i + 2]!.word)) {
        run.push(tags[i + 2]!.word);
        i += 2;
      }
      // "Intel CEO Pat Gelsinger": a title between Latin names divides them (the company, its officer).
      for (const part of splitAtTitles(run)) {
        const latin = latinCandidate(part);
        if (latin) found.push(latin);
      }
      continue;
    }
    if (!HAN.test(word)) continue;
    const person = misreadPerson(tags, i, personAt(tags, i, (name) => frequency(name) >= options.minUnknownWordCount));
    const before = (tags[i - 1]?.word === ' ' ? tags[i - 2] : tags[i - 1])?.word ?? '';
    if (person) found.push({ name: person, kind: 'person', titled: TITLE_BEFORE_NAME.test(before) });
    // "上市公司", "金融公司": a generic word before the ending names a kind of company, not one.
    else if (t === 'nt' && !genericOrg(word)) found.push({ name: word, kind: 'org' });
    else if (t === 'nrt' && [...word].length >= 3) found.push({ name: word, kind: 'org' });
    else if (unknownWord(word) && [...word].length <= 4 && !DEICTIC_START.test(word) && ![...word].some((c) => FUNCTION_CHARS.has(c))) unknown.push(word);
    const org = orgEndingAt(tags, i, options, namesBeforeEndings);
    if (org) found.push({ name: org, kind: 'org' });
  }
  for (const m of text.matchAll(QUOTED)) {
    const name = m[1]!.trim();
    // “岚桥物流” after 下称/简称 is the short name of the organisation just named.
    if (SHORT_NAME_DECLARED.test(text.slice(Math.max(0, m.index! - 6), m.index!))) {
      const full = text.slice(0, m.index!).replace(SHORT_NAME_DECLARED, '');
      const isOrg = ORG_ENDINGS.some((e) => full.endsWith(e));
      found.push({ name, kind: isOrg ? 'org' : 'product' });
      if (isOrg) declared.push({ name, before: full.slice(-DECLARED_OWNER_REACH) });
    } else if (m[0].startsWith('《') || quotedName(name)) found.push({ name, kind: 'product' });
  }
  return { found, unknown, declared };
}

/** A short name the article declares ("澜辰新能源科技股份有限公司（下称“澜辰新能”）") and the text before it. */
interface Declared {
  name: string;
  before: string;
}
// How far before 下称 the full name may start, in characters (a long company name fits).
const DECLARED_OWNER_REACH = 24;

/** A declared short name is another name of the organisation just before it, never an entity of its own
 * (it need not be a prefix: "岚州农商银行" for "岚州农村商业银行股份有限公司"). */
function mergeDeclared(byName: Map<string, Entity>, declared: Declared[]): void {
  for (const { name, before } of declared) {
    const owner = [...new Set(byName.values())]
      .filter((e) => e.kind === 'org' && !e.names.includes(name))
      .map((e) => ({ e, at: Math.max(...e.names.map((n) => before.lastIndexOf(n))) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => b.at - a.at || b.e.canonical.length - a.e.canonical.length)[0]?.e;
    if (!owner) continue;
    const own = byName.get(name);
    if (own && own !== owner) {
      byName.delete(name);
      for (const n of own.names) if (!owner.names.includes(n)) owner.names.push(n);
    } else if (!owner.names.includes(name)) owner.names.push(name);
  }
}

// "（下称“岚桥物流”）", "(以下简称“华行”)": the article declares the short name it will use.
const SHORT_NAME_DECLARED = /[（(]?\s*(?:以下|下文)?(?:简称|下称|称)\s*$/;
/** Quoted words are often an idiom or a catchphrase (“退居二线”, “增收不增利”), not a name: a quoted name is
 * no dictionary word, and holds no adverb, particle or preposition (a name is not a clause). */
const quotedName = (name: string): boolean => !inDictionary(name) && !tag(name).some((t) => CLAUSE_TAGS.test(t.tag));
const CLAUSE_TAGS = /^(?:d|p|u[a-z]*|c)$/;

const genericOrg = (word: string) => ORG_ENDINGS.some((e) => word.endsWith(e) && GENERIC_ORG_PREFIXES.has(word.slice(0, -e.length)));

/** A person's name: a surname-shaped word the dictionary does not know ("韩明远"), or a surname with the
 * given name the segmenter split off: "欧阳 澍" (compound surname), "贺 明山" (one-character surname
 * tagged as a name), "许知 远" (a surname-shaped pair whose third character the segmenter cut away; taken
 * only when the article repeats the three characters, as it does a name). */
function personAt(tags: Tagged, i: number, recurs: (name: string) => boolean): string | null {
  const { word, tag: t } = tags[i]!;
  const next = tags[i + 1];
  const nextChars = next && HAN.test(next.word) && ![...next.word].some((c) => FUNCTION_CHARS.has(c)) ? [...next.word].length : 0;
  // (The segmenter tags the cut-off character anyhow, 安 as a verb; the article repeating all three decides.)
  if (personShaped(word) && [...word].length === 2 && nextChars === 1 && !NOT_IN_NAMES.test(next!.tag) && recurs(word + next!.word)) return word + next!.word;
  // "总经理周慕白有过任职经历": after a title, the segmenter glues the verb onto a name it does not know.
  const glued = [...word].length === 3 && NAME_GLUE.test(word.slice(-1)) && TITLE_BEFORE_NAME.test(tags[i - 1]?.word ?? '') && unknownWord(word);
  if (glued && personShaped(word.slice(0, -1))) return word.slice(0, -1);
  if (personShaped(word) && (t === 'nrfg' || (t === 'nr' && [...word].length === 3) || unknownWord(word))) return word;
  // "简/a 鹤鸣/nrt": a surname character before a word tagged as a name starts that name, whatever its own tag.
  const splitGiven =
    (SURNAMES.has(word) && [...word].length === 2) ||
    (SURNAMES.has(word) && t === 'nr' && GIVEN_NAME_TAGS.test(next?.tag ?? '')) ||
    (SURNAMES.has(word) && [...word].length === 1 && /^(?:nr|nrt|nrfg)$/.test(next?.tag ?? '') && recurs(word + next!.word)) ||
    // "邵/nr 启明/v": a surname tagged as a name before a word of any content tag ("启明" a verb) is a name
    // when the article repeats the two together.
    (SURNAMES.has(word) && [...word].length === 1 && t === 'nr' && !NOT_IN_NAMES.test(next?.tag ?? 'x') && recurs(word + next!.word));
  if (splitGiven && nextChars >= 1 && nextChars <= 2) return word + next!.word;
  return null;
}

/** A surname-shaped word the segmenter cut out of other words is no person: right before an organisation
 * ending it is a trade name ("任泰丰银行": 任 + 泰丰银行), and when its surname character ends the word
 * before it while the rest is a word of its own, the cut went wrong ("现金红利" as 现 + 金红利). */
function misreadPerson(tags: Tagged, i: number, person: string | null): string | null {
  if (!person) return null;
  const next = tags[i + 1]?.word ?? '';
  const prev = tags[i - 1]?.word ?? '';
  if (ORG_ENDINGS.some((e) => next.startsWith(e))) return null;
  const rest = person.slice(1);
  if (HAN.test(prev) && inDictionary(prev.slice(-1) + person[0]) && [...rest].length >= 2 && inDictionary(rest)) return null;
  return person;
}

// Verbs and particles the segmenter glues after a name it does not know ("林然有", "林然是").
const NAME_GLUE = /^[有是在说将曾也都称则]$/;
// Tags no character of a name gets: prepositions, conjunctions, particles, adverbs, pronouns, numerals.
const NOT_IN_NAMES = /^(?:p|c|u[a-z]*|d|r|m|q)$/;
// Tags the segmenter gives a split-off given name: a name, a place, a noun, an adjective or unknown.
const GIVEN_NAME_TAGS = /^(?:nr|ns|n|ng|nz|a|ag|x|g)$/;

/** "沧澜云", "启衡云": an organisation's short name with one more character, where that character starts no
 * word of its own ("沧澜今年" is 沧澜 + 今年) and no longer name, is a product line of its own when the
 * article writes it again and again. */
function addLineNames(byName: Map<string, Entity>, texts: string[], options: EntityOptions): void {
  const names = [...byName.values()].flatMap((e) => e.names);
  const shorts = new Set([...byName.values()].filter((e) => e.kind === 'org').flatMap((e) => e.names.filter((n) => HAN.test(n) && [...n].length === 2)));
  const followers = new Map<string, Set<string>>();
  for (const text of texts) {
    for (const short of shorts) {
      for (let at = text.indexOf(short); at >= 0; at = text.indexOf(short, at + 1)) {
        const c = text[at + short.length] ?? '';
        const after = text[at + short.length + 1] ?? '';
        const line = short + c;
        if (!HAN.test(c) || FUNCTION_CHARS.has(c) || (HAN.test(after) && inDictionary(c + after))) continue;
        if (names.some((n) => n.startsWith(line) && n !== line)) continue;
        followers.set(line, (followers.get(line) ?? new Set()).add(after));
      }
    }
  }
  // A word ends after the character only where what follows varies ("沧澜云则…", "沧澜云今年…"); the same
  // follower every time ("铂川冷链", "铂川冷链") means a longer word.
  for (const [name, after] of followers) if (after.size >= options.minUnknownWordCount && !byName.has(name) && !inDictionary(name)) byName.set(name, { canonical: name, kind: 'product', names: [name] });
}

/** "Kestrel Systems" -> "Kestrel": the name's first word before a company ending is the same company. */
const latinShortForm = (full: string, short: string): boolean => {
  const words = full.split(/\s+/);
  return words.length === 2 && words[0] === short && LATIN_ORG_ENDING.test(words[1]!);
};

/** A run of Latin words cut at generic acronyms standing inside it; an acronym at an edge stays for latinCandidate. */
function splitAtTitles(run: string[]): string[][] {
  const parts: string[][] = [[]];
  run.forEach((w, i) => {
    if (GENERIC_ACRONYMS.has(w) && i > 0 && i < run.length - 1) parts.push([]);
    else parts[parts.length - 1]!.push(w);
  });
  return parts.filter((p) => p.length);
}

// Units written in Latin letters after a figure ("86.4GWh", "12GW"): no names.
const LATIN_UNIT = /^(?:[kMGT]?Wh|[kMGT]W|Ah|mAh|km|kg|mm|cm)$/;
function latinCandidate(run: string[]): Candidate | null {
  if (run.every((w) => LATIN_PERIOD.test(w) || LATIN_UNIT.test(w))) return null;
  const words = run.filter((w, i) => !(GENERIC_ACRONYMS.has(w) && (i === 0 || i === run.length - 1)) || run.length === 1);
  if (!words.length || (words.length === 1 && (GENERIC_ACRONYMS.has(words[0]!) || !/[A-Z]/.test(words[0]!) || words[0]!.length < 2))) return null;
  const name = words.join(' ');
  if (LATIN_ORG_ENDING.test(words[words.length - 1]!)) return { name, kind: 'org' };
  const capitalisedWords = words.every((w) => /^[A-Z][a-z]+$/.test(w));
  return { name, kind: words.length >= 2 && words.length <= 3 && capitalisedWords ? 'person' : 'org' };
}

// Measures of a year's flow that an ending word may head ("保险服务收入", "银行业务利润"); a stock such as
// 资产 may follow a name ("青石保险资产管理有限公司").
const FLOW_MEASURE_END = /(?:收入|利润|费用|成本|率)$/;
/** "实现保险服务收入": an ending word that heads a measure's compound ("保险服务收入") ends no name. */
function measureCompoundAt(tags: Tagged, i: number): boolean {
  // (A name followed by a measure of its own, "云商银行不良率", "星河集团净利润", is still a name.)
  if (findMeasures(tags[i + 1]?.word ?? '')[0]?.at === 0) return false;
  let after = '';
  for (let j = i + 1; j < Math.min(tags.length, i + 4) && /^(?:n|vn)$/.test(tags[j]!.tag); j++) {
    after += tags[j]!.word;
    if (FLOW_MEASURE_END.test(after)) return true;
  }
  return false;
}

/** "云商 银行", "启衡 集团", "衡信 消费 金融", "鼎信 会计师 事务所": name words (or a name followed by
 * generic words) before an organisation ending make one organisation name. A name the dictionary does not
 * know, or one the segmenter tags as a name, may open a longer name; an ordinary noun ("星河") opens only
 * itself, so "典型代表恒业消金" gives 恒业消金. */
function orgEndingAt(tags: Tagged, i: number, options: EntityOptions, namesBeforeEndings: Set<string>): string | null {
  const word = tags[i]!.word;
  const ending = ORG_ENDINGS.find((e) => word === e);
  if (!ending || measureCompoundAt(tags, i)) return null;
  const clean = (w: string) => ![...w].some((c) => FUNCTION_CHARS.has(c)) && !DEICTIC_START.test(w);
  const proper = (w: string, t: string) => clean(w) && (unknownWord(w) || NAME_TAGS.test(t) || namesBeforeEndings.has(w));
  const noun = (w: string, t: string) => clean(w) && /^(n|nz|j)$/.test(t) && !GENERIC_ORG_PREFIXES.has(w);
  const words: { w: string; t: string }[] = [];
  for (let j = i - 1; j >= Math.max(0, i - options.maxOrgPrefixWords); j--) {
    const { word: w, tag: t } = tags[j]!;
    // A person's name is not part of an organisation's ("由贺明山集团"), but a two-character trade name that
    // merely looks like one stands right before the ending ("鹤岭证券").
    const personLike = personShaped(w) && unknownWord(w) && !(j === i - 1 && [...w].length === 2);
    const usable = (HAN.test(w) || LATIN_WORD.test(w)) && !STOP_WORDS.has(w) && !ORG_ENDINGS.includes(w) && !personLike;
    const fits = proper(w, t) || noun(w, t) || GENERIC_ORG_PREFIXES.has(w) || /^(n|vn)$/.test(t);
    if (!usable || !fits || [...words.map((x) => x.w).join('') + w].length > options.maxOrgPrefixChars) break;
    words.unshift({ w, t });
  }
  const firstProper = words.findIndex((x) => proper(x.w, x.t));
  const nearestNoun = words.length && FORM_ENDINGS.has(ending) && noun(words[words.length - 1]!.w, words[words.length - 1]!.t) ? words.length - 1 : -1;
  const start = firstProper >= 0 ? firstProper : nearestNoun;
  const name = start >= 0 ? words.slice(start).map((x) => x.w).join('') : '';
  if ([...name].length < 2) return null;
  // "资管子公司", "全资子公司": a kind of company (a subsidiary), not a name — the segmenter may cut it "管子/公司".
  if (ending === '公司' && /(?:^|^\p{Script=Han}{1,2})子$/u.test(name)) return null;
  // "岚溪农村商业银行股份(有限公司)": the legal form after a name that already ends as one is not its name.
  return ending === LEGAL_FORM && ORG_ENDINGS.some((e) => name.endsWith(e) && name.length > e.length) ? name : name + ending;
}
const LEGAL_FORM = '股份';

// An encyclopedia-style opening names its topic first: "纽西兰鸡毛松（学名：…）", "蓝线裸顶鲷，又称…",
// "路口镇位于…", "X是…".
const TOPIC_OPENING = /^([^，,。；;：:（(《》“”\s\d]{2,12}?)\s*(?:[（(，,：:]|是|为|位于|又称|又名|，?简称)/u;

/** The topic an opening sentence names, when the article keeps coming back to it. */
function topicOf(first: string, all: string): string | undefined {
  const m = TOPIC_OPENING.exec(first.trim());
  const topic = m?.[1];
  if (!topic || !/\p{Script=Han}/u.test(topic) || STOP_WORDS.has(topic) || DEICTIC_START.test(topic)) return undefined;
  // "X（学名…）", "X，又称…" introduce a name beyond doubt; a bare "X是…" must be borne out by a return.
  // A biography opens with its subject's name and a comma ("罗思远，男，汉族"): named once, it is still
  // the one every following line is about.
  const introduced = NAMING_MARKER.test(first.trim().slice(m![0].length - 3, m![0].length + 2)) || (/[，,]$/.test(m![0]) && personShaped(topic));
  return introduced || all.split(topic).length - 1 >= TOPIC_MIN_MENTIONS ? topic : undefined;
}
/** The topic must come back at least once after the opening, unless the opening names it as such. */
const TOPIC_MIN_MENTIONS = 2;
const NAMING_MARKER = /[（(]|又称|又名|简称|学名|别名|俗名|俗称/;

// Tags of words that govern or link an ending rather than name it ("按照公司", "对于集团").
const GOVERNING_TAGS = /^(?:p|d|c|r|m|q|u[a-z]*)$/;
/** Words that stand before organisation endings again and again ("启衡" in 启衡集团, 启衡银行): whatever
 * the dictionary says they mean, here they are a name. */
function repeatedBeforeEndings(paragraphs: Tagged[], options: EntityOptions): Set<string> {
  const counts = new Map<string, number>();
  for (const tags of paragraphs) {
    tags.forEach(({ word }, i) => {
      const before = tags[i - 1]?.word ?? '';
      if (!ORG_ENDINGS.includes(word) || !HAN.test(before) || [...before].length < 2 || measureCompoundAt(tags, i)) return;
      // (A preposition, adverb, pronoun or conjunction before the ending governs it or links it, "按照公司",
      // "对于集团": no name. Verbs are not told apart: the segmenter tags coined names "启衡" as verbs.)
      if (GOVERNING_TAGS.test(tags[i - 1]!.tag)) return;
      if (GENERIC_ORG_PREFIXES.has(before) || STOP_WORDS.has(before) || ORG_ENDINGS.includes(before) || DEICTIC_START.test(before)) return;
      if ([...before].some((c) => FUNCTION_CHARS.has(c))) return;
      counts.set(before, (counts.get(before) ?? 0) + 1);
    });
  }
  return new Set([...counts].filter(([, n]) => n >= options.minUnknownWordCount).map(([w]) => w));
}

/** Short forms the article uses on their own: "云商" for 云商银行, "Ellwanger" for Russell Ellwanger. */
function shortForms(entity: Entity, text: string, counts: Map<string, number>): string[] {
  const out: string[] = [];
  const c = entity.canonical;
  if (entity.kind === 'org' && HAN.test(c)) {
    const prefix = tradeNameOf(c) ?? '';
    // (A place, "岚州市" of 岚州市金融控股集团, names a city, not the group.)
    if (prefix && !GENERIC_ORG_PREFIXES.has(prefix) && !ADMINISTRATIVE_PLACE.test(prefix) && standalone(prefix, text)) out.push(prefix);
  } else if (/ /.test(c)) {
    const words = c.split(' ');
    const short = entity.kind === 'person' ? words[words.length - 1]! : words[0]!;
    if (short.length >= 4 && !GENERIC_ACRONYMS.has(short) && standalone(short, text)) out.push(short);
  }
  return out.filter((s) => (counts.get(s) ?? 0) === 0);
}

/** The topic an opening names is an entity, flagged as the article's topic. */
function markTopic(byName: Map<string, Entity>, topic: string | undefined): void {
  if (!topic) return;
  const known = byName.get(topic) ?? [...byName.values()].find((e) => e.names.includes(topic));
  if (known) known.topic = true;
  else byName.set(topic, { canonical: topic, kind: 'other', names: [topic], topic: true });
}

/** A person's name cut short ("顾南" of 顾南屏, "景川" of 邵景川) is that person, and a word found on its own
 * that starts one organisation's name ("沁岚" of 沁岚茶饮控股) is its short name: merged, when only one
 * name holds the part. */
function mergeParts(byName: Map<string, Entity>): void {
  const all = [...byName.values()];
  for (const part of all) {
    const n = part.canonical;
    if (!HAN.test(n) || [...n].length < 2 || (part.kind !== 'person' && part.kind !== 'other')) continue;
    const holders = all.filter((e) => e !== part && e.names.some((x) => x !== n && x.includes(n)) && (part.kind === 'person' ? e.kind === 'person' : e.kind === 'org' && e.names.some((x) => x.startsWith(n))));
    if (holders.length !== 1 || !byName.has(n)) continue;
    byName.delete(n);
    if (!holders[0]!.names.includes(n)) holders[0]!.names.push(n);
  }
}

/** A trade name is coined, not a word ("晟曜" of 晟曜光能): a reader calls the company by it even where the
 * article never does, so it is a name too when the article uses it for nothing else. */
function addCoinedNames(byName: Map<string, Entity>, text: string): void {
  const taken = new Set([...byName.values()].flatMap((e) => e.names));
  const names = [...taken];
  for (const e of byName.values()) {
    const c = e.canonical;
    const coined = [...c].slice(0, 2).join('');
    if (e.kind !== 'org' || !HAN.test(c) || [...c].length < 4 || e.names.some((n) => [...n].length === 2) || taken.has(coined)) continue;
    // (Not when another name holds the same two characters: then they tell no one apart.)
    const shared = names.some((n) => n.includes(coined) && !e.names.includes(n));
    // (Nor words the segmenter reads as a verb or an adverb: "获聘集团" is no company's name.)
    const wordLike = /^[vdpcr]/.test(tag([...coined][0]!)[0]?.tag ?? '');
    if (shared || wordLike || GENERIC_ORG_PREFIXES.has(coined) || inDictionary(coined) || !text.includes(c)) continue;
    e.names.push(coined);
    taken.add(coined);
  }
}

// A place named with its administrative unit: "岚州市", "江宁区", "湖南省".
const ADMINISTRATIVE_PLACE = /^\p{Script=Han}{2,4}[省市县区]$/u;

/** The word occurs somewhere not followed by an organisation ending. */
function standalone(word: string, text: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const rest = text.slice(at + word.length, at + word.length + 3);
    if (!ORG_ENDINGS.some((e) => rest.startsWith(e))) return true;
  }
  return false;
}

export function deriveEntities(paragraphs: string[], aliases: Aliases, options: EntityOptions = DEFAULT_ENTITY_OPTIONS): EntityIndex {
  const texts = paragraphs.map((p) => tightenSpacing(p));
  const all = texts.join('\n');
  // Counted lazily and remembered: a long article has thousands of candidate names.
  const counts = new Map<string, number>();
  const frequency = (s: string) => {
    let n = counts.get(s);
    if (n === undefined) {
      n = 0;
      for (let at = all.indexOf(s); at >= 0; at = all.indexOf(s, at + s.length)) n++;
      counts.set(s, n);
    }
    return n;
  };
  const tagged = new Map(texts.map((t) => [t, tag(t)]));
  const namesBeforeEndings = repeatedBeforeEndings([...tagged.values()], options);
  const byName = new Map<string, Entity>();
  const unknownCounts = new Map<string, number>();
  const declared: Declared[] = [];
  // A measure's own name ("Market Cap", "ARR") is what is measured, never who owns a figure.
  const add = (name: string, kind: EntityKind) => {
    if (MEASURE_NAMES.has(name.toLowerCase())) return;
    // (Nor a piece the segmenter cut from a measure's name: "归母" of 归母净利润.)
    if (kind === 'other' && MEASURE_PREFIXES.has(name)) return;
    // A kind of body with no name before it ("会计师事务所", "研究院") is no one's name.
    if (kind === 'org' && ORG_ENDINGS.includes(name)) return;
    if (!byName.has(name)) byName.set(name, { canonical: name, kind, names: [name] });
  };
  for (const text of texts) {
    const { found, unknown, declared: shorts } = candidatesOf(tagged.get(text)!, text, options, namesBeforeEndings, frequency);
    declared.push(...shorts);
    for (const c of found) {
      // A two-character "name" is as likely a word the segmenter guessed ("管钱") unless a title stands before
      // it or the article keeps using it.
      if (c.kind === 'person' && [...c.name].length === 2 && !c.titled && frequency(c.name) < options.minUntitledNameCount) continue;
      add(c.name, c.kind);
    }
    for (const u of unknown) unknownCounts.set(u, (unknownCounts.get(u) ?? 0) + 1);
  }
  for (const [word, n] of unknownCounts) if (n >= options.minUnknownWordCount && !byName.has(word)) add(word, 'other');
  // Short forms: the most frequent full name with that short form owns it.
  const taken = new Map<string, number>();
  // A bare short name ("启衡") means the group, not one of its subsidiaries; otherwise the most frequent.
  const parent = (e: Entity) => (PARENT_ENDINGS.some((x) => e.canonical.endsWith(x)) ? 1 : 0);
  const entities = [...byName.values()].sort((a, b) => parent(b) - parent(a) || frequency(b.canonical) - frequency(a.canonical));
  for (const e of entities) {
    for (const s of shortForms(e, all, taken)) {
      if (byName.has(s) && byName.get(s) !== e) {
        // A Latin word found on its own ("Intel") names a thing of its own ("Intel Foundry Services" is a
        // part of it), unless the full name is that word and a company ending ("Kestrel Systems"); a Chinese
        // short form found as a word ("云商") is this entity's name.
        if (/[A-Za-z]/.test(s) && !latinShortForm(e.canonical, s)) continue;
        byName.delete(s);
      }
      e.names.push(s);
      taken.set(s, 1);
    }
  }
  mergeDeclared(byName, declared);
  addLineNames(byName, texts, options);
  mergeParts(byName);
  addCoinedNames(byName, all);
  addNicknames(byName, texts);
  markTopic(byName, topicOf(texts[0] ?? '', all));
  for (const a of aliases.aliases) {
    let e = [...byName.values()].find((x) => x.canonical === a.means || x.names.includes(a.means));
    if (!e) {
      e = { canonical: a.means, kind: a.kind ?? 'other', names: [a.means] };
      byName.set(a.means, e);
    }
    if (a.kind) e.kind = a.kind;
    for (const n of a.names) {
      const other = byName.get(n);
      if (other && other !== e) byName.delete(n);
      if (!e.names.includes(n)) e.names.push(n);
    }
  }
  return entityIndex([...new Set(byName.values())]);
}

// "被同事们称为“许工”", "英文名Owen", "花名青禾", "人称“罗老板”": another name a person goes by.
const NICKNAME = /(?:被[^，。；]{0,8}?(?:称为|称作|叫做|叫作|唤作)|人称|外号|绰号|昵称|花名|英文名(?:为|是|叫)?)[“"「]?([\p{Script=Han}]{2,4}|[A-Z][A-Za-z]{1,15})[”"」]?/gu;
/** A nickname joins the names of the person the sentence names last before it. */
function addNicknames(byName: Map<string, Entity>, texts: string[]): void {
  const people = [...byName.values()].filter((e) => e.kind === 'person');
  for (const text of texts) {
    for (const m of text.matchAll(NICKNAME)) {
      const nick = m[1]!;
      const sentenceStart = Math.max(...[...'。！？!?'].map((c) => text.lastIndexOf(c, m.index!))) + 1;
      const before = text.slice(sentenceStart, m.index!);
      const owner = people
        .map((e) => ({ e, at: Math.max(...e.names.map((n) => before.lastIndexOf(n))) }))
        .filter((x) => x.at >= 0)
        .sort((a, b) => b.at - a.at)[0]?.e;
      if (!owner || owner.names.includes(nick)) continue;
      const other = byName.get(nick);
      if (other && other !== owner) {
        if (other.names.length > 1) continue;
        byName.delete(nick);
      }
      owner.names.push(nick);
    }
  }
}

/** Texts up to this long have their mentions remembered (sentences, chunks, questions; not a whole article). */
const FIND_MEMO_MAX_CHARS = 2000;
/** At most this many remembered texts (~a few MB at most); then the memory starts again. */
const FIND_MEMO_MAX_ENTRIES = 20_000;

/**
 * Longest-match lookup keyed by first character; Latin names match case-insensitively on word edges.
 * Per first character, only the name lengths that occur are tried, longest first, each with one map lookup:
 * a long article has hundreds of names sharing a first character (a surname), and testing each in turn at
 * every position made finding them the largest cost of a question.
 */
export function entityIndex(entities: Entity[]): EntityIndex {
  const byCanonical = new Map(entities.map((e) => [e.canonical, e]));
  // Lowercased name -> the first entity (in list order) with that name: of equally long candidates, the
  // first listed wins, and only one name of a given length can stand at a position.
  const byKey = new Map<string, { name: string; entity: Entity }>();
  const lengthsByFirst = new Map<string, number[]>();
  for (const entity of entities) {
    for (const name of entity.names) {
      const key = name.toLowerCase();
      if (!byKey.has(key)) byKey.set(key, { name, entity });
      const lengths = lengthsByFirst.get(key[0]!) ?? [];
      if (!lengths.includes(key.length)) lengths.push(key.length);
      lengthsByFirst.set(key[0]!, lengths);
    }
  }
  for (const lengths of lengthsByFirst.values()) lengths.sort((a, b) => b - a);
  const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  // Answering looks for names in the same sentences question after question: remembered, within bounds.
  const memo = new Map<string, EntityMention[]>();
  function find(text: string): EntityMention[] {
    if (text.length > FIND_MEMO_MAX_CHARS) return scan(text);
    let found = memo.get(text);
    if (!found) {
      if (memo.size >= FIND_MEMO_MAX_ENTRIES) memo.clear();
      memo.set(text, (found = scan(text)));
    }
    return found.slice();
  }
  function scan(text: string): EntityMention[] {
    const lower = text.toLowerCase();
    const out: EntityMention[] = [];
    for (let at = 0; at < lower.length; ) {
      let hit: { key: string; entity: Entity } | undefined;
      for (const length of lengthsByFirst.get(lower[at]!) ?? []) {
        const key = lower.slice(at, at + length);
        const c = key.length === length ? byKey.get(key) : undefined;
        // A Latin name is a whole word ("Star" is not in "important").
        if (!c || (isLatin(key[0]) && isLatin(lower[at - 1])) || (isLatin(key[length - 1]) && isLatin(lower[at + length]))) continue;
        hit = { key, entity: c.entity };
        break;
      }
      if (hit) {
        out.push({ canonical: hit.entity.canonical, kind: hit.entity.kind, name: text.slice(at, at + hit.key.length), at });
        at += hit.key.length;
      } else at += 1;
    }
    return out;
  }
  return { entities, get: (c) => byCanonical.get(c), find };
}
