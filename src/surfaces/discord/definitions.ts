// The JSON Discord receives when commands are registered, from the same modules the bot runs.
import { silentLogger } from '../../log.js';
import { COMMAND_MODULES, loadCommands } from './commands/index.js';

export const commandDefinitions = () => [...loadCommands(COMMAND_MODULES, silentLogger).values()].map((c) => c.data.toJSON());
