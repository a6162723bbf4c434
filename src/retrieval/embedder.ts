// Turns text into unit vectors with the model's own pooling and prefixes; passages go in batches.
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import type { ModelSpec } from './models.js';

export interface Embedder {
  spec: ModelSpec;
  dims: number;
  embedQuery(text: string): Promise<number[]>;
  embedPassages(texts: string[], batchSize?: number): Promise<number[][]>;
}

export async function createEmbedder(spec: ModelSpec, extractor: FeatureExtractionPipeline): Promise<Embedder> {
  const run = async (texts: string[]): Promise<number[][]> => {
    const out = await extractor(texts, { pooling: spec.pooling, normalize: spec.normalize });
    const [rows, dims] = out.dims as [number, number];
    const data = out.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * dims, (i + 1) * dims)));
  };
  const probe = await run(['维度']);
  const dims = probe[0]!.length;
  return {
    spec,
    dims,
    embedQuery: async (text) => (await run([spec.queryPrefix + text]))[0]!,
    async embedPassages(texts, batchSize = 16) {
      const vectors: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        vectors.push(...(await run(texts.slice(i, i + batchSize).map((t) => spec.passagePrefix + t))));
      }
      return vectors;
    },
  };
}
