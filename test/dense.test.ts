import { mkdtempSync, readFileSync, writeFileSync, existsSync, truncateSync, statSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEngineConfig } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { buildDenseIndex, ensureDenseIndex, indexPaths, loadDenseIndex, denseRetriever } from '../src/retrieval/dense-index.js';
import type { Embedder } from '../src/retrieval/embedder.js';
import type { ModelEvent } from '../src/retrieval/model-store.js';
import { loadEmbedder, startEngine } from '../src/start.js';
import { CHUNKER_VERSION } from '../src/corpus/chunk.js';
import { getArticle } from './helpers.js';
import { startFakeHub, type FakeHub } from './fake-hub.js';

const FIXTURE_MODELS = resolve('test/fixtures/models');
const MODEL = 'fixture/tiny-zh-bert';
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const config = (env: Record<string, string>) =>
  parseEngineConfig({ EMBEDDING_MODEL: MODEL, MODELS_DIR: FIXTURE_MODELS, ALLOW_REMOTE_MODELS: 'false', INDEX_DIR: tmp('index-'), ...env });

describe('dense retrieval on the generated fixture model, through the real pipeline and index', () => {
  const article = getArticle();
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await loadEmbedder(config({}), silentLogger);
  });

  it('embeds with the real transformers.js pipeline into unit vectors', async () => {
    expect(embedder.dims).toBe(32);
    const [a, b] = await embedder.embedPassages(['网商银行的不良率', '网商银行的不良率']);
    expect(a).toEqual(b);
    expect(Math.hypot(...a!)).toBeCloseTo(1, 5);
    const q = await embedder.embedQuery('韩歆毅');
    expect(q).toHaveLength(32);
  });

  it('builds, persists, reloads and queries a real HNSW index', async () => {
    const dir = tmp('index-');
    const built = await buildDenseIndex(article, embedder, dir);
    const paths = indexPaths(dir, MODEL);
    expect(existsSync(paths.index) && existsSync(paths.manifest)).toBe(true);
    const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8'));
    expect(manifest).toMatchObject({ modelId: MODEL, dims: 32, space: 'cosine', corpusSha256: article.sha256, chunkerVersion: CHUNKER_VERSION });
    expect(manifest.ids).toHaveLength(article.chunks.length);
    const loaded = await loadDenseIndex(article, MODEL, 32, dir);
    expect(loaded.ok).toBe(true);
    // A chunk's own text finds that chunk first.
    const target = article.chunks.find((c) => c.text.includes('2.28%'))!;
    const retriever = denseRetriever(loaded.ok ? loaded.index : built, embedder);
    const hits = await retriever.search(target.text, 3);
    expect(hits[0]!.id).toBe(target.id);
    expect(hits[0]!.score).toBeGreaterThan(0.99);
  });

  it('rebuilds when the manifest is from another model or another corpus', async () => {
    const dir = tmp('index-');
    await buildDenseIndex(article, embedder, dir);
    const paths = indexPaths(dir, MODEL);
    const manifest = JSON.parse(readFileSync(paths.manifest, 'utf8'));
    writeFileSync(paths.manifest, JSON.stringify({ ...manifest, modelId: 'Xenova/multilingual-e5-small' }));
    const stale = await loadDenseIndex(article, MODEL, 32, dir);
    expect(stale).toEqual({ ok: false, reason: expect.stringMatching(/built with Xenova\/multilingual-e5-small/) });
    writeFileSync(paths.manifest, JSON.stringify({ ...manifest, corpusSha256: '0'.repeat(64) }));
    const { rebuilt } = await ensureDenseIndex(article, embedder, dir, silentLogger);
    expect(rebuilt).toMatch(/article changed/);
    expect((await loadDenseIndex(article, MODEL, 32, dir)).ok).toBe(true);
  });

  it('rebuilds when the index file is truncated or zeroed', async () => {
    const dir = tmp('index-');
    await buildDenseIndex(article, embedder, dir);
    const paths = indexPaths(dir, MODEL);
    truncateSync(paths.index, Math.floor(statSync(paths.index).size / 2));
    const r1 = await ensureDenseIndex(article, embedder, dir, silentLogger);
    expect(r1.rebuilt).toMatch(/truncated or corrupt/);
    writeFileSync(paths.index, Buffer.alloc(statSync(paths.index).size));
    const r2 = await ensureDenseIndex(article, embedder, dir, silentLogger);
    expect(r2.rebuilt).toMatch(/truncated or corrupt/);
    expect((await ensureDenseIndex(article, embedder, dir, silentLogger)).rebuilt).toBeNull();
  });

  it('rebuilds when the manifest is not JSON, and leaves no temp files behind', async () => {
    const dir = tmp('index-');
    await buildDenseIndex(article, embedder, dir);
    writeFileSync(indexPaths(dir, MODEL).manifest, '{half');
    expect((await ensureDenseIndex(article, embedder, dir, silentLogger)).rebuilt).toMatch(/unreadable or invalid/);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('starts with dense search on and fuses both retrievers', async () => {
    const engine = await startEngine(config({}), silentLogger);
    expect(engine.denseStatus).toMatch(/dense search on \(fixture\/tiny-zh-bert/);
    const a = await engine.answer('网商银行的客户主要是谁？', { explain: true });
    expect(a.kind).toBe('passage');
    const hit = a.explain!.hits.find((h) => h.ranks.bm25 && h.ranks.dense);
    expect(hit).toBeDefined();
  });
});

describe('when the model cannot be had, the bot says so and answers from BM25 and facts', () => {
  it('a models folder without the files, downloads off', async () => {
    const engine = await startEngine(config({ MODELS_DIR: tmp('models-') }), silentLogger);
    expect(engine.dense).toBeNull();
    expect(engine.denseStatus).toMatch(/dense search off: model: fixture\/tiny-zh-bert is not in .*ALLOW_REMOTE_MODELS=false/);
    const a = await engine.answer('网商银行2023年的不良率是多少？');
    expect(a.kind).toBe('fact');
    expect(a.answer).toContain('2.28%');
  });

  it('an unknown EMBEDDING_MODEL', async () => {
    const engine = await startEngine(config({ EMBEDDING_MODEL: 'nobody/none' }), silentLogger);
    expect(engine.denseStatus).toMatch(/unknown EMBEDDING_MODEL "nobody\/none". Known models: Xenova\/bge-small-zh-v1.5/);
    expect((await engine.answer('花呗有多少用户？')).answer).toContain('4 亿');
  });

  it('DENSE=off never loads a model', async () => {
    const engine = await startEngine(config({ DENSE: 'off' }), silentLogger);
    expect(engine.denseStatus).toMatch(/DENSE=off/);
  });

  it('a model folder partly written (weights missing or damaged)', async () => {
    const models = tmp('models-');
    cpSync(join(FIXTURE_MODELS, MODEL), join(models, MODEL), { recursive: true });
    writeFileSync(join(models, MODEL, 'onnx/model_quantized.onnx'), 'not a model');
    const engine = await startEngine(config({ MODELS_DIR: models }), silentLogger);
    expect(engine.denseStatus).toMatch(/cannot load fixture\/tiny-zh-bert .*incomplete or damaged: delete that folder/);
    expect((await engine.answer('花呗有多少用户？')).kind).toBe('fact');
  });
});

describe('downloading the model from the hub (a local server speaking its URL layout)', () => {
  let hub: FakeHub;
  beforeAll(async () => {
    hub = await startFakeHub(FIXTURE_MODELS);
  });
  afterAll(async () => hub.close());

  it('downloads into MODELS_DIR with progress events, then works offline from the cache', async () => {
    hub.mode = 'ok';
    const models = tmp('models-');
    const events: ModelEvent[] = [];
    const cfg = config({ MODELS_DIR: models, ALLOW_REMOTE_MODELS: 'true', HF_REMOTE_HOST: hub.url });
    const embedder = await loadEmbedder(cfg, silentLogger, (e) => events.push(e));
    expect(embedder.dims).toBe(32);
    expect(hub.requests.some((r) => r.includes('/fixture/tiny-zh-bert/resolve/main/onnx/model_quantized.onnx'))).toBe(true);
    expect(events.some((e) => e.status === 'download')).toBe(true);
    expect(events.some((e) => e.status === 'progress')).toBe(true);
    expect(events.at(-1)?.status).toBe('ready');
    expect(existsSync(join(models, MODEL, 'onnx/model_quantized.onnx'))).toBe(true);
    const before = hub.requests.length;
    const again = await loadEmbedder({ ...cfg, ALLOW_REMOTE_MODELS: false }, silentLogger);
    expect(again.dims).toBe(32);
    expect(hub.requests.length).toBe(before);
  });

  it('a download cut half-way fails with a message, and the next attempt succeeds', async () => {
    const models = tmp('models-');
    const cfg = config({ MODELS_DIR: models, ALLOW_REMOTE_MODELS: 'true', HF_REMOTE_HOST: hub.url });
    hub.mode = 'cut-midway';
    await expect(loadEmbedder(cfg, silentLogger)).rejects.toThrow(/cannot load fixture\/tiny-zh-bert/);
    hub.mode = 'ok';
    rmSync(join(models, MODEL), { recursive: true, force: true });
    expect((await loadEmbedder(cfg, silentLogger)).dims).toBe(32);
  });

  it('a download that stalls times out instead of hanging', async () => {
    hub.mode = 'stall-body';
    const cfg = config({ MODELS_DIR: tmp('models-'), ALLOW_REMOTE_MODELS: 'true', HF_REMOTE_HOST: hub.url, MODEL_DOWNLOAD_TIMEOUT_MS: '400' });
    const t0 = Date.now();
    const engine = await startEngine(cfg, silentLogger);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(engine.denseStatus).toMatch(/made no progress for 400 ms/);
    expect((await engine.answer('花呗有多少用户？')).kind).toBe('fact');
    hub.mode = 'ok';
  });

  it('a hub that accepts connections but never answers: a short timeout, remembered in MODELS_DIR with the time', async () => {
    hub.mode = 'stall';
    const models = tmp('models-');
    const cfg = config({ MODELS_DIR: models, ALLOW_REMOTE_MODELS: 'true', HF_REMOTE_HOST: hub.url, MODEL_HUB_TIMEOUT_MS: '300' });
    const t0 = Date.now();
    const engine = await startEngine(cfg, silentLogger);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(engine.denseStatus).toMatch(/the hub http:\/\/127\.0\.0\.1:\d+\/ did not answer \(no answer within 300 ms\).*ALLOW_REMOTE_MODELS=false.*DENSE=off/);
    const marker = JSON.parse(readFileSync(join(models, '.hub-unreachable.json'), 'utf8'));
    expect(marker).toMatchObject({ host: hub.url, error: 'no answer within 300 ms' });
    expect(Date.parse(marker.until) - Date.parse(marker.at)).toBeGreaterThan(60_000);
    // The next start does not ask the hub again while the marker holds.
    const before = hub.requests.length;
    const again = await startEngine(cfg, silentLogger);
    expect(hub.requests.length).toBe(before);
    expect(again.denseStatus).toMatch(/not tried again until .*ALLOW_REMOTE_MODELS=false.*DENSE=off/);
    // An explicit fetch still tries (and says what to do without pointing at itself); a hub that answers clears the marker.
    await expect(loadEmbedder(cfg, silentLogger, undefined, 'fetch')).rejects.toThrow(/cannot download .*did not answer.*try again/);
    await expect(loadEmbedder(cfg, silentLogger, undefined, 'fetch')).rejects.not.toThrow(/model:fetch/);
    hub.mode = 'ok';
    expect((await loadEmbedder(cfg, silentLogger, undefined, 'fetch')).dims).toBe(32);
    expect(existsSync(join(models, '.hub-unreachable.json'))).toBe(false);
  });

  it('a hub without the model', async () => {
    hub.mode = 'not-found';
    const engine = await startEngine(config({ MODELS_DIR: tmp('models-'), ALLOW_REMOTE_MODELS: 'true', HF_REMOTE_HOST: hub.url }), silentLogger);
    expect(engine.denseStatus).toMatch(/dense search off: model: cannot load/);
    hub.mode = 'ok';
  });
});
