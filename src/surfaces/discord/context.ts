// What every command receives: the engine and the bot's own state. Commands never reach further.
import type { ChatInputCommandInteraction, AutocompleteInteraction, SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { Engine } from '../../answer/engine.js';
import type { Answer } from '../../answer/types.js';
import type { Logger } from '../../log.js';
import type { DiscordConfig } from './config.js';
import type { RateLimiter } from './safety.js';
import type { FeedbackStore } from '../../store/feedback.js';

export interface BotContext {
  engine: Engine;
  config: DiscordConfig;
  log: Logger;
  startedAt: number;
  version: string;
  limiter: RateLimiter;
  /** Recent answers by key, for the "more sources" button. Bounded; older ones are forgotten. */
  answers: AnswerCache;
  /** Votes and the gaps log; a no-op store when the database is unavailable. */
  feedback: FeedbackStore;
  /** Keeps an answer for its buttons (memory and database) under the key its buttons carry. */
  remember(key: string, answer: Answer): void;
}

export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder, 'name' | 'toJSON'>;
  /** Replies only the asker sees. */
  ephemeral?: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

export interface AnswerCache {
  put(key: string, answer: Answer): void;
  get(key: string): Answer | undefined;
}

export function createAnswerCache(max = 1000): AnswerCache {
  const map = new Map<string, Answer>();
  return {
    put(key, answer) {
      map.delete(key);
      map.set(key, answer);
      if (map.size > max) map.delete(map.keys().next().value!);
    },
    get: (key) => map.get(key),
  };
}
