// What keeps the bot safe to run in a public channel: user text echoed back cannot ping or format,
// and a per-user token bucket keeps one person from flooding it.
import { escapeMarkdown } from 'discord.js';

/** No mention of any kind is ever parsed from what the bot sends. */
export const NO_MENTIONS = { parse: [] as never[], repliedUser: false };

/** Nothing the bot shows is longer than an embed description; escapeMarkdown is superlinear, so a huge
 * input is cut first (a 120,000-character question took 50 s to escape before this cut). */
const MAX_ESCAPED = 4100;

/** User text shown back: markdown escaped, mentions and masked links defused, invisible controls removed. */
export function escapeUserText(input: string): string {
  const text = [...input].length > MAX_ESCAPED ? [...input].slice(0, MAX_ESCAPED).join('') : input;
  return escapeMarkdown(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ''))
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>')
    .replace(/\]\(/g, ']\u200b(');
}

export interface RateLimiter {
  /** True when the user may go ahead (a token was taken). */
  take(userId: string, now?: number): boolean;
  /** Seconds until the user has a token again. */
  retryAfter(userId: string, now?: number): number;
}

export function createRateLimiter(capacity: number, refillPerMinute: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = refillPerMinute / 60_000;
  const refill = (userId: string, now: number) => {
    const b = buckets.get(userId) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perMs);
    b.at = now;
    buckets.set(userId, b);
    return b;
  };
  return {
    take(userId, now = Date.now()) {
      const b = refill(userId, now);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    retryAfter(userId, now = Date.now()) {
      const b = refill(userId, now);
      return b.tokens >= 1 ? 0 : perMs > 0 ? Math.ceil((1 - b.tokens) / perMs / 1000) : Infinity;
    },
  };
}
