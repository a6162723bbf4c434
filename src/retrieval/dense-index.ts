// The HNSW index of chunk embeddings, persisted under index/ with a manifest that says exactly what it
// was built from. A manifest that does not match the corpus, chunker or model, or a file whose checksum
// is off, means rebuild — never serve stale or broken neighbours. Writes go to a temp file, then rename.
import { readFileSync, renameSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import { z } from 'zod';
import { CHUNKER_VERSION } from '../corpus/chunk.js';
import type { Article } from '../corpus/article.js';
import { sha256 } from '../corpus/load.js';
import type { Logger } from '../log.js';
import { UserFacingError, describeError } from '../errors.js';
import type { ChunkId } from '../types.js';
import type { DenseRetriever } from './dense.js';
import type { Embedder } from './embedder.js';

const { HierarchicalNSW } = hnswlib;

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}
export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 200, efSearch: 64 };

export const ManifestSchema = z.object({
  formatVersion: z.literal(1),
  modelId: z.string(),
  dims: z.number().int().positive(),
  space: z.literal('cosine'),
  hnsw: z.object({ m: z.number(), efConstruction: z.number(), efSearch: z.number() }),
  chunkerVersion: z.number().int(),
  corpusSha256: z.string().length(64),
  builtAt: z.string(),
  indexFile: z.string(),
  indexSha256: z.string().length(64),
  ids: z.array(z.string()),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const slug = (modelId: string) => modelId.replace(/[^A-Za-z0-9._-]+/g, '__');
export const indexPaths = (dir: string, modelId: string) => ({
  index: join(dir, `${slug(modelId)}.hnsw`),
  manifest: join(dir, `${slug(modelId)}.manifest.json`),
});

export interface DenseIndex {
  manifest: Manifest;
  search(vector: number[], k: number): { id: ChunkId; score: number }[];
}

function wrap(index: InstanceType<typeof HierarchicalNSW>, manifest: Manifest): DenseIndex {
  index.setEf(manifest.hnsw.efSearch);
  return {
    manifest,
    search(vector, k) {
      const n = Math.min(k, index.getCurrentCount());
      if (n === 0) return [];
      const { neighbors, distances } = index.searchKnn(vector, n);
      // cosine space returns 1 - cos; report similarity.
      return neighbors.map((label, i) => ({ id: manifest.ids[label] as ChunkId, score: 1 - distances[i]! }));
    },
  };
}

export async function buildDenseIndex(article: Article, embedder: Embedder, dir: string, params: HnswParams = DEFAULT_HNSW): Promise<DenseIndex> {
  const vectors = await embedder.embedPassages(article.chunks.map((c) => c.text));
  const index = new HierarchicalNSW('cosine', embedder.dims);
  index.initIndex({ maxElements: vectors.length, m: params.m, efConstruction: params.efConstruction, randomSeed: 42 });
  vectors.forEach((v, label) => index.addPoint(v, label));
  const paths = indexPaths(dir, embedder.spec.id);
  const tmpIndex = `${paths.index}.tmp-${process.pid}`;
  try {
    mkdirSync(dir, { recursive: true });
    await index.writeIndex(tmpIndex);
  } catch (err) {
    throw new UserFacingError(
      `index: cannot write to ${dir} (${(err as NodeJS.ErrnoException).code ?? describeError(err)}). Point INDEX_DIR at a writable folder.`,
      'INDEX_UNWRITABLE',
    );
  }
  const manifest: Manifest = {
    formatVersion: 1,
    modelId: embedder.spec.id,
    dims: embedder.dims,
    space: 'cosine',
    hnsw: params,
    chunkerVersion: CHUNKER_VERSION,
    corpusSha256: article.sha256,
    builtAt: new Date().toISOString(),
    indexFile: paths.index.split('/').pop()!,
    indexSha256: sha256(readFileSync(tmpIndex)),
    ids: article.chunks.map((c) => c.id),
  };
  const tmpManifest = `${paths.manifest}.tmp-${process.pid}`;
  writeFileSync(tmpManifest, JSON.stringify(manifest, null, 2));
  // Index first, then manifest: a crash between the two leaves a manifest whose checksum no longer
  // matches, which the next start detects and rebuilds.
  renameSync(tmpIndex, paths.index);
  renameSync(tmpManifest, paths.manifest);
  return wrap(index, manifest);
}

export type LoadResult = { ok: true; index: DenseIndex } | { ok: false; reason: string };

export async function loadDenseIndex(article: Article, modelId: string, dims: number, dir: string): Promise<LoadResult> {
  const paths = indexPaths(dir, modelId);
  if (!existsSync(paths.manifest) || !existsSync(paths.index)) return { ok: false, reason: `no index for ${modelId} in ${dir}` };
  let manifest: Manifest;
  try {
    manifest = ManifestSchema.parse(JSON.parse(readFileSync(paths.manifest, 'utf8')));
  } catch {
    return { ok: false, reason: `manifest ${paths.manifest} is unreadable or invalid` };
  }
  if (manifest.modelId !== modelId) return { ok: false, reason: `index was built with ${manifest.modelId}, not ${modelId}` };
  if (manifest.dims !== dims) return { ok: false, reason: `index has ${manifest.dims} dims, the model gives ${dims}` };
  if (manifest.corpusSha256 !== article.sha256) return { ok: false, reason: 'the article changed since the index was built' };
  if (manifest.chunkerVersion !== CHUNKER_VERSION) return { ok: false, reason: `chunker version ${manifest.chunkerVersion} ≠ ${CHUNKER_VERSION}` };
  if (manifest.ids.join('\n') !== article.chunks.map((c) => c.id).join('\n')) return { ok: false, reason: 'chunk ids differ from the index' };
  const bytes = readFileSync(paths.index);
  if (sha256(bytes) !== manifest.indexSha256) return { ok: false, reason: `index file ${paths.index} is truncated or corrupt (checksum mismatch)` };
  try {
    const index = new HierarchicalNSW('cosine', dims);
    await index.readIndex(paths.index);
    if (index.getCurrentCount() !== manifest.ids.length) return { ok: false, reason: 'index holds a different number of vectors than its manifest' };
    return { ok: true, index: wrap(index, manifest) };
  } catch (err) {
    return { ok: false, reason: `index file ${paths.index} cannot be read (${String(err).slice(0, 100)})` };
  }
}

/** Load the index, or rebuild it (saying why) when it is missing, stale or broken. */
export async function ensureDenseIndex(article: Article, embedder: Embedder, dir: string, log: Logger): Promise<{ index: DenseIndex; rebuilt: string | null }> {
  const loaded = await loadDenseIndex(article, embedder.spec.id, embedder.dims, dir);
  if (loaded.ok) return { index: loaded.index, rebuilt: null };
  log.warn('dense index: rebuilding', { reason: loaded.reason });
  return { index: await buildDenseIndex(article, embedder, dir), rebuilt: loaded.reason };
}

export function denseRetriever(index: DenseIndex, embedder: Embedder): DenseRetriever {
  return {
    modelId: embedder.spec.id,
    async search(text, k) {
      return index.search(await embedder.embedQuery(text), k);
    },
  };
}
