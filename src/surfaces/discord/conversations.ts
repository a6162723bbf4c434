// Conversations the bot is part of — an ask-channel thread, a reply chain in mention mode, /ask in a
// thread — and the questions asked in each, so a follow-up ("那净利润呢？") can lean on the one before.
// Kept in memory only: a conversation is minutes long, and after a restart a follow-up is simply
// answered on its own (the engine then asks for what is missing), which is safe.
import type { Answer } from '../../answer/types.js';
import type { Language } from './labels.js';

/** Questions kept per conversation. The engine reads the last one; a few more cost little and let it
 * look further back later without a change here. */
export const MAX_QUESTIONS_PER_CONVERSATION = 8;
/** Conversations kept at once, least recently used dropped first: a busy server has many open threads,
 * and without a bound a long-running bot would keep every thread it ever saw. 2,000 × 8 questions of at
 * most MAX_QUESTION_CHARS is a few megabytes at worst. */
export const MAX_CONVERSATIONS = 2000;
/** A question is kept at most this long: the engine refuses longer questions, so more is never used. */
const MAX_QUESTION_CHARS = 1000;
/** Message ids remembered per conversation (the questions and the bot's answers), for reply chains. */
const MAX_LINKS_PER_CONVERSATION = MAX_QUESTIONS_PER_CONVERSATION * 2;

interface Conversation {
  questions: string[];
  /** Messages in it (questions and answers): replying to any of them continues the conversation. */
  messageIds: string[];
}

export interface Conversations {
  /** The earlier questions of a conversation, oldest first (empty for a new one). */
  previous(key: string): string[];
  /** Adds a question; the conversation becomes the most recently used. */
  record(key: string, question: string): void;
  /** Marks messages (a question, the bot's answer) as part of a conversation: a reply to one continues it. */
  link(key: string, messageIds: string[]): void;
  /** The conversation a message belongs to, when the bot has seen it. */
  keyOfMessage(messageId: string): string | undefined;
  readonly size: number;
}

export function createConversations(maxConversations = MAX_CONVERSATIONS, maxQuestions = MAX_QUESTIONS_PER_CONVERSATION): Conversations {
  const conversations = new Map<string, Conversation>();
  const links = new Map<string, string>();

  const evictOldest = () => {
    const [oldest, dropped] = conversations.entries().next().value!;
    conversations.delete(oldest);
    for (const id of dropped.messageIds) if (links.get(id) === oldest) links.delete(id);
  };

  /** The conversation, moved to the most recently used end (Map order is insertion order). */
  const touch = (key: string): Conversation => {
    const c = conversations.get(key) ?? { questions: [], messageIds: [] };
    conversations.delete(key);
    conversations.set(key, c);
    while (conversations.size > maxConversations) evictOldest();
    return c;
  };

  return {
    previous: (key) => [...(conversations.get(key)?.questions ?? [])],
    record(key, question) {
      const c = touch(key);
      c.questions.push([...question].slice(0, MAX_QUESTION_CHARS).join(''));
      if (c.questions.length > maxQuestions) c.questions.splice(0, c.questions.length - maxQuestions);
    },
    link(key, messageIds) {
      const c = touch(key);
      for (const id of messageIds) {
        links.set(id, key);
        c.messageIds.push(id);
      }
      const forgotten = c.messageIds.splice(0, Math.max(0, c.messageIds.length - MAX_LINKS_PER_CONVERSATION));
      for (const id of forgotten) if (links.get(id) === key) links.delete(id);
    },
    keyOfMessage: (messageId) => links.get(messageId),
    get size() {
      return conversations.size;
    },
  };
}

/** Conversation keys: a thread is one conversation; a reply chain is named after its first message. */
export const threadConversation = (threadId: string) => `thread:${threadId}`;
export const chainConversation = (firstMessageId: string) => `chain:${firstMessageId}`;

export interface AskInput {
  question: string;
  /** The conversation the question is part of, if any. */
  conversation?: string;
  /** The asker's language when known from the client (an English locale); else read from the question. */
  language?: Language;
}

/** Only a question the engine could use is worth leaning on: an empty or too-long one is not. */
export const usableAsContext = (answer: Answer) => !answer.error;

/** A question as the engine understood it: a follow-up ("那净利润呢？") is kept with what it took from the one
 * before (the company and the period, put in front of it), because the engine reads only the last earlier question, and a
 * third question in the chain must still find the entity and period there. */
const asUnderstood = (question: string, answer: Answer): string => (answer.assumed?.length ? `${answer.assumed.join(' ')} ${question}` : question);

/** Adds an answered question to its conversation, as understood, when it can serve as context. */
export function recordTurn(conversations: Conversations, key: string, question: string, answer: Answer): void {
  if (usableAsContext(answer)) conversations.record(key, asUnderstood(question, answer));
}
