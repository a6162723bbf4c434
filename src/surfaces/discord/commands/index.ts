// The command loader: every module must export `data` and `execute`; one that does not is skipped
// with a warning rather than taking the bot down.
import type { Logger } from '../../../log.js';
import type { Command } from '../context.js';
import * as about from './about.js';
import * as ask from './ask.js';
import * as figure from './figure.js';
import * as figures from './figures.js';
import * as gaps from './gaps.js';
import * as passage from './passage.js';
import * as search from './search.js';

export const COMMAND_MODULES: Record<string, unknown> = { ask, figure, figures, passage, search, about, gaps };

export function loadCommands(modules: Record<string, unknown>, log: Logger): Map<string, Command> {
  const commands = new Map<string, Command>();
  for (const [file, mod] of Object.entries(modules)) {
    const m = mod as Partial<Command>;
    if (!m || typeof m !== 'object' || !m.data || typeof m.data.toJSON !== 'function' || typeof m.execute !== 'function') {
      log.warn('command module skipped: it must export `data` (a SlashCommandBuilder) and `execute`', { file });
      continue;
    }
    commands.set(m.data.name, m as Command);
  }
  return commands;
}
