// Feedback settings, shared by the bot and `npm run gaps`, parsed once by each at start.
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseSettings } from '../settings.js';

export const FeedbackConfigSchema = z.object({
  DATABASE_PATH: z.string().min(1).default('data/bot.sqlite'),
  /** Salt for hashing user ids; unset: one is made on first start and kept in the database. */
  FEEDBACK_SALT: z.string().min(16, 'should be at least 16 characters').optional(),
  FEEDBACK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Answers below this confidence are logged as gaps. */
  LOW_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
});
export type FeedbackConfig = z.infer<typeof FeedbackConfigSchema> & { databasePath: string };

export function parseFeedbackConfig(env: NodeJS.ProcessEnv = process.env): FeedbackConfig {
  const data = parseSettings(FeedbackConfigSchema, env, { prefix: 'config', what: 'feedback settings', code: 'CONFIG_INVALID' });
  return { ...data, databasePath: resolve(data.DATABASE_PATH) };
}
