// startEngine with INDEX_DIR: the first start derives and caches entities, vocabulary and phonetic index,
// facts and BM25 term counts; the second reads them back and answers exactly as the first; a damaged entry
// is rebuilt (and the answers still agree); the corpus folder is never written.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../src/answer/engine.js';
import { parseEngineConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { startEngine } from '../src/start.js';

const QUESTIONS = [
  '网商银行2023年的不良率是多少？',
  '韩歆毅什么时候加入蚂蚁集团？',
  '花呗有多少用户？',
  'Han Xinyi 是谁？',
  '网商银行的不良律是多少？',
  '今天天气怎么样？',
];
const KINDS = ['entities', 'words', 'facts', 'bm25'];

const start = (corpus: string, indexDir: string) => startEngine(parseEngineConfig({ CORPUS_DIR: corpus, INDEX_DIR: indexDir, DENSE: 'off' }), silentLogger);
const answers = async (e: Engine) => Promise.all(QUESTIONS.map(async (q) => ({ ...(await e.answer(q)), ms: 0 })));
const snapshot = (dir: string) => readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]);

describe('derived data cached under INDEX_DIR by startEngine', () => {
  it('a second start reads every entry back and answers the same; a damaged entry is rebuilt', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'derived-corpus-'));
    cpSync(resolve('corpus'), corpus, { recursive: true });
    const before = snapshot(corpus);
    const indexDir = mkdtempSync(join(tmpdir(), 'derived-index-'));
    const first = await start(corpus, indexDir);
    const files = readdirSync(indexDir);
    for (const kind of KINDS) expect(files.some((f) => f.startsWith(`derived-${kind}-`)), kind).toBe(true);
    const expected = await answers(first);

    const second = await start(corpus, indexDir);
    expect(await answers(second)).toEqual(expected);
    expect(second.article.entities.entities).toEqual(first.article.entities.entities);
    expect([...second.article.lexicon.vocabulary]).toEqual([...first.article.lexicon.vocabulary]);
    expect(second.facts.facts).toEqual(first.facts.facts);
    expect(second.lexical.bm25.docFreq).toEqual(first.lexical.bm25.docFreq);
    expect(second.lexical.bm25.lengths).toEqual(first.lexical.bm25.lengths);

    // Damage every entry: each is rebuilt, never trusted, and rewritten whole.
    for (const f of readdirSync(indexDir).filter((n) => n.startsWith('derived-'))) writeFileSync(join(indexDir, f), '[{"canonical": 1');
    const third = await start(corpus, indexDir);
    expect(await answers(third)).toEqual(expected);
    for (const f of readdirSync(indexDir).filter((n) => n.startsWith('derived-'))) expect(() => JSON.parse(readFileSync(join(indexDir, f), 'utf8'))).not.toThrow();
    expect(snapshot(corpus)).toEqual(before);
  }, 120_000);
});
