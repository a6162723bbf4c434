// The one place that gets a model: the cache folder first, then a local copy, then the Hugging Face hub
// (when allowed). It reports progress as events with a status field and gives up on a download that
// stalls, so a bot never hangs at start.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** The hub must accept the connection and send its first byte within this, or it counts as unreachable. */
  hubTimeoutMs?: number;
  /** `fetch` (npm run model:fetch) always tries the hub and never tells the user to run itself. */
  purpose?: 'load' | 'fetch';
  onEvent?: (e: ModelEvent) => void;
}

export const DEFAULT_HUB = 'https://huggingface.co/';
/** Default connect/first-byte limit for the hub: a live hub answers in well under a second. */
export const DEFAULT_HUB_TIMEOUT_MS = 5_000;
/** An unreachable hub is not tried again for this long (every `npm run ask` would otherwise wait for it). */
export const HUB_UNREACHABLE_REMEMBER_MS = 30 * 60_000;
/** The marker in MODELS_DIR that remembers an unreachable hub, with the time. */
export const hubMarkerPath = (modelsDir: string) => join(modelsDir, '.hub-unreachable.json');

interface HubMarker {
  host: string;
  at: string;
  until: string;
  error: string;
}

function readMarker(modelsDir: string, host: string, now = Date.now()): HubMarker | null {
  try {
    const m = JSON.parse(readFileSync(hubMarkerPath(modelsDir), 'utf8')) as HubMarker;
    return m.host === host && Date.parse(m.until) > now ? m : null;
  } catch {
    return null; // none, or unreadable: try the hub
  }
}

/**
 * Asks the hub for the model's config.json and waits only for the response to start: any HTTP answer,
 * even an error status, means the hub is there. Resolves null when reachable, else the reason.
 */
