// `npm run bench`: figures, not assertions. Cold start to ready, per-question latency over the dev set
// (BM25 + facts, and hybrid with the fixture model), index build time, memory, and throughput.
// Everything is measured in this one process run, so compare ratios rather than absolute numbers.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEngineConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { startEngine } from '../src/start.js';
import type { Engine } from '../src/answer/engine.js';

const devPath = resolve(process.env.BENCH_SET ?? '../shared/eval/dev.jsonl');
const questions: string[] = readFileSync(devPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).q);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

async function latency(engine: Engine, rounds = 20): Promise<{ p50: number; p95: number; p99: number }> {
  for (const q of questions) await engine.answer(q); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      await engine.answer(q);
      ms.push(performance.now() - t);
    }
  }
  return { p50: pct(ms, 0.5), p95: pct(ms, 0.95), p99: pct(ms, 0.99) };
}

async function throughput(engine: Engine, concurrency: number, total = 2000): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await engine.answer(questions[next++ % questions.length]!);
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

const rows: [string, string][] = [];
const results: Record<string, unknown> = {};
const fmt = (n: number) => n.toFixed(2);

const lexicalCfg = parseEngineConfig({ ...process.env, DENSE: 'off' });
let t0 = performance.now();
const lexical = await startEngine(lexicalCfg, silentLogger);
const coldLexical = performance.now() - t0;
const rssLexical = process.memoryUsage().rss / 1e6;
const latLexical = await latency(lexical);
const qps1 = await throughput(lexical, 1);
const qps8 = await throughput(lexical, 8);
rows.push(['cold start to ready, BM25 + facts', `${fmt(coldLexical)} ms`]);
rows.push(['latency BM25 + facts p50 / p95 / p99', `${fmt(latLexical.p50)} / ${fmt(latLexical.p95)} / ${fmt(latLexical.p99)} ms`]);
rows.push(['throughput, 1 / 8 concurrent callers', `${qps1.toFixed(0)} / ${qps8.toFixed(0)} questions/s`]);
rows.push(['RSS after warm-up, no model', `${rssLexical.toFixed(0)} MB`]);
Object.assign(results, { coldLexicalMs: coldLexical, latencyLexical: latLexical, qps1, qps8, rssLexicalMb: rssLexical });

const indexDir = mkdtempSync(join(tmpdir(), 'bench-index-'));
const hybridCfg = parseEngineConfig({ ...process.env, DENSE: 'auto', EMBEDDING_MODEL: 'fixture/tiny-zh-bert', MODELS_DIR: 'test/fixtures/models', ALLOW_REMOTE_MODELS: 'false', INDEX_DIR: indexDir });
t0 = performance.now();
const hybridBuild = await startEngine(hybridCfg, silentLogger); // builds the index
const coldHybridBuild = performance.now() - t0;
t0 = performance.now();
const hybrid = await startEngine(hybridCfg, silentLogger); // loads it
const coldHybrid = performance.now() - t0;
const latHybrid = await latency(hybrid, 5);
rows.push(['cold start, hybrid (fixture model), index build', `${fmt(coldHybridBuild)} ms (${hybridBuild.denseStatus.includes('rebuilt') ? 'built' : 'loaded'})`]);
rows.push(['cold start, hybrid (fixture model), index loaded', `${fmt(coldHybrid)} ms`]);
rows.push(['latency hybrid p50 / p95 / p99', `${fmt(latHybrid.p50)} / ${fmt(latHybrid.p95)} / ${fmt(latHybrid.p99)} ms`]);
rows.push(['RSS after hybrid warm-up', `${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`]);
Object.assign(results, { coldHybridBuildMs: coldHybridBuild, coldHybridMs: coldHybrid, latencyHybrid: latHybrid });

// Whole process: start node, load modules, read the corpus, build BM25 and facts, answer one question.
const { execFileSync } = await import('node:child_process');
const procMs: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', 'src/surfaces/cli/ask.ts', '--json'], { input: '花呗有多少用户？\n', env: { ...process.env, DENSE: 'off' }, stdio: ['pipe', 'ignore', 'ignore'] });
  procMs.push(performance.now() - t);
}
rows.push(['process start to first answer (tsx, DENSE=off), median of 3', `${fmt(pct(procMs, 0.5))} ms`]);
results.processFirstAnswerMs = pct(procMs, 0.5);

const width = Math.max(...rows.map((r) => r[0].length));
process.stdout.write(`bench over ${questions.length} questions of ${devPath}, node ${process.version}\n`);
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2));
