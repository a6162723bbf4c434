// Metamorphic tests in the CheckList style (Ribeiro et al., "Beyond Accuracy: Behavioral Testing of NLP
// Models with CheckList", ACL 2020). From every dev question we derive variants a reader would take for the
// same question — other script, other width, chat fillers, spaces, an IME typo, an everyday verb — and require
// the engine to answer them the way it answers the original (INV: same kind, same first cited chunk). A
// directional test (DIR) changes the question so the answer must change: a year the article never mentions
// turns an answerable question into not_found.
//
// Everything here is deterministic: each (question, generator) pair draws from its own seeded PRNG, so adding
// a generator or a question never reshuffles the variants of the others.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict as jiebaDict } from '@node-rs/jieba/dict.js';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { EVENT_CLASSES } from '../src/genre/events.js';

// ---------------------------------------------------------------------------------------------------------
// Inputs

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface DevQuestion {
  id: string;
  q: string;
  expect: { any?: string[]; refuse?: boolean };
}

/** The shared dev set (`../shared/eval/dev.jsonl` beside the project); a fresh clone has no ../shared, so
 * fall back to the copy in test/fixtures. */
export function devQuestionsPath(): string {
  const shared = join(PROJECT_ROOT, '..', 'shared', 'eval', 'dev.jsonl');
  return existsSync(shared) ? shared : join(PROJECT_ROOT, 'test', 'fixtures', 'dev-questions.jsonl');
}

export function loadDevQuestions(path = devQuestionsPath()): DevQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevQuestion);
}

export const isAnswerable = (q: DevQuestion): boolean => !q.expect.refuse && (q.expect.any?.length ?? 0) > 0;

// ---------------------------------------------------------------------------------------------------------
// Determinism

/** FNV-1a, to derive a seed from a name. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type Rng = () => number;

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = 20200705; // ACL 2020
export const rngFor = (...parts: string[]): Rng => mulberry32(hash32(`${SEED}:${parts.join(':')}`));

function shuffled<T>(xs: readonly T[], rng: Rng): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const uniq = (xs: string[], original: string): string[] => [...new Set(xs)].filter((x) => x !== original && x.length > 0);

const HAN = /\p{Script=Han}/u;
const isHan = (c: string): boolean => HAN.test(c);
const isChinese = (q: string): boolean => [...q].filter(isHan).length >= 2;

// ---------------------------------------------------------------------------------------------------------
// Context shared by the generators: what the article contains, and a segmenter.

export interface Context {
  /** Every character of the article. */
  articleChars: Set<string>;
  /** Years (4 digits) the article mentions. */
  articleYears: Set<number>;
  /** Names of the article's entities (people, organisations, products), longest first. */
  names: string[];
  /** Toneless pinyin → common characters with that default reading, most frequent first. */
  homophones: Map<string, string[]>;
  jieba: Jieba;
}

export interface ContextInput {
  articleText: string;
  /** Names of the article's entities (e.g. from `article.entities`). */
  names: string[];
  /** Texts whose characters count as common ones besides the article (the questions). */
  questionTexts: string[];
}

/** Single characters of jieba's dictionary with their corpus frequency (the dictionary ships with the
 * segmenter, so this is the same list on every machine). */
function jiebaCharFrequencies(): Map<string, number> {
  const freq = new Map<string, number>();
  const text = Buffer.from(jiebaDict).toString('utf8');
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp < 0) continue;
    const w = line.slice(0, sp);
    if ([...w].length !== 1 || !isHan(w)) continue;
    const [count, tag] = line.slice(sp + 1).trim().split(' ');
    if (tag === 'zg') continue; // jieba's "zg" entries are mojibake (GBK read as UTF-8: 鍙, 鐜, 佸)
    freq.set(w, Number(count) || 0);
  }
  return freq;
}

/** How many of jieba's most frequent single characters count as "common". */
export const COMMON_CHARS = 3000;

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Toneless default reading of one character ("利" → "li"). */
const readingOf = (c: string): string => pinyin(c, { toneType: 'none', type: 'array' })[0] ?? '';

