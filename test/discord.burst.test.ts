import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createLogger, silentLogger } from '../src/log.js';
import { openFeedbackStore } from '../src/store/feedback.js';
import { holdWriteLock, waitUntil } from './drills.js';
import { createBot, type Bot } from '../src/surfaces/discord/bot.js';
import { DiscordConfigSchema } from '../src/surfaces/discord/config.js';
import { commandDefinitions } from '../src/surfaces/discord/definitions.js';
import { getEngine } from './helpers.js';
import { APP_ID, FakeDiscord, GUILD_ID } from './fake-discord.js';

const TOKEN = 'burst-token.XYZ';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const QUESTIONS = ['花呗有多少用户？', '网商银行2023年的不良率是多少？', '蚂蚁集团的三大战略是什么？', '韩歆毅毕业于哪所学校？', '腾讯的市值是多少？'];

async function burst(fake: FakeDiscord, n: number, users: number, midway?: () => void) {
  const sent: { id: string; token: string; at: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === Math.floor(n / 2)) midway?.();
    const userId = String(600000000000000000n + BigInt(i % users));
    const r = fake.interaction('command', { name: 'ask', userId, options: [{ name: 'question', type: 3, value: QUESTIONS[i % QUESTIONS.length] }] });
    sent.push({ ...r, at: performance.now() });
    if (i % 20 === 19) await new Promise((r) => setImmediate(r));
  }
  const results = await Promise.all(
    sent.map(async (s) => {
      const cb = await fake.waitFor((c) => c.path.startsWith(`/api/v10/interactions/${s.id}/`), 20_000);
      const fin = cb.body.type === 5 ? await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${s.token}`), 20_000) : undefined;
      return { ack: cb.at - s.at, final: fin ? fin.at - s.at : undefined, type: cb.body.type, limited: cb.body.type === 4 && cb.body.data.flags === 64 };
    }),
  );
  return results;
}

describe('bursts, rate limits, resume and shutdown through the real client', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    const config = DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, RATE_LIMIT_CAPACITY: '5', RATE_LIMIT_REFILL_PER_MINUTE: '0', SHUTDOWN_GRACE_MS: '3000' });
    bot = createBot({ config, engine: getEngine(), log: silentLogger, version: 'test' });
    await bot.start();
  });
  afterAll(async () => {
    await bot.client.destroy();
    await fake.stop();
  });

  it('200 interactions from 20 users: every one deferred and answered or rate-limited, none dropped', async () => {
    const results = await burst(fake, 200, 20);
    expect(results).toHaveLength(200);
    const answered = results.filter((r) => r.type === 5 && r.final !== undefined);
    const limited = results.filter((r) => r.limited);
    expect(answered.length + limited.length).toBe(200);
    expect(answered.length).toBe(100); // 5 tokens for each of 20 users, no refill
    expect(limited.length).toBe(100);
    const acks = answered.map((r) => r.ack);
    const finals = answered.map((r) => r.final!);
    process.stderr.write(
      `burst: ack p50 ${pct(acks, 0.5).toFixed(1)} ms p95 ${pct(acks, 0.95).toFixed(1)} ms; final reply p50 ${pct(finals, 0.5).toFixed(1)} ms p95 ${pct(finals, 0.95).toFixed(1)} ms\n`,
    );
  });

  it('a gateway close (4000) mid-burst resumes and loses no interaction', async () => {
    // New users so the rate limiter does not hide anything.
    const before = fake.resumed;
    const sent: ReturnType<FakeDiscord['interaction']>[] = [];
    for (let i = 0; i < 60; i++) {
      if (i === 30) fake.dropGateway(4000);
      sent.push(fake.interaction('command', { name: 'ask', userId: String(700000000000000000n + BigInt(i)), options: [{ name: 'question', type: 3, value: QUESTIONS[i % QUESTIONS.length] }] }));
    }
    await Promise.all(sent.map((s) => fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${s.token}`), 30_000)));
    expect(fake.resumed).toBe(before + 1);
    expect(fake.identified).toBe(1);
  });

  it('an abnormal close (1006) mid-burst: the client reconnects and every interaction is answered', async () => {
    const sent: ReturnType<FakeDiscord['interaction']>[] = [];
    for (let i = 0; i < 40; i++) {
      if (i === 20) fake.dropGateway(1006);
      sent.push(fake.interaction('command', { name: 'ask', userId: String(800000000000000000n + BigInt(i)), options: [{ name: 'question', type: 3, value: QUESTIONS[i % QUESTIONS.length] }] }));
    }
    await Promise.all(sent.map((s) => fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${s.token}`), 30_000)));
  });

  it('a storm of 429s on replies: they are retried and still arrive', async () => {
    fake.faults.push({ match: /^PATCH .*@original$/, status: 429, retryAfter: 0.05, remaining: 10 });
    const sent = Array.from({ length: 10 }, (_, i) => fake.interaction('command', { name: 'ask', userId: String(900000000000000000n + BigInt(i)), options: [{ name: 'question', type: 3, value: QUESTIONS[0] }] }));
    await Promise.all(sent.map((s) => fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${s.token}`), 30_000)));
  });

  it('shutdown lets an in-flight reply finish, then disconnects', async () => {
    const s = fake.interaction('command', { name: 'ask', userId: '910000000000000000', options: [{ name: 'question', type: 3, value: QUESTIONS[1] }] });
    await fake.waitFor((c) => c.path.startsWith(`/api/v10/interactions/${s.id}/`));
    fake.faults.push({ match: /^PATCH .*@original$/, status: 429, retryAfter: 0.3, remaining: 1 }); // keep it in flight a moment
    await bot.stop();
    expect(fake.finalOf(s.token).length).toBeGreaterThan(0);
    expect(bot.client.isReady()).toBe(false);
  });
});

