// The Discord client: the fewest intents that work, every interaction deferred at once, answered or
// told why not, and a shutdown that lets in-flight replies finish.
import { randomBytes } from 'node:crypto';
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
} from 'discord.js';
import type { Engine } from '../../answer/engine.js';
import { describeError, UserFacingError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { COMMAND_MODULES, loadCommands } from './commands/index.js';
import { passageViewEmbed } from './commands/passage.js';
import type { DiscordConfig } from './config.js';
import { createAnswerCache, type BotContext, type Command } from './context.js';
import { answerButtons, answerEmbed, fitChoices, fitReply, passagesEmbed } from './render.js';
import { createRateLimiter, NO_MENTIONS } from './safety.js';
import { unavailableStore, type FeedbackStore } from '../../store/feedback.js';


export interface Bot {
  client: Client;
  ctx: BotContext;
  commands: Map<string, Command>;
  start(): Promise<void>;
  /** Stops taking new work, waits up to SHUTDOWN_GRACE_MS for replies in flight, then disconnects. */
  stop(): Promise<void>;
}

const errorId = () => randomBytes(3).toString('hex');
/** A button's custom id is logged at most this long (Discord's own limit for it is 100). */
const LOGGED_CUSTOM_ID_CHARS = 100;

export interface BotOptions {
  config: DiscordConfig;
  engine: Engine;
  log: Logger;
  version: string;
  /** Votes and gaps; without one the bot answers as always and says feedback is off. */
  feedback?: FeedbackStore;
  retentionDays?: number;
  /** Called once when the gateway closes for good after start (4004, 4010–4014); main exits non-zero. */
  onFatal?: (err: GatewayFatalError) => void;
}

const DAY_MS = 86_400_000;

/**
 * Gateway close codes after which Discord will not take the session back (discord.js stops reconnecting):
 * each one is a setting to fix, so the bot ends with a non-zero code and says which.
 */
export const FATAL_GATEWAY_CLOSES: Record<number, string> = {
  4004: 'authentication failed: Discord rejected the token. Set DISCORD_TOKEN to the bot token from the Developer Portal (Bot → Reset Token), then start again',
  4010: 'invalid shard: the shard id or count sent at IDENTIFY is wrong. Run one process (npm start) or let npm run start:sharded choose the shards',
  4011: 'sharding required: the bot is in too many guilds for one connection. Run npm run start:sharded instead of npm start',
  4012: 'invalid API version: this discord.js speaks a gateway version Discord no longer accepts. Update discord.js (npm install discord.js@14)',
  4013: 'invalid intents: the intents bitfield was refused. Check MENTION_MODE and ASK_CHANNEL_IDS, and update discord.js',
  4014: 'disallowed intents: MENTION_MODE or ASK_CHANNEL_IDS needs the privileged Message Content intent, which is not enabled for this bot. Enable it in the Developer Portal (Bot → Privileged Gateway Intents), or unset MENTION_MODE and ASK_CHANNEL_IDS',
};

/** A gateway close the bot cannot recover from; `main` logs it and exits with EXIT_GATEWAY_FATAL. */
export class GatewayFatalError extends UserFacingError {
  constructor(readonly closeCode: number) {
    super(`discord: gateway closed with ${closeCode}, ${FATAL_GATEWAY_CLOSES[closeCode] ?? 'which cannot be resumed'}.`, `GATEWAY_CLOSED_${closeCode}`);
    this.name = 'GatewayFatalError';
  }
}

/** Discord errors the bot expects in a busy channel, by their JSON error code. */
const DiscordCode = { UnknownChannel: 10003, UnknownMessage: 10008, MissingAccess: 50001, MissingPermissions: 50013 } as const;
const codeOf = (err: unknown) => (err as { code?: unknown })?.code;

/** The question in a channel message: mentions, channel links, custom emoji and bare links removed. */
/** Login failures in words an operator can act on: a refused token, or an API that cannot be reached. */
export function explainLoginError(err: unknown, apiUrl: string): unknown {
  if (err instanceof GatewayFatalError) return err;
  const code = String((err as { code?: unknown })?.code ?? '');
  const cause = (err as { cause?: { code?: string } })?.cause?.code;
  if (code === 'TokenInvalid' || (err as { status?: number })?.status === 401) {
    return new UserFacingError(
      'discord: Discord rejected DISCORD_TOKEN (401 Unauthorized). Set DISCORD_TOKEN to the bot token from the Developer Portal (Bot → Reset Token), then start again.',
      'DISCORD_TOKEN_REJECTED',
    );
  }
  const net = [code, cause].find((c) => c && /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/.test(c));
  if (net || /fetch failed|getaddrinfo|connect /i.test(describeError(err))) {
    return new UserFacingError(
      `discord: cannot reach Discord at ${apiUrl} (${net ?? describeError(err)}). Check the network (DNS, proxy, firewall) and DISCORD_API_URL, then start again.`,
      'DISCORD_UNREACHABLE',
    );
  }
  return err;
}

export function questionFromMessage(content: string): string {
  return content
    .replace(/<(@[!&]?|#)\d+>/g, ' ')
    .replace(/<a?:\w+:\d+>/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const threadName = (question: string) => [...question.replace(/\s+/g, ' ')].slice(0, 100).join('').trim() || 'question';

export function createBot({ config, engine, log, version, feedback = unavailableStore('feedback off: no database configured'), retentionDays = 90, onFatal }: BotOptions): Bot {
  const intents = [GatewayIntentBits.Guilds];
  const readsMessages = config.MENTION_MODE || config.ASK_CHANNEL_IDS.length > 0;
  if (readsMessages) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  const client = new Client({
    intents,
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: { api: config.DISCORD_API_URL },
  });
  const ctx: BotContext = {
    engine,
    config,
    log,
    startedAt: Date.now(),
    version,
    limiter: createRateLimiter(config.RATE_LIMIT_CAPACITY, config.RATE_LIMIT_REFILL_PER_MINUTE),
    answers: createAnswerCache(),
    feedback,
    remember(key, answer) {
      this.answers.put(key, answer);
      feedback.recordAnswer({
        id: key,
        question: answer.question,
        kind: answer.kind,
        confidence: answer.confidence,
        citationIds: answer.citations.map((c) => c.id),
        keyTerms: engine.keyTerms(answer.question),
      });
    },
  };
  const warnedOnce = new Set<string>();
  const warnOnce = (key: string, msg: string, fields: Record<string, unknown> = {}) => {
    if (warnedOnce.has(key)) return;
    warnedOnce.add(key);
    log.warn(msg, fields);
  };
  let pruneTimer: NodeJS.Timeout | undefined;
  const commands = loadCommands(COMMAND_MODULES, log);
  const inflight = new Set<Promise<unknown>>();
  let closing = false;

  const track = (p: Promise<unknown>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };

  async function rateLimited(i: ChatInputCommandInteraction | ButtonInteraction): Promise<boolean> {
    if (ctx.limiter.take(i.user.id)) return false;
    const wait = ctx.limiter.retryAfter(i.user.id);
    await i.reply({ content: `你问得太快了，请 ${Number.isFinite(wait) ? wait : 60} 秒后再试。(Too many requests; try again shortly.)`, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return true;
  }

  async function failed(i: ChatInputCommandInteraction | ButtonInteraction, err: unknown): Promise<void> {
    const id = errorId();
    const isInput = err instanceof Error && err.name === 'ZodError';
    const command = i.isChatInputCommand() ? i.commandName : i.customId.slice(0, LOGGED_CUSTOM_ID_CHARS);
    // A refused input is a user's typo, not a fault: one line, no stack.
    if (isInput) log.info('input refused', { errorId: id, command, issues: (err as unknown as { issues: { message: string }[] }).issues.map((x) => x.message) });
    else log.error('interaction failed', { errorId: id, command, error: describeError(err), stack: err instanceof Error ? err.stack?.split('\n').slice(0, 4).join(' | ') : undefined });
    const content = isInput
      ? `输入有误：${(err as unknown as { issues: { message: string }[] }).issues.map((x) => x.message).join('；')}`
      : `出错了，没能回答。错误编号 ${id}，请稍后再试。(Something went wrong; error id ${id}.)`;
    try {
      if (i.deferred && !i.ephemeral) await i.deleteReply().catch(() => {});
      if (i.deferred || i.replied) await i.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      else await i.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    } catch (e) {
      log.error('could not deliver the error message', { errorId: id, error: describeError(e) });
    }
  }

  async function onCommand(i: ChatInputCommandInteraction): Promise<void> {
    const command = commands.get(i.commandName);
    if (!command) {
      await i.reply({ content: `未知命令 /${i.commandName}：可能已下线，请重新注册命令。`, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    if (await rateLimited(i)) return;
    await i.deferReply(command.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    try {
      await command.execute(i, ctx);
    } catch (err) {
      await failed(i, err);
    }
  }

  async function onButton(i: ButtonInteraction): Promise<void> {
    if (await rateLimited(i)) return;
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    try {
      const [kind, arg = ''] = i.customId.split(/:(.*)/s);
      if (kind === 'para') {
        const view = engine.passage(arg);
        await i.editReply(view ? { embeds: [passageViewEmbed(view)], allowedMentions: NO_MENTIONS } : { content: `段落 ${arg} 不存在。`, allowedMentions: NO_MENTIONS });
      } else if (kind === 'vote') {
        const [direction, key = ''] = arg.split(/:(.*)/s);
        const result = feedback.vote(key, i.user.id, direction === 'up' ? 1 : -1);
        const content = result.ok
          ? `${result.replaced ? '已更新你的投票' : '谢谢反馈'} ${direction === 'up' ? '👍' : '👎'}${direction === 'up' ? '' : '：这个问题会记入“未答好”的列表，帮助改进。'}`
          : result.reason === 'unknown_answer'
            ? '这条回答没有被记录，无法投票；请重新提问。(This answer was not recorded; ask again to vote.)'
            : '谢谢！不过反馈暂时无法保存（数据库不可用）。(Thanks — feedback cannot be stored right now.)';
        await i.editReply({ content, allowedMentions: NO_MENTIONS });
      } else if (kind === 'more') {
        const answer = ctx.answers.get(arg) ?? feedback.getAnswer(arg);
        if (!answer) {
          await i.editReply({ content: '这条回答来自机器人重启之前，来源已不在缓存中：请重新提问。(This answer predates a restart; please ask again.)', allowedMentions: NO_MENTIONS });
          return;
        }
        const cited = new Set<string>('citations' in answer ? answer.citations.map((c) => c.id) : answer.citationIds);
        const more = (await engine.search(answer.question, 8)).filter((h) => !cited.has(h.id)).slice(0, 4);
        await i.editReply({ embeds: [passagesEmbed('更多来源 More sources', more, '与问题相关的其他段落（未必回答问题）')], allowedMentions: NO_MENTIONS });
      } else {
        await i.editReply({ content: '这个按钮已失效。(This button is no longer valid.)', allowedMentions: NO_MENTIONS });
      }
    } catch (err) {
      await failed(i, err);
    }
  }

  /** Every reply of this interaction goes through fitReply, so none can break Discord's limits. */
  function guardReplies(i: Interaction): void {
    if (i.isAutocomplete()) {
      const respond = i.respond.bind(i);
      i.respond = (choices) => respond(fitChoices(choices));
      return;
    }
    if (!i.isRepliable()) return;
    const target = i as unknown as Record<'reply' | 'editReply' | 'followUp', (p: unknown) => Promise<unknown>>;
    for (const m of ['reply', 'editReply', 'followUp'] as const) {
      const original = target[m]!.bind(i);
      target[m] = (p: unknown) => original(fitReply(p));
    }
  }

  async function onInteraction(i: Interaction): Promise<void> {
    if (closing) return;
    guardReplies(i);
    try {
      if (i.isAutocomplete()) {
        const command = commands.get(i.commandName);
        await (command?.autocomplete?.(i, ctx) ?? i.respond([])).catch(async (err) => {
          log.warn('autocomplete failed', { command: i.commandName, error: describeError(err) });
          if (!i.responded) await i.respond([]).catch(() => {});
        });
      } else if (i.isChatInputCommand()) await onCommand(i);
      else if (i.isButton()) await onButton(i);
    } catch (err) {
      log.error('interaction could not be handled', { id: i.id, error: describeError(err) });
    }
  }

  async function onMessage(m: Message): Promise<void> {
    if (closing || m.author.bot || m.system || m.webhookId || !client.user) return;
    const me = client.user.id;
    const channel = m.channel;
    const inOurThread = channel.isThread() && config.ASK_CHANNEL_IDS.includes(channel.parentId ?? '') && channel.ownerId === me;
    const inAskChannel = config.ASK_CHANNEL_IDS.includes(m.channelId);
    const mentioned = config.MENTION_MODE && m.mentions.users.has(me);
    if (!inOurThread && !inAskChannel && !mentioned) return;
    const question = questionFromMessage(m.content);
    if (!question) {
      log.debug('message ignored: no question text (only mentions, links, attachments or stickers)', { message: m.id });
      return;
    }
    if (!ctx.limiter.take(m.author.id)) {
      log.info('message ignored: user over the rate limit', { message: m.id });
      return;
    }
    const answer = await engine.answer(question);
    ctx.remember(m.id, answer);
    const payload = fitReply({ embeds: [answerEmbed(answer, engine.article.meta)], components: answerButtons(m.id, answer.citations[0]?.id ?? answer.nearest?.id), allowedMentions: NO_MENTIONS });
    try {
      if (inAskChannel && !channel.isThread()) {
        let thread;
        try {
          thread = await m.startThread({ name: threadName(question), autoArchiveDuration: 1440 });
        } catch (err) {
          const code = codeOf(err);
          if (code === DiscordCode.UnknownMessage) {
            log.info('question deleted before it could be answered', { message: m.id });
            return;
          }
          warnOnce(`threads:${m.channelId}`, 'cannot create threads in the ask channel; answering as replies there instead. Grant the bot "Create Public Threads" and "Send Messages in Threads".', {
            channel: m.channelId,
            error: describeError(err),
          });
          await m.reply(payload);
          return;
        }
        await thread.send(payload);
      } else if (inOurThread) {
        await m.reply(payload);
      } else {
        await m.reply(payload);
      }
    } catch (err) {
      const code = codeOf(err);
      if (code === DiscordCode.UnknownChannel || code === DiscordCode.UnknownMessage) log.info('the thread or message was deleted before the answer landed', { message: m.id });
      else log.error('message answer failed', { errorId: errorId(), message: m.id, error: describeError(err) });
    }
  }

  client.on(Events.InteractionCreate, (i) => track(onInteraction(i)));
  if (readsMessages) client.on(Events.MessageCreate, (m) => track(onMessage(m)));
  let failStart: (err: GatewayFatalError) => void = () => {};
  let started = false;
  let fatal: GatewayFatalError | null = null;
  client.on(Events.ShardDisconnect, (e, shard) => {
    if (closing) return;
    if (!(e.code in FATAL_GATEWAY_CLOSES)) {
      log.warn('gateway disconnected', { shard, code: e.code });
      return;
    }
    if (fatal) return;
    fatal = new GatewayFatalError(e.code);
    log.error(fatal.message, { code: fatal.code, shard, closeCode: e.code });
    if (started) onFatal?.(fatal);
    else failStart(fatal);
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info('gateway resumed', { shard, replayed }));
  client.on(Events.Error, (err) => log.error('client error', { error: describeError(err) }));
  client.rest.on('rateLimited', (info) => log.warn('REST rate limited', { route: info.route, retryAfter: info.retryAfter, global: info.global }));

  return {
    client,
    ctx,
    commands,
    async start() {
      // A close that cannot be resumed may come at IDENTIFY, before READY: then start() fails with it.
      const ready = new Promise<void>((resolve, reject) => {
        client.once(Events.ClientReady, () => resolve());
        failStart = reject;
      });
      await Promise.all([client.login(config.DISCORD_TOKEN), ready]).catch(async (err) => {
        await client.destroy();
        throw explainLoginError(err, config.DISCORD_API_URL);
      });
      started = true;
      const pruned = feedback.prune(retentionDays);
      if (pruned) log.info('feedback: pruned old rows', { rows: pruned, retentionDays });
      pruneTimer = setInterval(() => feedback.prune(retentionDays), DAY_MS);
      pruneTimer.unref();
      log.info('discord: ready', { user: client.user?.tag, guilds: client.guilds.cache.size, commands: [...commands.keys()], dense: engine.denseStatus });
    },
    async stop() {
      closing = true;
      const pending = [...inflight];
      log.info('discord: shutting down', { inflight: pending.length, graceMs: config.SHUTDOWN_GRACE_MS });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(pending), new Promise((r) => (timer = setTimeout(r, config.SHUTDOWN_GRACE_MS)))]);
      clearTimeout(timer);
      clearInterval(pruneTimer);
      await client.destroy();
    },
  };
}
