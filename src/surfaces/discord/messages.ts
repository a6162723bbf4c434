// Plain messages (ask channels and mention mode, both need the MessageContent intent): which ones are
// questions, which conversation each continues, and where its answer goes — a new thread for a question
// in an ask channel, a reply everywhere else.
import type { Client, Message, MessageCreateOptions } from 'discord.js';
import type { Answer } from '../../answer/types.js';
import { describeError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { answerButtons } from './components/index.js';
import type { BotContext } from './context.js';
import { chainConversation, recordTurn, threadConversation, usableAsContext } from './conversations.js';
import { errorId } from './interactions.js';
import { answerEmbed, fitReply } from './render.js';
import { NO_MENTIONS } from './safety.js';

/** Discord errors the bot expects in a busy channel, by their JSON error code. */
const DiscordCode = { UnknownChannel: 10003, UnknownMessage: 10008 } as const;
const codeOf = (err: unknown) => (err as { code?: unknown })?.code;
/** Threads the bot opens archive after a day without messages (Discord's 1440-minute option). */
const THREAD_ARCHIVE_MINUTES = 1440;
/** Discord's limit on a thread name. */
const THREAD_NAME_CHARS = 100;

/** The question in a channel message: mentions, channel links, custom emoji and bare links removed. */
export function questionFromMessage(content: string): string {
  return content
    .replace(/<(@[!&]?|#)\d+>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const threadName = (question: string) => [...question.replace(/\s+/g, ' ')].slice(0, THREAD_NAME_CHARS).join('').trim() || 'question';

/** Where a question goes: a new thread (ask channel), or a reply inside a conversation the bot knows. */
type Route = { kind: 'newThread' } | { kind: 'inThread'; conversation: string } | { kind: 'reply'; conversation: string };

/** The route of a message, or null when it is not for the bot. */
function routeOf(m: Message, me: string, { config, conversations }: BotContext): Route | null {
  const channel = m.channel;
  if (channel.isThread() && config.ASK_CHANNEL_IDS.includes(channel.parentId ?? '') && channel.ownerId === me) {
    return { kind: 'inThread', conversation: threadConversation(channel.id) };
  }
  const chain = m.reference?.messageId ? conversations.keyOfMessage(m.reference.messageId) : undefined;
  // In an ask channel a reply to an earlier answer (given as a reply when threads could not be made) continues it.
  if (config.ASK_CHANNEL_IDS.includes(m.channelId)) return chain ? { kind: 'reply', conversation: chain } : { kind: 'newThread' };
  if (!config.MENTION_MODE) return null;
  // A reply to one of the bot's answers is meant for it even when the asker turned the reply ping off.
  const addressed = m.mentions.users.has(me) || (chain !== undefined && m.mentions.repliedUser?.id === me);
  return addressed ? { kind: 'reply', conversation: chain ?? chainConversation(m.id) } : null;
}

/** Logs a warning the first time a key is seen only: a missing permission would otherwise log on every message. */
function onceLogger(log: Logger) {
  const warned = new Set<string>();
  return (key: string, msg: string, fields: Record<string, unknown>) => {
    if (warned.has(key)) return;
    warned.add(key);
    log.warn(msg, fields);
  };
}

/** Continues a reply chain: a reply to the question or to this answer is a follow-up of this question. */
async function replyInChain(m: Message, conversation: string, answer: Answer, payload: MessageCreateOptions, ctx: BotContext): Promise<void> {
  const usable = usableAsContext(answer);
  if (usable) ctx.conversations.link(conversation, [m.id]);
  const reply = await m.reply(payload);
  if (usable) ctx.conversations.link(conversation, [reply.id]);
}

/** Opens a thread for a question in an ask channel; without permission to, answers as a reply (said once in the log). */
async function answerInNewThread(m: Message, question: string, answer: Answer, payload: MessageCreateOptions, ctx: BotContext, warnOnce: ReturnType<typeof onceLogger>): Promise<void> {
  let thread;
  try {
    thread = await m.startThread({ name: threadName(question), autoArchiveDuration: THREAD_ARCHIVE_MINUTES });
  } catch (err) {
    if (codeOf(err) === DiscordCode.UnknownMessage) return ctx.log.info('question deleted before it could be answered', { message: m.id });
    warnOnce(`threads:${m.channelId}`, 'cannot create threads in the ask channel; answering as replies there instead. Grant the bot "Create Public Threads" and "Send Messages in Threads".', {
      channel: m.channelId,
      error: describeError(err),
    });
    const chain = chainConversation(m.id);
    recordTurn(ctx.conversations, chain, question, answer);
    return replyInChain(m, chain, answer, payload, ctx);
  }
  recordTurn(ctx.conversations, threadConversation(thread.id), question, answer);
  await thread.send(payload);
}

function deliveryFailed(err: unknown, m: Message, log: Logger): void {
  const code = codeOf(err);
  if (code === DiscordCode.UnknownChannel || code === DiscordCode.UnknownMessage) log.info('the thread or message was deleted before the answer landed', { message: m.id });
  else log.error('message answer failed', { errorId: errorId(), message: m.id, error: describeError(err) });
}

/** The handler for MESSAGE_CREATE: answers the messages meant for the bot, within the asker's rate limit. */
export function createMessageHandler(client: Client, ctx: BotContext, isClosing: () => boolean): (m: Message) => Promise<void> {
  const warnOnce = onceLogger(ctx.log);
  return async (m) => {
    if (isClosing() || m.author.bot || m.system || m.webhookId || !client.user) return;
    const route = routeOf(m, client.user.id, ctx);
    if (!route) return;
    const question = questionFromMessage(m.content);
    if (!question) return ctx.log.debug('message ignored: no question text (only mentions, links, attachments or stickers)', { message: m.id });
    if (!ctx.limiter.take(m.author.id)) return ctx.log.info('message ignored: user over the rate limit', { message: m.id });
    const answer = await ctx.ask({ question, conversation: route.kind === 'newThread' ? undefined : route.conversation });
    ctx.remember(m.id, answer);
    const payload = fitReply({ embeds: [answerEmbed(answer, ctx.engine.article.meta)], components: answerButtons(m.id, answer.citations[0]?.id ?? answer.nearest?.id, answer.language), allowedMentions: NO_MENTIONS });
    try {
      if (route.kind === 'newThread') await answerInNewThread(m, question, answer, payload, ctx, warnOnce);
      else if (route.kind === 'reply') await replyInChain(m, route.conversation, answer, payload, ctx);
      else await m.reply(payload);
    } catch (err) {
      deliveryFailed(err, m, ctx.log);
    }
  };
}
