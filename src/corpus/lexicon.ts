// What one article's words are, derived from its text: the vocabulary (for typo repair), a phonetic index
// (IME homophones, romanised names) and a bilingual glossary (English and everyday Chinese words to the
// article's own terms). All three are cached under a folder the caller names (INDEX_DIR) — never in the
// corpus folder: the vocabulary and phonetic index with the other derived data (derived-cache.ts: the
// segmenter and pinyin-pro need not run at a cached start), the glossary by the article's checksum.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGlossary, glossaryFromJSON, GLOSSARY_VERSION, type Glossary } from '../text/bilingual.js';
import { tightenSpacing } from '../text/normalize.js';
import { MEASURES } from '../genre/measures.js';
import { buildPhoneticIndex, phoneticIndexFromJSON, type PhoneticIndex, type PhoneticJSON } from '../text/pinyin.js';
import { tokenize } from '../text/segment.js';
import { derivedCached } from './derived-cache.js';
import type { EntityIndex } from './entities.js';

export interface ArticleLexicon {
  /** Words of two or more characters the article uses (segmenter words and entity names). */
  vocabulary: Set<string>;
  phonetic: PhoneticIndex;
  /** Built on first use (English or an everyday word the article does not use), then cached. */
  glossary(): Glossary;
  /** Loads the glossary now when a cached copy exists (cheap), so no question pays for it. */
  warm(): void;
}

export interface LexiconOptions {
  /** Folder for derived data (the glossary cache); none: build in memory every time. */
  cacheDir?: string;
  /** The article's derived-data key (derived-cache.ts derivedKey); with cacheDir, the vocabulary and phonetic
   *  index are cached under it. */
  derivedKey?: string;
  onEvent?: (message: string) => void;
}

const MEASURE_WORDS = MEASURES.flatMap((m) => m.words).filter((w) => /^\p{Script=Han}{2,}$/u.test(w));

interface WordsJSON {
  vocabulary: string[];
  phonetic: PhoneticJSON;
}

export function buildLexicon(text: { raw: string; paragraphs: string[]; sha256: string }, entities: EntityIndex, options: LexiconOptions = {}): ArticleLexicon {
  const derive = () => {
    const vocabulary = articleVocabulary(text.paragraphs, entities);
    // The genre's measure words are typed too, often abbreviated where the article spells them out
    // ("月活" for 每月…活跃用户): a homophone typo of one ("越活") is repaired to it.
    const phonetic = buildPhoneticIndex(new Set([...vocabulary, ...MEASURE_WORDS]));
    return { value: { vocabulary, phonetic }, json: { vocabulary: [...vocabulary], phonetic: phonetic.toJSON() } };
  };
  const revive = (json: WordsJSON) => {
    if (!Array.isArray(json?.vocabulary) || json.vocabulary.some((w) => typeof w !== 'string')) throw new Error('not a vocabulary');
    return { vocabulary: new Set(json.vocabulary), phonetic: phoneticIndexFromJSON(json.phonetic) };
  };
  const { vocabulary, phonetic } = options.cacheDir && options.derivedKey
    ? derivedCached(options.cacheDir, 'words', options.derivedKey, derive, revive, options)
    : derive().value;
  let glossary: Glossary | undefined;
  const file = glossaryFile(text.sha256, options);
  return {
    vocabulary,
    phonetic,
    glossary: () => (glossary ??= loadOrBuildGlossary(text, vocabulary, options)),
    warm: () => {
      if (file && existsSync(file)) glossary ??= loadOrBuildGlossary(text, vocabulary, options);
    },
  };
}

/** Words of two or more characters the article uses: segmenter words (search mode) and entity names. */
function articleVocabulary(paragraphs: string[], entities: EntityIndex): Set<string> {
  const vocabulary = new Set<string>();
  for (const p of paragraphs) for (const w of tokenize(p, true)) if ([...w].length >= 2 && !/^\d/.test(w)) vocabulary.add(w);
  for (const e of entities.entities) for (const n of e.names) vocabulary.add(n);
  return vocabulary;
}

const glossaryFile = (sha256: string, options: LexiconOptions) =>
  options.cacheDir ? join(options.cacheDir, `glossary-v${GLOSSARY_VERSION}-${sha256.slice(0, 16)}.json`) : undefined;

function loadOrBuildGlossary(text: { raw: string; sha256: string }, vocabulary: Set<string>, options: LexiconOptions): Glossary {
  const file = glossaryFile(text.sha256, options);
  if (file) {
    try {
      return glossaryFromJSON(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // Missing, stale or damaged: rebuild below.
    }
  }
  const started = performance.now();
  const glossary = buildGlossary(tightenSpacing(text.raw), vocabulary);
  options.onEvent?.(`glossary built from CC-CEDICT in ${Math.round(performance.now() - started)} ms (${glossary.terms.length} article terms)`);
  if (file && options.cacheDir) {
    try {
      mkdirSync(options.cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(glossary.toJSON()));
      renameSync(tmp, file);
    } catch (err) {
      options.onEvent?.(`glossary cache not written (${(err as Error).message}); it will be rebuilt next start`);
    }
  }
  return glossary;
}