async function probeHub(host: string, modelId: string, timeoutMs: number): Promise<string | null> {
  try {
    const res = await fetch(`${host}${modelId}/resolve/main/config.json`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel().catch(() => {});
    return null;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
    return e.cause?.code ?? e.cause?.message ?? e.message;
  }
}

const REQUIRED = (spec: ModelSpec) => ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/${spec.quantized ? 'model_quantized' : 'model'}.onnx`];

/** Files of the model already in the models folder (complete or not). */
export const localFiles = (spec: ModelSpec, modelsDir: string) =>
  REQUIRED(spec).filter((f) => existsSync(join(modelsDir, spec.id, f)));

export async function loadFeatureExtractor(spec: ModelSpec, options: ModelStoreOptions): Promise<FeatureExtractionPipeline> {
  const started = performance.now();
  const present = localFiles(spec, options.modelsDir);
  const missing = REQUIRED(spec).filter((f) => !present.includes(f));
  const fetching = options.purpose === 'fetch';
  if (missing.length && !options.allowRemote) throw modelMissingError(spec, options, missing, fetching);
  const host = hubHost(options);
  if (missing.length) await ensureHubReachable(spec, options, host, fetching);
  for (const f of present) options.onEvent?.({ status: 'cached', file: f });

  // Loaded on demand: a bot with dense search off never pays for onnxruntime.
  const { env, pipeline } = await import('@xenova/transformers');
  // transformers.js reads these globals; the models folder is both its local path and its cache.
  env.localModelPath = options.modelsDir;
  env.cacheDir = options.modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
  env.remoteHost = host;

  const watch = stallWatch(spec, options, fetching);
  watch.arm();
  try {
    const load = pipeline('feature-extraction', spec.id, {
      quantized: spec.quantized,
      progress_callback: (e: TransformersProgress) => {
        watch.arm();
        reportProgress(e, options);
      },
    }) as Promise<FeatureExtractionPipeline>;
    load.catch(() => {}); // a load abandoned after a stall must not surface as an unhandled rejection
    const extractor = await Promise.race([load, watch.stalled]);
    options.onEvent?.({ status: 'ready', model: spec.id, ms: Math.round(performance.now() - started) });
    return extractor;
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw loadFailedError(err, spec, options, present, fetching);
  } finally {
    watch.clear();
  }
}

function modelMissingError(spec: ModelSpec, options: ModelStoreOptions, missing: string[], fetching: boolean): UserFacingError {
  return new UserFacingError(
    `model: ${spec.id} is not in ${join(options.modelsDir, spec.id)} (missing ${missing.join(', ')}) and downloads are off (ALLOW_REMOTE_MODELS=false). ` +
      (fetching ? 'Set ALLOW_REMOTE_MODELS=true to download it, or copy the model folder there.' : 'Run `npm run model:fetch` where the hub can be reached, or copy the model folder there.'),
    'MODEL_MISSING',
  );
}

/** The hub's base URL, always ending in a slash. */
function hubHost(options: ModelStoreOptions): string {
  return options.remoteHost ? (options.remoteHost.endsWith('/') ? options.remoteHost : options.remoteHost + '/') : DEFAULT_HUB;
}

/** Throws when the hub is remembered as unreachable or does not answer now; clears the marker when it does. */
async function ensureHubReachable(spec: ModelSpec, options: ModelStoreOptions, host: string, fetching: boolean): Promise<void> {
  // Only a missing file sends us to the network: first a short connect/first-byte check, remembered when it fails.
  const marker = fetching ? null : readMarker(options.modelsDir, host);
  if (marker) {
    throw new UserFacingError(
      `model: the hub ${host} did not answer at ${marker.at} (${marker.error}), so it is not tried again until ${marker.until}. ` +
        `To stop this: set ALLOW_REMOTE_MODELS=false (use MODELS_DIR only) or DENSE=off; to retry now, delete ${hubMarkerPath(options.modelsDir)}.`,
      'HUB_UNREACHABLE',
    );
  }
  const timeoutMs = options.hubTimeoutMs ?? DEFAULT_HUB_TIMEOUT_MS;
  const problem = await probeHub(host, spec.id, timeoutMs);
  if (problem) {
    const until = rememberUnreachableHub(options.modelsDir, host, problem);
    throw new UserFacingError(
      fetching
        ? `model: cannot download ${spec.id}: the hub ${host} did not answer (${problem}). Check the network, or set HF_REMOTE_HOST to a mirror, then try again; or copy the model folder into ${join(options.modelsDir, spec.id)}.`
        : `model: the hub ${host} did not answer (${problem}); answering from BM25 and facts. To stop trying: ALLOW_REMOTE_MODELS=false (use MODELS_DIR only) or DENSE=off; ` +
            `otherwise it is tried again after ${until.toISOString()} (marker ${hubMarkerPath(options.modelsDir)}).`,
      'HUB_UNREACHABLE',
    );
  }
  rmSync(hubMarkerPath(options.modelsDir), { force: true });
}

/** Writes the unreachable-hub marker (best effort) and returns until when it holds. */
function rememberUnreachableHub(modelsDir: string, host: string, problem: string): Date {
  const at = new Date();
  const until = new Date(at.getTime() + HUB_UNREACHABLE_REMEMBER_MS);
  try {
    mkdirSync(modelsDir, { recursive: true });
    writeFileSync(hubMarkerPath(modelsDir), JSON.stringify({ host, at: at.toISOString(), until: until.toISOString(), error: problem } satisfies HubMarker) + '\n');
  } catch { /* cannot remember it: the next run checks again, still within the short timeout */ }
  return until;
}

interface StallWatch {
  /** Rejects when no progress has been seen for the stall timeout. */
  stalled: Promise<never>;
  /** (Re)starts the stall timer: call on every sign of progress. */
  arm: () => void;
  clear: () => void;
}

function stallWatch(spec: ModelSpec, options: ModelStoreOptions, fetching: boolean): StallWatch {
  let timer: NodeJS.Timeout | undefined;
  let rejectStall: (e: Error) => void = () => {};
  const stalled = new Promise<never>((_, reject) => (rejectStall = reject));
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => rejectStall(stallError(spec, options, fetching)), options.stallTimeoutMs);
    timer.unref();
  };
  return { stalled, arm, clear: () => clearTimeout(timer) };
}

function stallError(spec: ModelSpec, options: ModelStoreOptions, fetching: boolean): UserFacingError {
  return new UserFacingError(
    `model: getting ${spec.id} made no progress for ${options.stallTimeoutMs} ms (network down or hub unreachable). ` +
      (fetching
        ? 'Check the network (or set HF_REMOTE_HOST to a mirror) and try again; a larger MODEL_DOWNLOAD_TIMEOUT_MS helps on a slow link.'
        : 'Dense search is off for this run; run `npm run model:fetch` later, or set ALLOW_REMOTE_MODELS=false to skip the attempt.'),
    'MODEL_STALLED',
  );
}

type TransformersProgress = { status: string; file?: string; progress?: number; loaded?: number; total?: number };

/** Passes transformers.js progress on as ModelEvents. */
function reportProgress(e: TransformersProgress, options: ModelStoreOptions): void {
  const file = e.file ?? '';
  if (e.status === 'progress') options.onEvent?.({ status: 'progress', file, progress: e.progress ?? 0, loaded: e.loaded ?? 0, total: e.total ?? 0 });
  else if (e.status === 'initiate' || e.status === 'download' || e.status === 'done') options.onEvent?.({ status: e.status, file });
}

function loadFailedError(err: unknown, spec: ModelSpec, options: ModelStoreOptions, present: string[], fetching: boolean): UserFacingError {
  const where = join(options.modelsDir, spec.id);
  const again = fetching ? 'try again' : 'run `npm run model:fetch`';
  const hint = present.length
    ? `The files in ${where} may be incomplete or damaged: delete that folder and ${again}.`
    : options.allowRemote
      ? `The hub could not serve it; ${again} when it can, or copy the model into MODELS_DIR.`
      : `Put the model in ${where}.`;
  return new UserFacingError(`model: cannot load ${spec.id} (${describeError(err).slice(0, 200)}). ${hint}`, 'MODEL_LOAD_FAILED');
}
