// The gateway's end states: which closes Discord will not take back, and login failures said in words an
// operator can act on.
import type { Client } from 'discord.js';
import { Events } from 'discord.js';
import { describeError, UserFacingError } from '../../errors.js';
import type { Logger } from '../../log.js';

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

const NETWORK_CODES = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;

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
  const net = [code, cause].find((c) => c && NETWORK_CODES.test(c));
  if (net || /fetch failed|getaddrinfo|connect /i.test(describeError(err))) {
    return new UserFacingError(
      `discord: cannot reach Discord at ${apiUrl} (${net ?? describeError(err)}). Check the network (DNS, proxy, firewall) and DISCORD_API_URL, then start again.`,
      'DISCORD_UNREACHABLE',
    );
  }
  return err;
}

export interface GatewayWatch {
  /** Settles when the client is ready, or fails with the fatal close that came first (at IDENTIFY). */
  ready: Promise<void>;
  /** From now on a fatal close goes to onFatal (the bot is running) instead of failing `ready`. */
  started(): void;
}

/** Logs disconnects, resumes and REST rate limits; turns a fatal close into one GatewayFatalError. */
export function watchGateway(client: Client, log: Logger, isClosing: () => boolean, onFatal?: (err: GatewayFatalError) => void): GatewayWatch {
  let started = false;
  let fatal: GatewayFatalError | null = null;
  let failStart: (err: GatewayFatalError) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    failStart = reject;
  });
  ready.catch(() => {}); // a fatal close with nobody awaiting start() yet is not an unhandled rejection
  client.on(Events.ShardDisconnect, (e, shard) => {
    if (isClosing()) return;
    if (!(e.code in FATAL_GATEWAY_CLOSES)) return log.warn('gateway disconnected', { shard, code: e.code });
    if (fatal) return;
    fatal = new GatewayFatalError(e.code);
    log.error(fatal.message, { code: fatal.code, shard, closeCode: e.code });
    if (started) onFatal?.(fatal);
    else failStart(fatal);
  });
  client.on(Events.ShardResume, (shard, replayed) => log.info('gateway resumed', { shard, replayed }));
  client.on(Events.Error, (err) => log.error('client error', { error: describeError(err) }));
  client.rest.on('rateLimited', (info) => log.warn('REST rate limited', { route: info.route, retryAfter: info.retryAfter, global: info.global }));
  return { ready, started: () => void (started = true) };
}
