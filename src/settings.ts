// What every settings schema shares, written once: empty values count as unset, the boolean shape, the
// one LOG_LEVEL setting, and how invalid settings are reported. src/config.ts (engine), src/store/config.ts
// (feedback) and src/surfaces/discord/config.ts (Discord) build their schemas from these.
import { z } from 'zod';
import { UserFacingError } from './errors.js';
import type { Level } from './log.js';

/**
 * An empty value means unset: `.env.example` exported as it is (`set -a; . ./.env.example`) leaves
 * `DISCORD_APPLICATION_ID=` and `FEEDBACK_SALT=` empty, and those must fall back to their defaults,
 * not fail validation. Every schema parses the environment through this.
 */
export function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}

/** A boolean setting: true/false, 1/0, yes/no, on/off. */
export const envBool = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']).transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/**
 * LOG_LEVEL — the one definition. `debug | info | warn | error`; logs are JSON lines on stderr.
 * Unset, each kind of program takes its default from DEFAULT_LOG_LEVEL: the bot (`npm start`,
 * `start:sharded`) and the operator tools (`npm run index`, `model:fetch`) log `info`; the question CLI
 * (`npm run ask`, whose stdout is the answer) logs warnings only. Set it and every program obeys it.
 */
export const LOG_LEVEL = z.enum(['debug', 'info', 'warn', 'error']);
export const DEFAULT_LOG_LEVEL = { bot: 'info', tool: 'info', ask: 'warn' } as const satisfies Record<string, Level>;
export type LogSurface = keyof typeof DEFAULT_LOG_LEVEL;
/** The level a program runs at: LOG_LEVEL when set, else its kind's default. */
export const logLevelFor = (surface: LogSurface, set: Level | undefined): Level => set ?? DEFAULT_LOG_LEVEL[surface];

/** Invalid settings as one line: `NAME: what is wrong; NAME: …`. */
export const describeIssues = (error: z.ZodError): string => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

/**
 * Parses the environment (empty values unset) with a schema; invalid settings throw a UserFacingError
 * naming every bad variable: `<scope>: invalid <what> (NAME: problem; …). See .env.example.`
 */
export function parseSettings<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, scope: { prefix: string; what: string; code: string }): z.infer<S> {
  const parsed = schema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new UserFacingError(`${scope.prefix}: invalid ${scope.what} (${describeIssues(parsed.error)}). See .env.example for every variable.`, scope.code);
  }
  return parsed.data as z.infer<S>;
}
