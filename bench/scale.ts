// Cost as the article grows: corpora of 1×, 10× and 50× our article's length, assembled here from the
// article's own paragraphs with every Chinese entity name renamed per copy (so names stay distinct: copy 3's
// 网商银行 is 「珂屹网商银行」, its 韩歆毅 is 「韩珂屹」), each written to a temp corpus folder (meta.json +
// article.md only). For each size a child process on the compiled build (dist/) starts the engine twice on
// the same INDEX_DIR — the first start with no cache, the second with the derived data the first left there
// (src/corpus/derived-cache.ts) — and reports ready time, first English answer (the glossary is built
// lazily), RSS after warm-up and latency p95 over ~30 questions adapted to the copies. Figures, not assertions.
// Run alone with `npx tsx bench/scale.ts` (after `npm run build`); `npm run bench` runs it too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/corpus/article.js';

export interface ScaleItem {
  q: string;
  expect: { any?: string[]; refuse?: boolean };
}

export interface ScaleRun {
  readyMs: number;
  englishMs: number;
  p50: number;
  p95: number;
  rssMb: number;
  chunks: number;
  facts: number;
  /** Adapted questions answered as the original set expects (answer holds an accepted text, or a refusal). */
  correct: number;
  asked: number;
  cacheFiles: string[];
}

export interface ScaleRow {
  copies: number;
  chars: number;
  first: ScaleRun;
  second: ScaleRun;
}

// Rare characters; pairs of them make made-up two-syllable names no dictionary knows.
const SYLLABLES = [...'珂屹琰翎骁缙璟湉玹珩岚彧瑭沅琮璘昶淼'];
const HAN_NAME = /^\p{Script=Han}{2,}$/u;

/** The made-up syllable pair of copy `k` (copy 0 keeps the article's own names). */
export const syllablePair = (k: number): string => {
  const n = SYLLABLES.length;
  return SYLLABLES[Math.floor(k / n) % n]! + SYLLABLES[k % n]!;
};

/** A function renaming every Chinese name of the article's people, organisations and products for copy k. */
export function renamerFor(article: Article, k: number): (text: string) => string {
  if (k === 0) return (t) => t;
  const pair = syllablePair(k);
  const map = new Map<string, string>();
  for (const e of article.entities.entities) {
    if (e.kind !== 'person' && e.kind !== 'org' && e.kind !== 'product') continue;
    for (const name of e.names) {
      if (!HAN_NAME.test(name) || map.has(name)) continue;
      // A person keeps the surname and takes the pair as given name; anything else takes the pair as prefix.
      map.set(name, e.kind === 'person' && name === e.canonical ? name[0]! + pair : pair + name);
    }
  }
  const names = [...map.keys()].sort((a, b) => b.length - a.length);
  if (!names.length) return (t) => t;
  const re = new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu');
  return (text) => text.replace(re, (m) => map.get(m) ?? m);
}

/** The article's paragraphs, `copies` times, each copy renamed, as markdown with one heading a section. */
export function assembleCorpus(article: Article, copies: number): string {
  const out: string[] = [`# ${article.meta.title}（${copies}×）`, ''];
  for (let k = 0; k < copies; k++) {
    const rename = renamerFor(article, k);
    for (const s of article.sections) {
      const paragraphs = article.paragraphs.filter((p) => p.section === s.number);
      if (!paragraphs.length) continue;
      out.push(`## ${rename(s.title || '导语')}（第${k + 1}份）`, '');
      for (const p of paragraphs) out.push(rename(p.text), '');
    }
  }
  return out.join('\n');
}

export function writeCorpus(dir: string, article: Article, copies: number): number {
  mkdirSync(dir, { recursive: true });
  const text = assembleCorpus(article, copies);
  writeFileSync(join(dir, 'article.md'), text);
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({ title: `${article.meta.title}（${copies}×）`, source: 'bench', published: article.meta.published, language: 'zh-CN', file: 'article.md' }, null, 2),
  );
  return text.length;
}

/** ~`n` questions, the i-th one adapted to copy i mod copies. */
export function adaptQuestions(article: Article, items: ScaleItem[], copies: number, n = 30): ScaleItem[] {
  const out: ScaleItem[] = [];
  for (let i = 0; i < n && items.length; i++) {
    const item = items[i % items.length]!;
    const k = copies === 1 ? 0 : (i * 7 + 1) % copies;
    out.push({ q: renamerFor(article, k)(item.q), expect: item.expect });
  }
  return out;
}

/** `tsc -p tsconfig.build.json` into dist/. tsc emits even with type errors elsewhere (work in progress):
 * those are said on stderr and the figures are taken from what was emitted. */
