// The one place that gets a model: the cache folder first, then a local copy, then the Hugging Face hub
// (when allowed). It reports progress as events with a status field and gives up on a download that
// stalls, so a bot never hangs at start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import { UserFacingError, describeError } from '../errors.js';
import type { ModelSpec } from './models.js';

export type ModelEvent =
  | { status: 'initiate' | 'download' | 'done'; file: string }
  | { status: 'progress'; file: string; progress: number; loaded: number; total: number }
  | { status: 'cached'; file: string }
  | { status: 'ready'; model: string; ms: number };

export interface ModelStoreOptions {
  modelsDir: string;
  allowRemote: boolean;
  /** Base URL of the hub; tests point it at a local server. */
  remoteHost?: string;
  /** Give up when no byte has arrived for this long. */
  stallTimeoutMs: number;
  onEvent?: (e: ModelEvent) => void;
}

const REQUIRED = (spec: ModelSpec) => ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/${spec.quantized ? 'model_quantized' : 'model'}.onnx`];

/** Files of the model already in the models folder (complete or not). */
export const localFiles = (spec: ModelSpec, modelsDir: string) =>
  REQUIRED(spec).filter((f) => existsSync(join(modelsDir, spec.id, f)));

export async function loadFeatureExtractor(spec: ModelSpec, options: ModelStoreOptions): Promise<FeatureExtractionPipeline> {
  const started = performance.now();
  const present = localFiles(spec, options.modelsDir);
  const missing = REQUIRED(spec).filter((f) => !present.includes(f));
  if (missing.length && !options.allowRemote) {
    throw new UserFacingError(
      `model: ${spec.id} is not in ${join(options.modelsDir, spec.id)} (missing ${missing.join(', ')}) and downloads are off (ALLOW_REMOTE_MODELS=false). ` +
        'Run `npm run model:fetch` where the hub can be reached, or copy the model folder there.',
      'MODEL_MISSING',
    );
  }
  for (const f of present) options.onEvent?.({ status: 'cached', file: f });

  // Loaded on demand: a bot with dense search off never pays for onnxruntime.
  const { env, pipeline } = await import('@xenova/transformers');
  // transformers.js reads these globals; the models folder is both its local path and its cache.
  env.localModelPath = options.modelsDir;
  env.cacheDir = options.modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
  if (options.remoteHost) env.remoteHost = options.remoteHost.endsWith('/') ? options.remoteHost : options.remoteHost + '/';

  let timer: NodeJS.Timeout | undefined;
  let rejectStall: (e: Error) => void = () => {};
  const stalled = new Promise<never>((_, reject) => (rejectStall = reject));
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        rejectStall(
          new UserFacingError(
            `model: getting ${spec.id} made no progress for ${options.stallTimeoutMs} ms (network down or hub unreachable). ` +
              'Dense search is off for this run; run `npm run model:fetch` later, or set ALLOW_REMOTE_MODELS=false to skip the attempt.',
            'MODEL_STALLED',
          ),
        ),
      options.stallTimeoutMs,
    );
    timer.unref();
  };
  arm();
  try {
    const load = pipeline('feature-extraction', spec.id, {
      quantized: spec.quantized,
      progress_callback: (e: { status: string; file?: string; progress?: number; loaded?: number; total?: number }) => {
        arm();
        const file = e.file ?? '';
        if (e.status === 'progress') options.onEvent?.({ status: 'progress', file, progress: e.progress ?? 0, loaded: e.loaded ?? 0, total: e.total ?? 0 });
        else if (e.status === 'initiate' || e.status === 'download' || e.status === 'done') options.onEvent?.({ status: e.status, file });
      },
    }) as Promise<FeatureExtractionPipeline>;
    load.catch(() => {}); // a load abandoned after a stall must not surface as an unhandled rejection
    const extractor = await Promise.race([load, stalled]);
    options.onEvent?.({ status: 'ready', model: spec.id, ms: Math.round(performance.now() - started) });
    return extractor;
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    const where = join(options.modelsDir, spec.id);
    const hint = present.length
      ? `The files in ${where} may be incomplete or damaged: delete that folder and run \`npm run model:fetch\`.`
      : options.allowRemote
        ? 'The hub could not be reached; run `npm run model:fetch` when it can, or copy the model into MODELS_DIR.'
        : `Put the model in ${where}.`;
    throw new UserFacingError(`model: cannot load ${spec.id} (${describeError(err).slice(0, 200)}). ${hint}`, 'MODEL_LOAD_FAILED');
  } finally {
    clearTimeout(timer);
  }
}
