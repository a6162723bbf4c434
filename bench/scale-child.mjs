// One start of the compiled bot (dist/) on a corpus folder, for bench/scale.ts: prints one JSON line with
// the ready time, the first English answer's time (the glossary is built lazily then), latency over the
// given questions, RSS after warm-up and what the start left under INDEX_DIR.
// usage: node bench/scale-child.mjs <corpus dir> <index dir> <questions.jsonl>
import { existsSync, readdirSync, readFileSync } from 'node:fs';
const [corpusDir, indexDir, questionsPath] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url);
const { parseEngineConfig } = await import(new URL('config.js', dist).href);
const { startEngine } = await import(new URL('start.js', dist).href);
const { silentLogger } = await import(new URL('log.js', dist).href);
const compact = (s) => s.replace(/\s+/g, '');
const items = readFileSync(questionsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const config = parseEngineConfig({ ...process.env, DENSE: 'off', CORPUS_DIR: corpusDir, INDEX_DIR: indexDir });
const engine = await startEngine(config, silentLogger);

let t = performance.now();
await engine.answer('What was the revenue of MYbank in 2024?');
const englishMs = performance.now() - t;
let correct = 0;
for (const item of items) {
  const a = await engine.answer(item.q);
  if (item.expect.refuse) correct += a.kind === 'not_found' ? 1 : 0;
  else correct += a.kind !== 'not_found' && (item.expect.any ?? []).some((x) => compact(a.answer).includes(compact(x))) ? 1 : 0;
}
const ms = [];
for (let r = 0; r < 10; r++)
  for (const item of items) {
    t = performance.now();
    await engine.answer(item.q);
    ms.push(performance.now() - t);
  }
ms.sort((a, b) => a - b);
const pct = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
process.stdout.write(
  JSON.stringify({
    readyMs: engine.readyMs,
    englishMs,
    p50: pct(0.5),
    p95: pct(0.95),
    rssMb: process.memoryUsage().rss / 1e6,
    chunks: engine.article.chunks.length,
    facts: engine.facts.facts.length,
    correct,
    asked: items.length,
    cacheFiles: existsSync(indexDir) ? readdirSync(indexDir) : [],
  }) + '\n',
);
