// `npm start`: the bot. Without DISCORD_TOKEN it says what to set and points to `npm run ask`.
import { parseEngineConfig } from '../../config.js';
import { describeError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { startEngine } from '../../start.js';
import { createBot } from './bot.js';
import { parseDiscordConfig } from './config.js';
import { packageVersion } from './version.js';
import { parseFeedbackConfig } from '../../store/config.js';
import { openFeedbackStore } from '../../store/feedback.js';

async function main(): Promise<void> {
  const discord = parseDiscordConfig();
  const engineConfig = parseEngineConfig();
  const log = createLogger(engineConfig.LOG_LEVEL ?? discord.LOG_LEVEL);
  const engine = await startEngine(engineConfig, log);
  const feedbackConfig = parseFeedbackConfig();
  const feedback = openFeedbackStore({ path: feedbackConfig.databasePath, salt: feedbackConfig.FEEDBACK_SALT, lowConfidence: feedbackConfig.LOW_CONFIDENCE, log });
  log.info(feedback.status());
  const bot = createBot({ config: discord, engine, log, version: packageVersion(), feedback, retentionDays: feedbackConfig.FEEDBACK_RETENTION_DAYS });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('signal received', { signal });
    bot.stop().then(
      () => {
        feedback.close();
        process.exit(0);
      },
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

main().catch((err) => {
  process.stderr.write(describeError(err) + '\n');
  process.exit(1);
});
