// Phonetic bridges from how people type to the words an article uses:
//  - homophone typos (不良律 for 不良率, 韩心毅 for 韩明远): an IME picks the wrong characters for the right sounds,
//    so words with the same toneless pinyin are candidates for each other;
//  - romanised names ("Han Xinyi", "Xinyi Han", "hanxinyi"): an English question spells a Chinese name in pinyin.
// Everything is derived from the article's own vocabulary; there is no word list here.
import { pinyin, polyphonic } from 'pinyin-pro';

/**
 * Toneless, ü written as v (lv, nv), so 律/率 and 人/任 collide and "lv"/"lü" typing is one key.
 * segmentit 2 is pinyin-pro's MaxProbability segmentation (its const enum is not exported): on 30k
 * syllables of article and dictionary words it gave the same readings as the default, in half the time.
 */
const PINYIN_OPTIONS = { toneType: 'none', type: 'array', v: true, segmentit: 2 } as const;
/** Names are 2–4 characters (given name of 1–2, surname of 1–2); longer words are not names to spell. */
const NAME_MIN_CHARS = 2;
const NAME_MAX_CHARS = 4;
/** A name spelled in Latin letters is at most one Latin word per syllable. */
const NAME_MAX_LATIN_WORDS = NAME_MAX_CHARS;
/** Separator for the one-call batch conversion: never part of a Chinese word, and pinyin-pro passes it through. */
const BATCH_SEPARATOR = ',';

const HAN_WORD = /^\p{Script=Han}{2,}$/u; // one syllable has dozens of characters: no evidence of a typo

/** Toneless pinyin syllables of `word`, joined by single spaces: 不良率 -> "bu liang lv". */
export function pinyinKey(word: string): string {
  return syllables(word).join(' ');
}

function syllables(word: string): string[] {
  return pinyin(word, PINYIN_OPTIONS).map((s) => s.toLowerCase());
}

/**
 * Syllables for many words in one pinyin-pro call: its per-call setup dominates for short words
 * (5,000 separate calls cost ~100 ms cold, one joined call ~25 ms). Words keep their own context for
 * polyphones because the separator ends pinyin-pro's dictionary matches.
 */
function batchSyllables(words: string[]): string[][] {
  if (words.length === 0) return [];
  const flat = pinyin(words.join(BATCH_SEPARATOR), PINYIN_OPTIONS);
  const out: string[][] = [];
  let i = 0;
  for (const word of words) {
    // The word's elements run up to the next separator (words never contain one).
    let end = i;
    while (end < flat.length && flat[end] !== BATCH_SEPARATOR) end++;
    const chunk = flat.slice(i, end);
    // pinyin-pro gives one element per character (astral ones too); should it ever merge or split
    // differently, that word alone falls back to its own call.
    out.push(chunk.length === codePoints(word) ? chunk.map((s) => s.toLowerCase()) : syllables(word));
    i = end + 1;
  }
  return out;
}

function codePoints(word: string): number {
  let n = 0;
  for (const _ of word) n++;
  return n;
}

/**
 * Every reading of each character (for surnames: 单 is dan and shan, 曾 is zeng and ceng), in one
 * pinyin-pro call for all of them: one call per character cost more than the rest of the index.
 */
function allReadings(chars: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (chars.length === 0) return out;
  const lists = polyphonic(chars.join(''), { toneType: 'none', type: 'array', v: true });
  chars.forEach((c, i) => out.set(c, [...new Set((lists[i] ?? []).map((r) => r.toLowerCase()))]));
  return out;
}

export interface LatinNameMatch {
  /** The article word (name) whose pinyin the Latin text spells. */
  word: string;
  /** Offset of the match in the Latin text (UTF-16 units). */
  at: number;
  /** Length of the matched span in the Latin text. */
  length: number;
}

