// `npm run start:sharded`: discord.js's ShardingManager runs one bot process per shard, for bots in
// many guilds. Each shard is the same main.ts; discord.js tells it which shard it is.
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { describeError } from '../../errors.js';
import { createLogger } from '../../log.js';
import { parseDiscordConfig } from './config.js';

try {
  const config = parseDiscordConfig();
  const log = createLogger(config.LOG_LEVEL);
  const manager = new ShardingManager(fileURLToPath(new URL('./main.ts', import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards: 'auto',
    execArgv: ['--import', 'tsx'],
  });
  manager.on('shardCreate', (shard) => log.info('shard launched', { id: shard.id }));
  await manager.spawn();
} catch (err) {
  process.stderr.write(`start:sharded: ${describeError(err)}\n`);
  process.exit(1);
}
