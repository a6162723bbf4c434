// The Discord client: the fewest intents that work, handlers wired to its events, and a shutdown that
// lets in-flight replies finish. Commands and buttons are handled in interactions.ts (deferred at once,
// answered or told why not), plain messages in messages.ts, the gateway's end states in gateway.ts.
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Engine } from '../../answer/engine.js';
import type { Logger } from '../../log.js';
import { unavailableStore, type FeedbackStore } from '../../store/feedback.js';
import { COMMAND_MODULES, loadCommands } from './commands/index.js';
import { COMPONENT_MODULES, loadComponents } from './components/index.js';
import type { DiscordConfig } from './config.js';
import { createContext, type BotContext, type Command } from './context.js';
import { explainLoginError, watchGateway, type GatewayFatalError } from './gateway.js';
import { onInteraction } from './interactions.js';
import { createMessageHandler } from './messages.js';
import { NO_MENTIONS } from './safety.js';

export { explainLoginError, FATAL_GATEWAY_CLOSES, GatewayFatalError } from './gateway.js';
export { questionFromMessage, threadName } from './messages.js';

export interface Bot {
  client: Client;
  ctx: BotContext;
  commands: Map<string, Command>;
  start(): Promise<void>;
  /** Stops taking new work, waits up to SHUTDOWN_GRACE_MS for replies in flight, then disconnects. */
  stop(): Promise<void>;
}

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
/** Feedback older than this is pruned when no retention is configured. */
const DEFAULT_RETENTION_DAYS = 90;

/** Guilds always; messages only when something reads them (MessageContent is privileged). */
function clientFor(config: DiscordConfig): Client {
  const intents = [GatewayIntentBits.Guilds];
  if (readsMessages(config)) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  return new Client({ intents, partials: [Partials.Channel], allowedMentions: NO_MENTIONS, rest: { api: config.DISCORD_API_URL } });
}

const readsMessages = (config: DiscordConfig) => config.MENTION_MODE || config.ASK_CHANNEL_IDS.length > 0;

/** Work in flight, so that stop() can wait for it. */
function createTracker() {
  const inflight = new Set<Promise<unknown>>();
  return {
    track(p: Promise<unknown>) {
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    },
    pending: () => [...inflight],
  };
}

export function createBot({ config, engine, log, version, feedback = unavailableStore('feedback off: no database configured'), retentionDays = DEFAULT_RETENTION_DAYS, onFatal }: BotOptions): Bot {
  const client = clientFor(config);
  const ctx = createContext({ engine, config, log, version, feedback });
  const commands = loadCommands(COMMAND_MODULES, log);
  const components = loadComponents(COMPONENT_MODULES, log);
  const work = createTracker();
  let closing = false;
  let pruneTimer: NodeJS.Timeout | undefined;
  const isClosing = () => closing;
  const gateway = watchGateway(client, log, isClosing, onFatal);

  client.on(Events.InteractionCreate, (i) => {
    if (!closing) work.track(onInteraction(i, { ctx, commands, components }));
  });
  if (readsMessages(config)) {
    const onMessage = createMessageHandler(client, ctx, isClosing);
    client.on(Events.MessageCreate, (m) => work.track(onMessage(m)));
  }

  async function start(): Promise<void> {
    // A close that cannot be resumed may come at IDENTIFY, before READY: then start() fails with it.
    await Promise.all([client.login(config.DISCORD_TOKEN), gateway.ready]).catch(async (err) => {
      await client.destroy();
      throw explainLoginError(err, config.DISCORD_API_URL);
    });
    gateway.started();
    const pruned = feedback.prune(retentionDays);
    if (pruned) log.info('feedback: pruned old rows', { rows: pruned, retentionDays });
    pruneTimer = setInterval(() => feedback.prune(retentionDays), DAY_MS);
    pruneTimer.unref();
    log.info('discord: ready', { user: client.user?.tag, guilds: client.guilds.cache.size, commands: [...commands.keys()], buttons: [...components.keys()], dense: engine.denseStatus });
  }

  async function stop(): Promise<void> {
    closing = true;
    const pending = work.pending();
    log.info('discord: shutting down', { inflight: pending.length, graceMs: config.SHUTDOWN_GRACE_MS });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(pending), new Promise((r) => (timer = setTimeout(r, config.SHUTDOWN_GRACE_MS)))]);
    clearTimeout(timer);
    clearInterval(pruneTimer);
    await client.destroy();
  }

  return { client, ctx, commands, start, stop };
}
