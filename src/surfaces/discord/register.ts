// `npm run register`: puts the slash commands on Discord — in one guild when DISCORD_GUILD_ID is set
// (instant, for testing), else globally.
import { REST, Routes } from 'discord.js';
import { describeError } from '../../errors.js';
import { loadEnvFile } from '../../config.js';
import { parseDiscordConfig } from './config.js';
import { commandDefinitions } from './definitions.js';

try {
  loadEnvFile();
  const config = parseDiscordConfig(process.env, { applicationId: true });
  const appId = config.DISCORD_APPLICATION_ID!;
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const body = commandDefinitions();
  const route = config.DISCORD_GUILD_ID ? Routes.applicationGuildCommands(appId, config.DISCORD_GUILD_ID) : Routes.applicationCommands(appId);
  const result = (await rest.put(route, { body })) as unknown[];
  process.stdout.write(`registered ${result.length} commands ${config.DISCORD_GUILD_ID ? `in guild ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)'}: ${body.map((c) => '/' + c.name).join(' ')}\n`);
} catch (err) {
  process.stderr.write(`register: ${describeError(err)}\n`);
  process.exit(1);
}
