// The named things of one article — people, organisations, places, products — found in its own text:
// the segmenter's tags, the shapes names take in Chinese business writing (surname + given name, "…银行",
// "…集团"), Latin-script names, quoted names, and the short forms the article itself uses. The corpus
// folder's aliases.json adds the other names people use (English company names, nicknames).
import type { Aliases } from './load.js';
import { FUNCTION_CHARS, GENERIC_ACRONYMS, GENERIC_ORG_PREFIXES, ORG_ENDINGS, SURNAMES, type EntityKind } from '../text/names.js';
import { tightenSpacing } from '../text/normalize.js';
import { STOP_WORDS, tag } from '../text/segment.js';

export type { EntityKind };

export interface Entity {
  /** The name as the article writes it most fully. */
  canonical: string;
  kind: EntityKind;
  /** Every name that means this entity: the canonical one, short forms, aliases (Latin ones matched case-insensitively). */
  names: string[];
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
  /** Longest organisation-name prefix, in characters ("招联消费金融" fits; a clause does not). */
  maxOrgPrefixChars: number;
}
export const DEFAULT_ENTITY_OPTIONS: EntityOptions = { maxOrgPrefixChars: 8 };

const HAN = /^\p{Script=Han}+$/u;
const LATIN_WORD = /^[A-Za-z][A-Za-z0-9&'’.-]*$/;
// Latin words that end a company's name ("Tower Semiconductor", "Applied Materials").
const LATIN_ORG_ENDING = /^(Inc|Ltd|Corp|Corporation|Co|Group|Holdings|Bank|Capital|Semiconductor|Materials|Technologies|Technology|Systems|Electronics|Networks|Partners|Fund|Securities|Insurance|Motors|Labs|Foundry|Fab)\.?$/i;
// Quoted names: “碰一下”, 《财富》, 「…」 — short, with no sentence punctuation inside.
const QUOTED = /[“「《]([^“”「」《》。，,！？!?；;：:]{2,8})[”」》]/gu;
// Tags of words that may be part of a name before an organisation ending.
const NAME_PART_TAGS = /^(x|n|nz|nr|nrt|nrfg|ns|nt|j|eng)$/;

interface Candidate {
  name: string;
  kind: EntityKind;
}

function personShaped(word: string): boolean {
  const len = [...word].length;
  if (!HAN.test(word) || len < 2 || len > 4 || [...word].some((c) => FUNCTION_CHARS.has(c))) return false;
  if (len === 4) return SURNAMES.has(word.slice(0, 2));
  return SURNAMES.has(word[0]!) || SURNAMES.has(word.slice(0, 2));
}

/** Candidates from one paragraph's tagged words. */
function candidatesOf(text: string, options: EntityOptions): Candidate[] {
  const tags = tag(text);
  const found: Candidate[] = [];
  for (let i = 0; i < tags.length; i++) {
    const { word, tag: t } = tags[i]!;
    if (LATIN_WORD.test(word)) {
      const run = [word];
      while (tags[i + 1]?.word === ' ' && LATIN_WORD.test(tags[i + 2]?.word ?? '') && /^[A-Z]/.test(tags[i + 2]!.word)) {
        run.push(tags[i + 2]!.word);
        i += 2;
      }
      const latin = latinCandidate(run);
      if (latin) found.push(latin);
      continue;
    }
    if (!HAN.test(word)) continue;
    if ((t === 'x' || t === 'nrfg' || (t === 'nr' && [...word].length === 3)) && personShaped(word)) found.push({ name: word, kind: 'person' });
    else if (t === 'nt') found.push({ name: word, kind: 'org' });
    else if (t === 'nrt' && [...word].length >= 3) found.push({ name: word, kind: 'org' });
    const org = orgEndingAt(tags, i, options);
    if (org) found.push({ name: org, kind: 'org' });
  }
  for (const m of text.matchAll(QUOTED)) found.push({ name: m[1]!.trim(), kind: 'product' });
  return found;
}

function latinCandidate(run: string[]): Candidate | null {
  const words = run.filter((w, i) => !(GENERIC_ACRONYMS.has(w) && (i === 0 || i === run.length - 1)) || run.length === 1);
  if (!words.length || (words.length === 1 && (GENERIC_ACRONYMS.has(words[0]!) || !/[A-Z]/.test(words[0]!) || words[0]!.length < 2))) return null;
  const name = words.join(' ');
  if (LATIN_ORG_ENDING.test(words[words.length - 1]!)) return { name, kind: 'org' };
  const capitalisedWords = words.every((w) => /^[A-Z][a-z]+$/.test(w));
  return { name, kind: words.length >= 2 && words.length <= 3 && capitalisedWords ? 'person' : 'org' };
}

/** "网商 银行", "招联 消金": name words followed by an organisation ending make one organisation name. */
function orgEndingAt(tags: { word: string; tag: string }[], i: number, options: EntityOptions): string | null {
  const word = tags[i]!.word;
  const ending = ORG_ENDINGS.find((e) => word === e);
  if (!ending) return null;
  let prefix = '';
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
    const { word: w, tag: t } = tags[j]!;
    if (!NAME_PART_TAGS.test(t) || !(HAN.test(w) || LATIN_WORD.test(w)) || GENERIC_ORG_PREFIXES.has(w) || STOP_WORDS.has(w) || ORG_ENDINGS.includes(w)) break;
    if (personShaped(w) && t === 'x') break; // "韩歆毅获任集团": a person's name does not open an organisation's
    if ([...(w + prefix)].length > options.maxOrgPrefixChars) break;
    prefix = w + prefix;
  }
  return [...prefix].length >= 2 ? prefix + ending : null;
}