export interface PhoneticIndex {
  /** Article words with the same toneless pinyin as `word`, excluding `word` itself. */
  homophones(word: string): string[];
  /** Romanised article names (2–4 characters) found in a Latin-script text, whole Latin words only. */
  latinName(text: string): LatinNameMatch[];
  /** Words whose surname (first syllable) is spelled `latin` ("xu" -> 许知远, 徐州 …); callers keep names. */
  bySurname(latin: string): string[];
  /** The index as plain data, so a start can load it from a cache instead of running pinyin-pro again. */
  toJSON(): PhoneticJSON;
}

/** A phonetic index as plain data: sound key -> words, and joined spelling -> names with syllable ends. */
export interface PhoneticJSON {
  bySound: [string, string[]][];
  spellings: [string, Spelling[]][];
}

/** A way to spell a name surname first: the syllables, so Latin word breaks can be checked against them. */
export interface Spelling {
  word: string;
  /** Offsets in the joined spelling where each syllable ends ("hanxinyi": 3, 6, 8). */
  ends: number[];
}

/** Surnames are one syllable, or two for compound surnames (欧阳, 司马). */
const SURNAME_MAX_SYLLABLES = 2;

/**
 * Index the article's vocabulary (Chinese words of 2+ characters) by sound.
 * Non-Han words and single characters are ignored: nothing to mistype, or too little to tell.
 */
export function buildPhoneticIndex(words: Iterable<string>): PhoneticIndex {
  const vocab = [...new Set([...words].filter((w) => HAN_WORD.test(w)))];
  const bySound = new Map<string, string[]>();
  // Joined surname-first spelling -> names. Given-name-first orders are found at lookup time by rotating
  // the Latin text, so each name is indexed once per surname reading (cheap to build, ~1 entry per word).
  const spellings = new Map<string, Spelling[]>();
  const sylls = batchSyllables(vocab);
  const short = vocab.filter((w) => codePoints(w) <= NAME_MAX_CHARS);
  const readings = allReadings([...new Set(short.flatMap((w) => [...w]))]);
  const firstReadings = readings;

  vocab.forEach((word, n) => {
    const s = sylls[n]!;
    push(bySound, s.join(' '), word);
    if (s.length < NAME_MIN_CHARS || s.length > NAME_MAX_CHARS) return;
    // A character with several readings may be typed by any of them (乐呗 is read le bei, pinyin-pro
    // says le bai): a short word is found under each other reading of one character at a time.
    [...word].forEach((c, i) => {
      for (const r of readings.get(c) ?? []) if (r !== s[i]) push(bySound, [...s.slice(0, i), r, ...s.slice(i + 1)].join(' '), word);
    });
    // Surname readings differ from everyday ones (单 shan, 区 ou), so every reading of the first character counts.
    const heads = new Set([s[0]!, ...(firstReadings.get(String.fromCodePoint(word.codePointAt(0)!)) ?? [])]);
    const rest = s.slice(1);
    for (const h of heads) addSpelling(spellings, word, [h, ...rest]);
  });

  return phoneticIndex(bySound, spellings);
}

function phoneticIndex(bySound: Map<string, string[]>, spellings: Map<string, Spelling[]>): PhoneticIndex {
  return {
    homophones(word) {
      const same = bySound.get(pinyinKey(word)) ?? [];
      return same.filter((w) => w !== word);
    },
    latinName(text) {
      return findLatinNames(text, spellings);
    },
    bySurname(latin) {
      const key = latin.toLowerCase();
      const out = new Set<string>();
      for (const [joined, list] of spellings) {
        if (!joined.startsWith(key)) continue;
        for (const sp of list) if (joined.slice(0, sp.ends[0]) === key) out.add(sp.word);
      }
      return [...out];
    },
    toJSON: () => ({ bySound: [...bySound], spellings: [...spellings] }),
  };
}