export function buildDist(): void {
  const started = new Date();
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    // Stamped as scripts/build-state.mjs does (the build's start time), so npm run ask knows dist/ is current.
    writeFileSync('dist/.build-stamp', '');
    utimesSync('dist/.build-stamp', started, started);
  } catch (err) {
    const out = String((err as { stdout?: string }).stdout ?? '').trim().split('\n');
    process.stderr.write(`bench: the build reported ${out.length} type error line(s) (dist/ emitted anyway), first: ${out[0]}\n`);
  }
}

const CHILD = fileURLToPath(new URL('./scale-child.mjs', import.meta.url));

function runChild(corpusDir: string, indexDir: string, questionsPath: string): ScaleRun {
  const out = execFileSync(process.execPath, [CHILD, corpusDir, indexDir, questionsPath], {
    encoding: 'utf8',
    env: { ...process.env, DENSE: 'off', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as ScaleRun;
}

/** Needs the compiled build in dist/ (the caller runs `npm run build` first). */
export function scaleBench(article: Article, items: ScaleItem[], sizes = [1, 10, 50]): ScaleRow[] {
  const root = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const rows: ScaleRow[] = [];
  for (const copies of sizes) {
    const dir = join(root, `corpus-${copies}x`);
    const chars = writeCorpus(dir, article, copies);
    const qPath = join(root, `questions-${copies}x.jsonl`);
    writeFileSync(qPath, adaptQuestions(article, items, copies).map((i) => JSON.stringify(i)).join('\n') + '\n');
    const indexDir = join(root, `index-${copies}x`);
    process.stderr.write(`bench: scale ${copies}× (${chars} chars): first start…\n`);
    const first = runChild(dir, indexDir, qPath);
    process.stderr.write(`bench: scale ${copies}×: second start…\n`);
    const second = runChild(dir, indexDir, qPath);
    rows.push({ copies, chars, first, second });
  }
  return rows;
}

export function scaleTable(rows: ScaleRow[]): string[] {
  const out: string[] = [];
  out.push('cost as the article grows (compiled build, DENSE=off, child process per start; targets at 50×: first start < 10 s, second < 1 s, p95 < 10 ms):');
  out.push(
    `${'size'.padEnd(6)} ${'chars'.padStart(8)} ${'chunks'.padStart(7)} ${'facts'.padStart(6)} ${'1st start ms'.padStart(13)} ${'2nd start ms'.padStart(13)} ${'1st English q ms (1st/2nd)'.padStart(27)} ${'RSS MB'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'right'.padStart(7)}`,
  );
  for (const r of rows) {
    out.push(
      `${`${r.copies}×`.padEnd(6)} ${String(r.chars).padStart(8)} ${String(r.first.chunks).padStart(7)} ${String(r.first.facts).padStart(6)} ${r.first.readyMs.toFixed(0).padStart(13)} ${r.second.readyMs.toFixed(0).padStart(13)} ${`${r.first.englishMs.toFixed(0)} / ${r.second.englishMs.toFixed(0)}`.padStart(27)} ${r.second.rssMb.toFixed(0).padStart(7)} ${r.second.p50.toFixed(2).padStart(7)} ${r.second.p95.toFixed(2).padStart(7)} ${`${r.second.correct}/${r.second.asked}`.padStart(7)}`,
    );
  }
  out.push('  first start: no cache; second start: the derived data the first left under INDEX_DIR (same answers expected: right ' + rows.map((r) => `${r.copies}× ${r.first.correct}/${r.first.asked} → ${r.second.correct}/${r.second.asked}`).join(', ') + ').');
  const big = rows[rows.length - 1];
  if (big) {
    const cached = big.first.cacheFiles;
    const gain = big.first.readyMs - big.second.readyMs;
    out.push(
      cached.length
        ? `  derived data cached under INDEX_DIR after the first start: ${cached.join(', ')}`
        : '  nothing is cached under INDEX_DIR by a start (DENSE=off): the second start redoes all the work.',
    );
    if (big.second.readyMs > 1000) {
      out.push(
        `  second start at ${big.copies}× is ${big.second.readyMs.toFixed(0)} ms (target < 1000; first − second: ${gain.toFixed(0)} ms).`,
      );
    }
  }
  return out;
}

// Alone: `npx tsx bench/scale.ts [1,10,50]`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { openArticle } = await import('../src/corpus/article.js');
  buildDist();
  const items = readFileSync('bench/questions.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ScaleItem);
  const sizes = process.argv[2] ? process.argv[2].split(',').map(Number) : undefined;
  process.stdout.write(scaleTable(scaleBench(openArticle(), items, sizes)).join('\n') + '\n');
}
