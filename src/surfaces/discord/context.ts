// What every command and button receives: the engine and the bot's own state. They never reach further.
import type { ButtonInteraction, ChatInputCommandInteraction, AutocompleteInteraction, SlashCommandOptionsOnlyBuilder } from 'discord.js';
import type { Engine } from '../../answer/engine.js';
import type { Answer } from '../../answer/types.js';
import type { Logger } from '../../log.js';
import type { DiscordConfig } from './config.js';
import { createConversations, recordTurn, type AskInput, type Conversations } from './conversations.js';
import { createRateLimiter, type RateLimiter } from './safety.js';
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
  /** Threads and reply chains with their questions, for follow-ups. */
  conversations: Conversations;
  /** Keeps an answer for its buttons (memory and database) under the key its buttons carry. */
  remember(key: string, answer: Answer): void;
  /** Answers a question with the earlier questions of its conversation and, once answered, adds it there. */
  ask(input: AskInput): Promise<Answer>;
}

export interface Command {
  data: Pick<SlashCommandOptionsOnlyBuilder, 'name' | 'toJSON'>;
  /** Replies only the asker sees. */
  ephemeral?: boolean;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** A kind of button, like a command: its custom id is `${kind}:…`, built by `customId` and read back by
 * `parse`. Buttons outlive the bot (they stay on old messages), so `parse` returns null for any id it did
 * not build, and the router then gives the one "this button is no longer valid" reply. */
export interface ButtonComponent<Args = unknown> {
  kind: string;
  customId(...parts: never[]): string;
  parse(customId: string): Args | null;
  /** Runs after the ephemeral deferral; replies with editReply. */
  execute(interaction: ButtonInteraction, args: Args, ctx: BotContext): Promise<void>;
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

export interface ContextOptions {
  engine: Engine;
  config: DiscordConfig;
  log: Logger;
  version: string;
  feedback: FeedbackStore;
}

export function createContext({ engine, config, log, version, feedback }: ContextOptions): BotContext {
  const answers = createAnswerCache();
  const conversations = createConversations();
  return {
    engine,
    config,
    log,
    startedAt: Date.now(),
    version,
    limiter: createRateLimiter(config.RATE_LIMIT_CAPACITY, config.RATE_LIMIT_REFILL_PER_MINUTE),
    answers,
    feedback,
    conversations,
    remember(key, answer) {
      answers.put(key, answer);
      feedback.recordAnswer({
        id: key,
        question: answer.question,
        kind: answer.kind,
        confidence: answer.confidence,
        citationIds: answer.citations.map((c) => c.id),
        keyTerms: engine.keyTerms(answer.question),
      });
    },
    async ask({ question, conversation, language }) {
      const previous = conversation ? conversations.previous(conversation) : [];
      const answer = await engine.answer(question, { previous, ...(language ? { language } : {}) });
      // Recorded before the reply is sent, so a quick next question in the thread already sees it.
      if (conversation) recordTurn(conversations, conversation, question, answer);
      return answer;
    },
  };
}