/** An index from toJSON() output; throws on a malformed one, so a cache entry that is not one is rebuilt. */
export function phoneticIndexFromJSON(json: PhoneticJSON): PhoneticIndex {
  const pairs = (x: unknown): x is [string, unknown[]][] =>
    Array.isArray(x) && x.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Array.isArray(e[1]));
  if (!json || !pairs(json.bySound) || !pairs(json.spellings)) throw new Error('not a phonetic index');
  for (const [, list] of json.spellings) if (list.some((s) => typeof s?.word !== 'string' || !Array.isArray(s.ends))) throw new Error('not a phonetic index');
  return phoneticIndex(new Map(json.bySound), new Map(json.spellings));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function addSpelling(spellings: Map<string, Spelling[]>, word: string, syllables: string[]): void {
  const ends: number[] = [];
  let len = 0;
  for (const syl of syllables) ends.push((len += syl.length));
  const key = syllables.join('');
  const list = spellings.get(key);
  if (!list) spellings.set(key, [{ word, ends }]);
  else if (!list.some((s) => s.word === word && s.ends.join() === ends.join())) list.push({ word, ends });
}

/** Whole Latin words: letters only, so "CloudBank's" gives "CloudBank" and "s", and "A1" gives nothing. */
const LATIN_WORD = /[A-Za-z0-9]+/g;
const LETTERS_ONLY = /^[A-Za-z]+$/;
/** What may stand between the Latin words of one name: spaces, a hyphen (Xin-yi), an apostrophe (Xi'an). */
const NAME_GAP = /^[\s\-'’]+$/;

function findLatinNames(text: string, spellings: Map<string, Spelling[]>): LatinNameMatch[] {
  const tokens = [...text.matchAll(LATIN_WORD)].map((m) => ({ text: m[0], at: m.index! }));
  const out: LatinNameMatch[] = [];
  for (let i = 0; i < tokens.length; ) {
    const found = longestNameAt(text, tokens, i, spellings);
    if (!found) {
      i++;
      continue;
    }
    out.push(...found.matches);
    i = found.next;
  }
  return out;
}

/** The longest run of Latin words starting at token `i` that spells a whole article name. */
function longestNameAt(
  text: string,
  tokens: { text: string; at: number }[],
  i: number,
  spellings: Map<string, Spelling[]>,
): { matches: LatinNameMatch[]; next: number } | undefined {
  let best: { matches: LatinNameMatch[]; next: number } | undefined;
  let joined = '';
  const ends: number[] = [];
  for (let j = i; j < tokens.length && j < i + NAME_MAX_LATIN_WORDS; j++) {
    const tok = tokens[j]!;
    if (!LETTERS_ONLY.test(tok.text)) break;
    if (j > i) {
      const prev = tokens[j - 1]!;
      if (!NAME_GAP.test(text.slice(prev.at + prev.text.length, tok.at))) break;
    }
    joined += tok.text.toLowerCase();
    ends.push(joined.length);
    const words = namesSpelled(joined, ends, spellings);
    if (words.length === 0) continue;
    const at = tokens[i]!.at;
    const length = tok.at + tok.text.length - at;
    best = { matches: words.map((word) => ({ word, at, length })), next: j + 1 };
  }
  return best;
}

/**
 * Names whose whole pinyin is `joined`, surname first or given name first, with every Latin word ending on
 * a syllable end ("Hanx inyi" is not "Han Xinyi"). `ends` are the Latin word ends within `joined`.
 */
function namesSpelled(joined: string, ends: number[], spellings: Map<string, Spelling[]>): string[] {
  const found = new Set<string>();
  for (const s of spellings.get(joined) ?? []) if (ends.every((e) => s.ends.includes(e))) found.add(s.word);
  // Given name first: joined = given + surname, so surname + given = joined rotated at `cut`.
  for (let cut = 1; cut < joined.length; cut++) {
    const surnameLength = joined.length - cut;
    for (const s of spellings.get(joined.slice(cut) + joined.slice(0, cut)) ?? []) {
      const surnameSyllables = s.ends.indexOf(surnameLength) + 1;
      if (surnameSyllables < 1 || surnameSyllables > SURNAME_MAX_SYLLABLES) continue;
      if (surnameSyllables >= s.ends.length) continue; // a given name is needed
      const rotated = ends.map((e) => (e <= cut ? e + surnameLength : e - cut));
      if (rotated.every((e) => s.ends.includes(e))) found.add(s.word);
    }
  }
  return [...found];
}
