// `npm run start:sharded`: discord.js's ShardingManager runs one bot process per shard, for bots in
// many guilds. Each shard is the same main.ts; discord.js tells it which shard it is.
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { describeError } from '../../errors.js';
import { describeEnvFile, loadEnvFile } from '../../config.js';
import { createLogger } from '../../log.js';
import { parseDiscordConfig } from './config.js';

try {
  const envFile = loadEnvFile(); // the shards inherit what it set
  const config = parseDiscordConfig();
  const log = createLogger(config.LOG_LEVEL);
  log.info(describeEnvFile(envFile));
  // Compiled (npm run start:sharded) each shard runs dist/…/main.js; from source, main.ts under tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const manager = new ShardingManager(fileURLToPath(new URL(fromSource ? './main.ts' : './main.js', import.meta.url)), {
    token: config.DISCORD_TOKEN,
    totalShards: 'auto',
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });
  manager.on('shardCreate', (shard) => log.info('shard launched', { id: shard.id }));
  await manager.spawn();
} catch (err) {
  createLogger('info').error(`start:sharded: ${describeError(err)}`, { code: (err as { code?: string })?.code ?? 'UNEXPECTED' });
  process.exit(1);
}
