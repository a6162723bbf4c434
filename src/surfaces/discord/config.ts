// Discord settings, parsed once by one schema when the bot starts. The engine's own settings are
// parsed by src/config.ts from the same environment.
import { z } from 'zod';
import { UserFacingError } from '../../errors.js';
import { DEFAULT_LOG_LEVEL, envBool, LOG_LEVEL, parseSettings } from '../../settings.js';

const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (digits)');

export const DiscordConfigSchema = z.object({
  DISCORD_TOKEN: z.string().min(1, 'is empty'),
  DISCORD_APPLICATION_ID: snowflake.optional(),
  /** Guild-scoped command registration (instant) when set; global otherwise. */
  DISCORD_GUILD_ID: snowflake.optional(),
  /** REST base; tests point it at a local fake Discord. */
  DISCORD_API_URL: z.string().url().default('https://discord.com/api'),
  /** Answer "@bot 问题" in channels (needs the privileged MessageContent intent). */
  MENTION_MODE: envBool.default(false),
  /** Channels where every plain message is a question, answered in a new thread (needs MessageContent). */
  ASK_CHANNEL_IDS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(snowflake)),
  RATE_LIMIT_CAPACITY: z.coerce.number().int().min(1).max(1000).default(5),
  RATE_LIMIT_REFILL_PER_MINUTE: z.coerce.number().min(0).max(60_000).default(10),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
  /** The one LOG_LEVEL (src/settings.ts), with the bot's default when unset. */
  LOG_LEVEL: LOG_LEVEL.default(DEFAULT_LOG_LEVEL.bot),
});
export type DiscordConfig = z.infer<typeof DiscordConfigSchema>;

export function parseDiscordConfig(env: NodeJS.ProcessEnv = process.env, need: { applicationId?: boolean } = {}): DiscordConfig {
  if (!env.DISCORD_TOKEN?.trim()) {
    throw new UserFacingError(
      'discord: DISCORD_TOKEN is not set. Put the bot token in .env (copy .env.example to .env) or in the environment to run the bot; ' +
        'to ask questions without Discord, use `npm run ask -- "问题"`.',
      'DISCORD_TOKEN_MISSING',
    );
  }
  const data = parseSettings(DiscordConfigSchema, env, { prefix: 'discord', what: 'configuration', code: 'DISCORD_CONFIG_INVALID' });
  if (need.applicationId && !data.DISCORD_APPLICATION_ID) {
    throw new UserFacingError('discord: DISCORD_APPLICATION_ID is not set; registering commands needs it (Developer Portal → General Information).', 'DISCORD_APP_ID_MISSING');
  }
  return data;
}
