// The engine's configuration, parsed once from the environment by one schema. Everything else receives
// the typed result. Discord settings live in surfaces/discord/config.ts and are parsed by that surface.
import { resolve } from 'node:path';
import { z } from 'zod';
import { UserFacingError } from './errors.js';
import { DEFAULT_CORPUS_DIR } from './corpus/load.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

export const EngineConfigSchema = z.object({
  /** The corpus folder: meta.json, the article it names, optional aliases.json and facts.overrides.json. */
  CORPUS_DIR: z.string().default(DEFAULT_CORPUS_DIR),
  INDEX_DIR: z.string().default('index'),
  MODELS_DIR: z.string().default('models'),
  EMBEDDING_MODEL: z.string().default('Xenova/bge-small-zh-v1.5'),
  /** Dense retrieval: `auto` uses it when the model can be had, `off` never loads a model. */
  DENSE: z.enum(['auto', 'off']).default('auto'),
  ALLOW_REMOTE_MODELS: bool.default(true),
  MODEL_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  HF_REMOTE_HOST: z.string().url().optional(),
  MAX_QUESTION_CHARS: z.coerce.number().int().min(10).max(100_000).default(1000),
  /** Unset: each surface picks its default (the terminal CLI is quieter than the bot). */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

export type RawEngineConfig = z.infer<typeof EngineConfigSchema>;
export interface EngineConfig extends RawEngineConfig {
  indexDir: string;
  modelsDir: string;
}

export function parseEngineConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const parsed = EngineConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UserFacingError(`config: invalid environment (${lines}). See .env.example for every variable.`, 'CONFIG_INVALID');
  }
  return { ...parsed.data, indexDir: resolve(parsed.data.INDEX_DIR), modelsDir: resolve(parsed.data.MODELS_DIR) };
}
