// The engine's configuration, parsed once from the environment by one schema. Everything else receives
// the typed result. Discord settings live in surfaces/discord/config.ts and are parsed by that surface.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { UserFacingError } from './errors.js';
import { DEFAULT_CORPUS_DIR } from './corpus/load.js';
import { envBool, LOG_LEVEL, parseSettings } from './settings.js';

// Shared by every settings schema; re-exported for callers that import it from here.
export { withoutEmpty } from './settings.js';

export const EngineConfigSchema = z.object({
  /** The corpus folder: meta.json, the article it names, optional aliases.json and facts.overrides.json. */
  CORPUS_DIR: z.string().default(DEFAULT_CORPUS_DIR),
  INDEX_DIR: z.string().default('index'),
  MODELS_DIR: z.string().default('models'),
  EMBEDDING_MODEL: z.string().default('Xenova/bge-small-zh-v1.5'),
  /** Dense retrieval: `auto` uses it when the model can be had, `off` never loads a model. */
  DENSE: z.enum(['auto', 'off']).default('auto'),
  ALLOW_REMOTE_MODELS: envBool.default(true),
  MODEL_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  HF_REMOTE_HOST: z.string().url().optional(),
  /** How long the hub may take to accept a connection and send its first byte before it counts as unreachable. */
  MODEL_HUB_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  MAX_QUESTION_CHARS: z.coerce.number().int().min(10).max(100_000).default(1000),
  /** Unset: each program's default (src/settings.ts: DEFAULT_LOG_LEVEL, logLevelFor). */
  LOG_LEVEL: LOG_LEVEL.optional(),
});

export type RawEngineConfig = z.infer<typeof EngineConfigSchema>;
export interface EngineConfig extends RawEngineConfig {
  indexDir: string;
  modelsDir: string;
}

export interface EnvFileResult {
  /** The file read, or null when there was none. */
  path: string | null;
  /** Variables taken from the file. */
  applied: string[];
  /** Variables in the file that the environment already set (the environment wins). */
  shadowed: string[];
}

/**
 * Reads `.env` (or the file ENV_FILE names) into process.env, once, at start. The environment wins over
 * the file; an empty value in either counts as unset. A missing `.env` is normal (everything may come
 * from the environment); a missing ENV_FILE is an error, since someone asked for it.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): EnvFileResult {
  const named = env.ENV_FILE?.trim();
  const path = resolve(cwd, named || '.env');
  if (!existsSync(path)) {
    if (named) throw new UserFacingError(`config: ENV_FILE names ${path}, which does not exist. Point ENV_FILE at your settings file, or unset it to read .env.`, 'ENV_FILE_MISSING');
    return { path: null, applied: [], shadowed: [] };
  }
  let vars: Record<string, string>;
  try {
    vars = parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (err) {
    throw new UserFacingError(`config: cannot read ${path} (${(err as Error).message}). Fix the file's permissions or remove it.`, 'ENV_FILE_UNREADABLE');
  }
  const applied: string[] = [];
  const shadowed: string[] = [];
  for (const [k, v] of Object.entries(vars)) {
    if (v.trim() === '') continue;
    if (env[k] !== undefined && env[k]!.trim() !== '') shadowed.push(k);
    else {
      env[k] = v;
      applied.push(k);
    }
  }
  return { path, applied, shadowed };
}

/** One log line saying where the settings came from (never their values). */
export const describeEnvFile = (r: EnvFileResult, cwd = process.cwd()): string =>
  r.path
    ? `settings: read ${r.path} (${r.applied.length} set from it${r.shadowed.length ? `; ${r.shadowed.length} already set in the environment, which wins: ${r.shadowed.join(', ')}` : ''})`
    : `settings: no .env in ${cwd}; using the environment only (copy .env.example to .env to keep settings in a file)`;

export function parseEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const data = parseSettings(EngineConfigSchema, env, { prefix: 'config', what: 'environment', code: 'CONFIG_INVALID' });
  return { ...data, indexDir: resolve(data.INDEX_DIR), modelsDir: resolve(data.MODELS_DIR) };
}