export function buildContext(input: ContextInput): Context {
  const articleChars = new Set([...input.articleText]);
  const articleYears = new Set([...input.articleText.matchAll(/(?<!\d)(19|20)\d\d(?!\d)/g)].map((m) => Number(m[0])));
  // Common characters: the article's and the questions' own characters (as the brief asks), plus the most
  // frequent single characters of jieba's dictionary — the article has under 900 distinct characters, so
  // homophones that are NOT in the article have to come from a wider list of everyday characters.
  const freq = jiebaCharFrequencies();
  const common = new Map<string, number>();
  for (const [c, f] of [...freq].sort((a, b) => b[1] - a[1]).slice(0, COMMON_CHARS)) common.set(c, f);
  for (const c of [input.articleText, ...input.questionTexts].join('')) if (isHan(c) && !common.has(c)) common.set(c, freq.get(c) ?? 0);
  const homophones = new Map<string, string[]>();
  for (const [c] of [...common].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (toSimplified(c) !== c) continue; // a traditional character is a script variant, not a typo (購 for 购)
    const r = readingOf(c);
    if (!r) continue;
    const list = homophones.get(r) ?? [];
    list.push(c);
    homophones.set(r, list);
  }
  const names = [...new Set(input.names.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  return { articleChars, articleYears, names, homophones, jieba: Jieba.withDict(jiebaDict) };
}

// ---------------------------------------------------------------------------------------------------------
// Variants

export type Relation = 'INV' | 'DIR_NOT_FOUND';

export interface Variant {
  generator: string;
  relation: Relation;
  qid: string;
  original: string;
  text: string;
}

export interface Generator {
  name: string;
  relation: Relation;
  /** The phenomenon the generator models. */
  models: string;
  /** Whether the generator applies to this dev question at all (DIR needs an answerable one). */
  applies?: (q: DevQuestion) => boolean;
  make: (q: string, ctx: Context, rng: Rng) => string[];
}

const twConverters = [
  OpenCC.Converter({ from: 'cn', to: 'tw' }),
  OpenCC.Converter({ from: 'cn', to: 'hk' }),
  OpenCC.Converter({ from: 'cn', to: 'twp' }),
];

/** Traditional characters: a reader in Taiwan or Hong Kong types the same question in traditional script
 * (character-level tw and hk, and Taiwan phrasing twp). */
export function traditional(q: string): string[] {
  return uniq(twConverters.map((c) => c(q)), q);
}

const toFullWidth = (s: string, re: RegExp): string =>
  s.replace(re, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

/** Full-width digits and Latin: a Chinese IME left in full-width mode types "２０２４" and "ＣＥＯ" — the inverse of
 * NFKC. Digits only, Latin only, both, and every printable ASCII character (punctuation and spaces too). */
export function fullWidth(q: string): string[] {
  return uniq(
    [toFullWidth(q, /[0-9A-Za-z]/g), toFullWidth(q, /[0-9]/g), toFullWidth(q, /[A-Za-z]/g), toFullWidth(q, /[!-~ ]/g)],
    q,
  );
}

const TRAILING_PUNCT = /[？?。.!！~～]*$/u;
const ALL_PUNCT = /[\p{P}\p{S}]/gu;

/** Chat fillers: polite or hesitant openers (请问/我想问一下/那个), sentence-final particles (呀/呢/啊), a doubled
 * question mark, and no punctuation at all — the way people type in a chat window. English questions get only
 * the punctuation variants. */
export function fillers(q: string, _ctx: Context, rng: Rng): string[] {
  const body = q.replace(TRAILING_PUNCT, '');
  const mark = q.slice(body.length) || '？';
  const out = [`${body}？？`, q.replace(ALL_PUNCT, '').trim()];
  if (!isChinese(q)) return uniq([...out, `${body}??`], q);
  const prefixes = ['请问', '我想问一下', '那个', '那个，'];
  const suffixes = ['呀', '呢', '啊'];
  for (const p of prefixes.slice(0, 3)) out.push(p + q);
  for (const s of suffixes) out.push(body + s + mark);
  // Two mixed ones: an opener, a particle and no punctuation, the way a hurried asker types.
  for (let i = 0; i < 2; i++) {
    const p = prefixes[Math.floor(rng() * prefixes.length)]!;
    const s = suffixes[Math.floor(rng() * suffixes.length)]!;
    out.push((p + body + s).replace(ALL_PUNCT, ''));
  }
  return uniq(out, q);
}

/** Spaces: the "pangu" habit of a space between Chinese and digits/Latin ("蚂蚁集团 2024 年"), a space between
 * every word, and one stray space at a random word boundary. */
export function spacing(q: string, ctx: Context, rng: Rng): string[] {
  const pangu = q.replace(/(\p{Script=Han})([0-9A-Za-z%])/gu, '$1 $2').replace(/([0-9A-Za-z%])(\p{Script=Han})/gu, '$1 $2');
  const words = ctx.jieba.cut(q, true).filter((w) => w.trim());
  const out = [pangu];
  if (isChinese(q)) {
    out.push(words.join(' ').replace(/ ([？?，,。])/g, '$1'));
    const boundaries: number[] = [];
    let at = 0;
    for (const w of words.slice(0, -1)) {
      at += w.length;
      if (!/[？?，,。\s]/.test(q[at] ?? '') && !/[？?，,。\s]/.test(q[at - 1] ?? '')) boundaries.push(at);
    }
    for (const b of shuffled(boundaries, rng).slice(0, 2)) out.push(`${q.slice(0, b)} ${q.slice(b)}`);
  }
  return uniq(out, q);
}

/** Question words (and chars of them) a typo must not touch: the question would ask something else. */
const QUESTION_CHARS = /[什么哪谁怎几啥吗呢何]/u;
const QUESTION_WORDS = new Set(['多少', '时候', '为什么', '如何', '是否', '何时', '哪年', '哪天']);
/** jieba tags of names; content words are nouns, verbs, adjectives and adverbs otherwise. */
const NAME_TAGS = /^(nr|ns|nt|nz|nrt|nrfg|eng|m|x)/;
const CONTENT_TAGS = /^(n|v|a|d|t)/;

interface TypoSite {
  at: number; // offset of the character in the question
  reading: string;
  /** Offset of the word it belongs to. */
  word: number;
}

/** Where a homophone typo may go: characters of 2+ character content words that are not part of a name,
 * not digits or Latin, not question words. */
export function typoSites(q: string, ctx: Context): TypoSite[] {
  const protectedAt = new Set<number>();
  for (const n of ctx.names) {
    for (let i = q.indexOf(n); i >= 0; i = q.indexOf(n, i + 1)) for (let k = i; k < i + n.length; k++) protectedAt.add(k);
  }
  const sites: TypoSite[] = [];
  let at = 0;
  for (const { word, tag } of ctx.jieba.tag(q, true)) {
    const start = at;
    at += word.length;
    if (word.length < 2 || ![...word].every(isHan) || NAME_TAGS.test(tag) || !CONTENT_TAGS.test(tag)) continue;
    if (QUESTION_CHARS.test(word) || QUESTION_WORDS.has(word)) continue;
    const readings = pinyin(word, { toneType: 'none', type: 'array' });
    if (readings.length !== word.length) continue;
    for (let k = 0; k < word.length; k++) {
      if (protectedAt.has(start + k)) continue;
      sites.push({ at: start + k, reading: readings[k]!, word: start });
    }
  }
  return sites;
}

/** Homophone typo: the pinyin IME offers a wrong character of the same toneless reading and the asker picks
 * it ("利润" → "利闰"). One character of one content word is replaced by a common character that the article
 * never uses, so the typo is a non-word for the article. Up to three variants, each at another word. */
export function homophoneTypo(q: string, ctx: Context, rng: Rng): string[] {
  const out: string[] = [];
  const used = new Set<number>();
  for (const site of shuffled(typoSites(q, ctx), rng)) {
    if (out.length >= 3) break;
    const original = q[site.at]!;
    const candidates = (ctx.homophones.get(site.reading) ?? []).filter((c) => c !== original && !ctx.articleChars.has(c) && !q.includes(c));
    if (!candidates.length) continue;
    // A word is typed wrongly once: skip a second site in the same jieba word.
    if (used.has(site.word)) continue;
    used.add(site.word);
    const pick = candidates.slice(0, 5)[Math.floor(rng() * Math.min(5, candidates.length))]!;
    out.push(q.slice(0, site.at) + pick + q.slice(site.at + 1));
  }
  return uniq(out, q);
}

/** The literal alternatives of a regex source: its leading `(?:a|b)` group, or its top-level `a|b`; an
 * optional last character (`进入?`) gives both forms; alternatives with any other syntax are dropped. */
export function literalAlternatives(source: string): string[] {
  let body = source;
  const group = /^\(\?:([^()]*)\)/.exec(source);
  if (group) body = group[1]!;
  else if (source.startsWith('(')) return []; // a capture group is the event's object (a role), not its verb
  const out: string[] = [];
  for (const alt of body.split('|')) {
    const m = /^([\p{Script=Han}A-Za-z]+?)(\p{Script=Han})\?$/u.exec(alt);
    if (m) out.push(m[1]!, m[1]! + m[2]!);
    else if (/^[\p{Script=Han}A-Za-z]+$/u.test(alt)) out.push(alt);
  }
  return [...new Set(out)];
}

/** Verbs of one event class: the `asked` alternatives (how questions say it) and, when those name no verb
 * (the role-taking class asks by the role), the `stated` ones. */
export const eventVerbs = (): { name: string; verbs: string[]; hasObject: boolean }[] =>
  EVENT_CLASSES.map((c, i) => {
    const asked = literalAlternatives(c.asked.source);
    const stated = literalAlternatives(c.stated.source);
    const verbs = asked.length >= 2 ? [...new Set([...asked, ...stated])] : stated;
    return { name: `${i}`, verbs, hasObject: !!c.hasObject };
  }).filter((c) => c.verbs.length >= 2);

/** Verbs that read only as passives ("被任命为"); "履新" wants "为" and reads oddly before a role: neither goes
 * into an active sentence. */
const PASSIVE = new Set(['任命', '委任']);
const NOT_ACTIVE = new Set([...PASSIVE, '履新']);
/** A verb that needs a preposition before its object ("跳槽到蚂蚁", "晋升为CFO"). */
const WITH_PREPOSITION: Record<string, string> = { 跳槽: '跳槽到', 晋升: '晋升为' };

/** Everyday verb: the asker names the event with another verb of the same event class in src/genre/events.ts
 * ("加入蚂蚁" → "进蚂蚁", "跳槽到蚂蚁"; "担任CFO" → "出任CFO"; "收购" → "买下"). */
export function everydayVerb(q: string): string[] {
  const out: string[] = [];
  for (const cls of eventVerbs()) {
    const found = [...cls.verbs].sort((a, b) => b.length - a.length).find((v) => q.includes(v));
    if (!found) continue;
    const at = q.indexOf(found);
    const passive = q[at - 1] === '被';
    for (const v of cls.verbs) {
      if (v === found || v.includes(found) || found.includes(v)) continue;
      const verb = WITH_PREPOSITION[v] ?? v;
      if (passive) {
        // "被任命为X" → "被委任为X", or the active "出任X".
        if (PASSIVE.has(v)) out.push(q.slice(0, at) + v + q.slice(at + found.length));
        else if (!NOT_ACTIVE.has(v) && q[at + found.length] === '为') out.push(q.slice(0, at - 1) + verb + q.slice(at + found.length + 1));
        continue;
      }
      if (NOT_ACTIVE.has(v)) continue;
      // "去了" before an object ("去了蚂蚁之前") is not how anyone asks; it stays for "离开了？" and the like.
      const rest = q.slice(at + found.length);
      if (v.endsWith('了') && rest && !/^(了|[\p{P}])/u.test(rest)) continue;
      out.push((q.slice(0, at) + verb + q.slice(at + found.length)).replace(/了了/g, '了').replace(/为为/g, '为'));
    }
  }
  return uniq(out, q);
}

/** Years the article never mentions, in a fixed order of preference (2031 first). */
const ABSENT_YEAR_CANDIDATES = [2031, 2036, 2029, 2038, 2033, 2027, 2035, 2008, 2039, 2012];

/** DIR — absent period: an answerable question about a year ("2024年的营收") asked about a year the article
 * never mentions must be refused (not_found), not answered with the nearest figure. Three years per question. */
export function absentYear(q: string, ctx: Context, rng: Rng): string[] {
  const years = [...q.matchAll(/(?<!\d)20\d\d(?!\d)/g)];
  if (!years.length) return [];
  const pool = ABSENT_YEAR_CANDIDATES.filter((y) => !ctx.articleYears.has(y));
  const picks = [pool[0]!, ...shuffled(pool.slice(1), rng).slice(0, 2)];
  return uniq(
    picks.map((y) => q.replace(/(?<!\d)20\d\d(?!\d)/g, String(y))),
    q,
  );
}

export const GENERATORS: Generator[] = [
  { name: 'traditional', relation: 'INV', models: 'traditional script (opencc cn→tw/hk/twp)', make: (q) => traditional(q) },
  { name: 'fullwidth', relation: 'INV', models: 'full-width digits/Latin/ASCII (NFKC inverse)', make: (q) => fullWidth(q) },
  { name: 'fillers', relation: 'INV', models: 'chat fillers, particles, ？？, no punctuation', make: fillers },
  { name: 'spacing', relation: 'INV', models: 'spaces between Chinese, numbers and words', make: spacing },
  { name: 'homophone', relation: 'INV', models: 'pinyin IME homophone typo in a content word', make: homophoneTypo },
  { name: 'everyday-verb', relation: 'INV', models: 'another verb of the same event class', make: (q) => everydayVerb(q) },
  { name: 'absent-year', relation: 'DIR_NOT_FOUND', models: 'a year the article never mentions → not_found', applies: isAnswerable, make: absentYear },
];

export function generateVariants(questions: DevQuestion[], ctx: Context, generators = GENERATORS): Variant[] {
  const out: Variant[] = [];
  for (const g of generators) {
    for (const q of questions) {
      if (g.applies && !g.applies(q)) continue;
      for (const text of g.make(q.q, ctx, rngFor(g.name, q.id))) out.push({ generator: g.name, relation: g.relation, qid: q.id, original: q.q, text });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Running

export interface AnswerLike {
  kind: 'fact' | 'passage' | 'not_found';
  answer: string;
  citations: { id: string; quote: string }[];
}

export interface Outcome {
  variant: Variant;
  originalKind: string;
  originalChunk: string | undefined;
  kind: string;
  chunk: string | undefined;
  answer: string;
  pass: boolean;
  /** INV only: the kinds agree and both are not_found, but the hint citations differ. */
  notFoundChunkOnly: boolean;
}

export interface GeneratorStats {
  generator: string;
  relation: Relation;
  variants: number;
  passed: number;
  rate: number;
}

export interface Report {
  outcomes: Outcome[];
  inv: { variants: number; passed: number; rate: number; lenientRate: number };
  dir: { variants: number; passed: number; rate: number };
  perGenerator: GeneratorStats[];
  ms: number;
}

export async function runMetamorphic(
  engine: { answer(q: string): Promise<AnswerLike> },
  questions: DevQuestion[],
  variants: Variant[],
): Promise<Report> {
  const t0 = Date.now();
  const originals = new Map<string, AnswerLike>();
  for (const q of questions) originals.set(q.q, await engine.answer(q.q));
  const outcomes: Outcome[] = [];
  for (const v of variants) {
    const o = originals.get(v.original)!;
    const a = await engine.answer(v.text);
    const chunk = a.citations[0]?.id;
    const originalChunk = o.citations[0]?.id;
    const pass = v.relation === 'INV' ? a.kind === o.kind && chunk === originalChunk : a.kind === 'not_found';
    outcomes.push({
      variant: v,
      originalKind: o.kind,
      originalChunk,
      kind: a.kind,
      chunk,
      answer: a.answer,
      pass,
      notFoundChunkOnly: !pass && v.relation === 'INV' && a.kind === 'not_found' && o.kind === 'not_found',
    });
  }
  const rate = (p: number, n: number) => (n ? p / n : 1);
  const inv = outcomes.filter((o) => o.variant.relation === 'INV');
  const dir = outcomes.filter((o) => o.variant.relation === 'DIR_NOT_FOUND');
  const invPassed = inv.filter((o) => o.pass).length;
  const invLenient = inv.filter((o) => o.pass || o.notFoundChunkOnly).length;
  const dirPassed = dir.filter((o) => o.pass).length;
  const names = [...new Set(variants.map((v) => v.generator))];
  const perGenerator = names.map((g) => {
    const os = outcomes.filter((o) => o.variant.generator === g);
    const passed = os.filter((o) => o.pass).length;
    return { generator: g, relation: os[0]!.variant.relation, variants: os.length, passed, rate: rate(passed, os.length) };
  });
  return {
    outcomes,
    inv: { variants: inv.length, passed: invPassed, rate: rate(invPassed, inv.length), lenientRate: rate(invLenient, inv.length) },
    dir: { variants: dir.length, passed: dirPassed, rate: rate(dirPassed, dir.length) },
    perGenerator,
    ms: Date.now() - t0,
  };
}

const pct = (r: number) => `${(100 * r).toFixed(1)}%`;

export function formatSummary(r: Report): string {
  const lines = [
    `metamorphic: ${r.outcomes.length} variants (${r.inv.variants} INV, ${r.dir.variants} DIR) in ${r.ms} ms`,
    `INV invariance ${r.inv.passed}/${r.inv.variants} = ${pct(r.inv.rate)} (ignoring not_found hint citations: ${pct(r.inv.lenientRate)})`,
    `DIR absent year → not_found ${r.dir.passed}/${r.dir.variants} = ${pct(r.dir.rate)}`,
    ...r.perGenerator.map((g) => `  ${g.generator.padEnd(14)} ${g.relation.padEnd(13)} ${String(g.passed).padStart(4)}/${String(g.variants).padEnd(4)} ${pct(g.rate)}`),
  ];
  return lines.join('\n');
}

/** Optional extra line per failure (the report script adds the engine's route and reason). */
export type Annotate = (o: Outcome) => string | undefined;

export function formatFailures(r: Report, perGenerator = 5, annotate?: Annotate): string {
  const lines: string[] = [];
  for (const g of r.perGenerator) {
    const fails = r.outcomes.filter((o) => o.variant.generator === g.generator && !o.pass);
    lines.push(`\n== ${g.generator}: ${g.variants} variants, ${g.passed} invariant, ${pct(g.rate)}; ${fails.length} failures`);
    for (const f of fails.slice(0, perGenerator)) {
      lines.push(
        `  [${f.variant.qid}] ${f.variant.original}`,
        `      variant:  ${f.variant.text}`,
        `      original: ${f.originalKind} ${f.originalChunk ?? '-'}`,
        `      variant:  ${f.kind} ${f.chunk ?? '-'} ${JSON.stringify(f.answer.slice(0, 60))}`,
      );
      const note = annotate?.(f);
      if (note) lines.push(`      why:      ${note}`);
    }
  }
  return lines.join('\n');
}