describe('a held SQLite write lock (another process, 8 s) during a burst', () => {
  /** Discord's limit for the first response to an interaction. */
  const FIRST_RESPONSE_LIMIT_MS = 3000;
  /** The drill's length, from the issue: another process holds the write lock this long. */
  const LOCK_HELD_MS = 8000;

  it('80 interactions all get their first response within 3 s, and every vote and answer is stored after the release', async () => {
    const fake = await new FakeDiscord().start();
    const path = join(mkdtempSync(join(tmpdir(), 'lock-')), 'bot.sqlite');
    const logs: string[] = [];
    const feedback = openFeedbackStore({ path, lowConfidence: 0.5, log: createLogger('debug', (l) => logs.push(l)) });
    const config = DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, RATE_LIMIT_CAPACITY: '1000' });
    const bot = createBot({ config, engine: getEngine(), log: silentLogger, version: 'test', feedback });
    try {
      await bot.start();
      const holder = await holdWriteLock(path, LOCK_HELD_MS);
      const firsts: number[] = [];
      const send = (kind: 'command' | 'button', opts: Parameters<FakeDiscord['interaction']>[1]) => {
        const at = performance.now();
        const r = fake.interaction(kind, opts);
        return fake.waitFor((c) => c.path.startsWith(`/api/v10/interactions/${r.id}/`), 20_000).then(async (cb) => {
          firsts.push(cb.at - at);
          const final = await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${r.token}`), 20_000);
          return { ...r, final };
        });
      };
      const ask = (i: number) => send('command', { name: 'ask', userId: String(610000000000000000n + BigInt(i)), options: [{ name: 'question', type: 3, value: QUESTIONS[i % QUESTIONS.length] }] });
      // 20 questions first, then 20 votes on their answers mixed with 40 more questions: 80 interactions, all under the lock.
      const first = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(i)));
      const rest = await Promise.all([
        ...first.map((a, i) => send('button', { customId: `vote:${i % 2 ? 'up' : 'down'}:${a.id}`, userId: String(620000000000000000n + BigInt(i)) })),
        ...Array.from({ length: 40 }, (_, i) => ask(20 + i)),
      ]);
      const lockStillHeld = Date.now() - holder.lockedAt < LOCK_HELD_MS;
      expect(lockStillHeld).toBe(true); // the whole burst ran while the other process held the lock
      expect(firsts).toHaveLength(80);
      const late = firsts.filter((ms) => ms > FIRST_RESPONSE_LIMIT_MS);
      process.stderr.write(`held-lock drill: first response p50 ${pct(firsts, 0.5).toFixed(0)} ms, max ${Math.max(...firsts).toFixed(0)} ms; ${80 - late.length}/80 within 3 s; ${feedback.pending()} writes queued\n`);
      expect(late).toEqual([]);
      const thanks = rest.slice(0, 20).map((v) => v.final.body.content as string);
      expect(thanks.every((t) => t.includes('谢谢反馈'))).toBe(true);
      expect(feedback.pending()).toBeGreaterThan(0);
      await holder.released;
      await waitUntil(() => feedback.pending() === 0, 10_000, 'the queued writes to be stored');
      const db = new Database(path, { readonly: true });
      const answers = (db.prepare('SELECT COUNT(*) AS n FROM answers').get() as { n: number }).n;
      const votes = (db.prepare('SELECT COUNT(*) AS n FROM votes').get() as { n: number }).n;
      db.close();
      process.stderr.write(`held-lock drill: after release ${answers}/60 answers and ${votes}/20 votes stored\n`);
      expect(answers).toBe(60);
      expect(votes).toBe(20);
      expect(logs.some((l) => l.includes('database is locked') && l.includes('"level":"error"'))).toBe(false);
    } finally {
      await bot.client.destroy();
      feedback.close();
      await fake.stop();
    }
  }, 60_000);
});

describe('gateway closes that cannot be resumed', () => {
  it('4004 mid-run ends the bot through onFatal with the cause and the setting to fix', async () => {
    const fake = await new FakeDiscord().start();
    const logs: string[] = [];
    const config = DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
    let fatal: Error | undefined;
    const bot = createBot({ config, engine: getEngine(), log: createLogger('debug', (l) => logs.push(l)), version: 'test', onFatal: (e) => (fatal = e) });
    try {
      await bot.start();
      fake.dropGateway(4004);
      await waitUntil(() => fatal !== undefined, 10_000, 'onFatal');
      expect(fatal!.message).toMatch(/gateway closed with 4004, authentication failed.*Set DISCORD_TOKEN/);
      const line = JSON.parse(logs.find((l) => l.includes('4004'))!);
      expect(line).toMatchObject({ level: 'error', code: 'GATEWAY_CLOSED_4004', closeCode: 4004 });
      expect(logs.join('\n')).not.toContain(TOKEN);
    } finally {
      await bot.client.destroy();
      await fake.stop();
    }
  });

  it('a token refused by the REST API (401) and an API that cannot be reached are named, with what to do', async () => {
    const fake = await new FakeDiscord().start();
    fake.faults.push({ match: /^GET \/api\/v10\/gateway\/bot$/, status: 401, remaining: 1 });
    const rejected = createBot({ config: DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl }), engine: getEngine(), log: silentLogger, version: 'test' });
    await expect(rejected.start()).rejects.toMatchObject({ code: 'DISCORD_TOKEN_REJECTED', message: expect.stringMatching(/rejected DISCORD_TOKEN.*Reset Token/) });
    await fake.stop();
    const closedPort = await new FakeDiscord().start();
    const url = closedPort.apiUrl;
    await closedPort.stop(); // nothing listens there any more
    const unreachable = createBot({ config: DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: url }), engine: getEngine(), log: silentLogger, version: 'test' });
    await expect(unreachable.start()).rejects.toMatchObject({ code: 'DISCORD_UNREACHABLE', message: expect.stringMatching(/cannot reach Discord at .*ECONNREFUSED.*DISCORD_API_URL/) });
  });

  it('4014 at IDENTIFY makes start() fail with the intent to enable', async () => {
    const fake = await new FakeDiscord().start();
    fake.closeOnIdentify = 4014;
    const config = DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, MENTION_MODE: 'true' });
    const bot = createBot({ config, engine: getEngine(), log: silentLogger, version: 'test' });
    try {
      await expect(bot.start()).rejects.toThrow(/4014, disallowed intents.*Message Content intent.*Developer Portal/);
    } finally {
      await bot.client.destroy();
      await fake.stop();
    }
  });
});

describe('command definitions and registration', () => {
  it('validate against the discord.js builders, with zh-CN localizations', () => {
    const defs = commandDefinitions();
    expect(defs.map((d) => d.name).sort()).toEqual(['about', 'ask', 'figure', 'figures', 'gaps', 'passage', 'search']);
    for (const d of defs) {
      expect(d.name_localizations?.['zh-CN']).toBeTruthy();
      expect(d.description_localizations?.['zh-CN']).toBeTruthy();
    }
  });

  it('npm run register sends the guild-scoped payload to the (fake) API', async () => {
    const fake = await new FakeDiscord().start();
    try {
      const out = await runScript('src/surfaces/discord/register.ts', { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: fake.apiUrl });
      expect(out.code).toBe(0);
      expect(out.stdout).toContain(`registered 7 commands in guild ${GUILD_ID}`);
      const put = fake.calls.find((c) => c.method === 'PUT')!;
      expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
      expect(put.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
      expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    } finally {
      await fake.stop();
    }
  });
});

function runScript(file: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