/** Short forms the article uses on their own: "网商" for 网商银行, "Ellwanger" for Russell Ellwanger. */
function shortForms(entity: Entity, text: string, counts: Map<string, number>): string[] {
  const out: string[] = [];
  const c = entity.canonical;
  if (entity.kind === 'org' && HAN.test(c)) {
    const ending = [...ORG_ENDINGS].sort((a, b) => b.length - a.length).find((e) => c.endsWith(e) && c.length - e.length >= 2);
    const prefix = ending ? c.slice(0, -ending.length) : '';
    if (prefix && !GENERIC_ORG_PREFIXES.has(prefix) && standalone(prefix, text)) out.push(prefix);
  } else if (/ /.test(c)) {
    const words = c.split(' ');
    const short = entity.kind === 'person' ? words[words.length - 1]! : words[0]!;
    if (short.length >= 4 && !GENERIC_ACRONYMS.has(short) && standalone(short, text)) out.push(short);
  }
  return out.filter((s) => (counts.get(s) ?? 0) === 0);
}

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
  const byName = new Map<string, Entity>();
  const add = (name: string, kind: EntityKind) => {
    if (!byName.has(name)) byName.set(name, { canonical: name, kind, names: [name] });
  };
  for (const text of texts) {
    for (const c of candidatesOf(text, options)) add(c.name, c.kind);
  }
  // Short forms: the most frequent full name with that short form owns it.
  const taken = new Map<string, number>();
  const frequency = (s: string) => all.split(s).length - 1;
  const entities = [...byName.values()].sort((a, b) => frequency(b.canonical) - frequency(a.canonical));
  for (const e of entities) {
    for (const s of shortForms(e, all, taken)) {
      if (byName.has(s) && byName.get(s) !== e) {
        // The short form was found as a word of its own ("网商"): it becomes this entity's name.
        byName.delete(s);
      }
      e.names.push(s);
      taken.set(s, 1);
    }
  }
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

/** Longest-match lookup keyed by first character; Latin names match case-insensitively on word edges. */
export function entityIndex(entities: Entity[]): EntityIndex {
  const byCanonical = new Map(entities.map((e) => [e.canonical, e]));
  const byFirst = new Map<string, { name: string; key: string; entity: Entity }[]>();
  for (const entity of entities) {
    for (const name of entity.names) {
      const key = name.toLowerCase();
      const list = byFirst.get(key[0]!) ?? [];
      list.push({ name, key, entity });
      byFirst.set(key[0]!, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  const isLatin = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  function find(text: string): EntityMention[] {
    const lower = text.toLowerCase();
    const out: EntityMention[] = [];
    for (let at = 0; at < lower.length; ) {
      const hit = (byFirst.get(lower[at]!) ?? []).find(
        (c) =>
          lower.startsWith(c.key, at) &&
          // A Latin name is a whole word ("Ant" is not in "important").
          !(isLatin(c.key[0]) && isLatin(lower[at - 1])) &&
          !(isLatin(c.key[c.key.length - 1]) && isLatin(lower[at + c.key.length])),
      );
      if (hit) {
        out.push({ canonical: hit.entity.canonical, kind: hit.entity.kind, name: text.slice(at, at + hit.key.length), at });
        at += hit.key.length;
      } else at += 1;
    }
    return out;
  }
  return { entities, get: (c) => byCanonical.get(c), find };
}
