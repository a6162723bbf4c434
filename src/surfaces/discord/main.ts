// `npm start`: the bot. Without DISCORD_TOKEN it says what to set and points to `npm run ask`.
// Everything it says is a JSON log line on stderr, fatal errors included.
import { describeEnvFile, loadEnvFile, parseEngineConfig } from '../../config.js';
import { describeError, UserFacingError } from '../../errors.js';
import { createLogger, type Logger } from '../../log.js';
import { parseDiscordConfig } from './config.js';
import { parseFeedbackConfig } from '../../store/config.js';

/** Exit codes: 1 for a setting or file to fix before start, or Discord out of reach; 78 (sysexits
 * EX_CONFIG) when Discord itself refuses the session (a rejected token, 4004, 4010–4014 shard or intent
 * settings), so a supervisor can tell "fix the configuration" from "crashed, restart me". */
export const EXIT_START_FAILED = 1;
export const EXIT_GATEWAY_FATAL = 78;

// Before settings are parsed there is no configured level yet; fatal lines are errors at any level.
let log: Logger = createLogger('info');

async function main(): Promise<void> {
  const envFile = loadEnvFile();
  const discord = parseDiscordConfig();
  const engineConfig = parseEngineConfig();
  const feedbackConfig = parseFeedbackConfig();
  // Settings are checked before discord.js and the engine are loaded: a missing token is said at once.
  const [{ startEngine }, { createBot }, { openFeedbackStore }, { packageVersion }] = await Promise.all([
    import('../../start.js'),
    import('./bot.js'),
    import('../../store/feedback.js'),
    import('./version.js'),
  ]);
  log = createLogger(engineConfig.LOG_LEVEL ?? discord.LOG_LEVEL);
  log.info(describeEnvFile(envFile));
  const engine = await startEngine(engineConfig, log);
  const feedback = openFeedbackStore({ path: feedbackConfig.databasePath, salt: feedbackConfig.FEEDBACK_SALT, lowConfidence: feedbackConfig.LOW_CONFIDENCE, log, journalName: shardJournalName() });
  log.info(feedback.status());
  let stopping = false;
  const exit = async (code: number) => {
    await feedback.close();
    process.exit(code);
  };
  const bot = createBot({
    config: discord,
    engine,
    log,
    version: packageVersion(),
    feedback,
    retentionDays: feedbackConfig.FEEDBACK_RETENTION_DAYS,
    // Already logged by the bot with the cause and the setting to fix.
    onFatal: () => {
      if (stopping) return;
      stopping = true;
      void bot.stop().finally(() => exit(EXIT_GATEWAY_FATAL));
    },
  });
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('signal received', { signal });
    bot.stop().then(
      () => exit(0),
      (err) => {
        log.error('shutdown failed', { error: describeError(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await bot.start();
}

/** Each shard process keeps its own journal of pending writes (discord.js's ShardingManager sets SHARDS). */
const shardJournalName = () => (process.env.SHARDS ? `shard-${process.env.SHARDS.replace(/[^0-9,]/g, '')}` : 'bot');

main().catch((err) => {
  if (err?.name === 'GatewayFatalError') process.exit(EXIT_GATEWAY_FATAL); // logged by the bot
  if (err instanceof UserFacingError && err.code === 'DISCORD_TOKEN_REJECTED') {
    log.error(err.message, { code: err.code });
    process.exit(EXIT_GATEWAY_FATAL);
  }
  log.error(describeError(err), { code: err instanceof UserFacingError ? err.code : 'UNEXPECTED', ...(err instanceof UserFacingError ? {} : { stack: (err as Error)?.stack?.split('\n').slice(0, 4).join(' | ') }) });
  process.exit(EXIT_START_FAILED);
});
