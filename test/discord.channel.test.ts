import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { createBot, type Bot } from '../src/surfaces/discord/bot.js';
import { DiscordConfigSchema } from '../src/surfaces/discord/config.js';
import { openFeedbackStore, type FeedbackStore } from '../src/store/feedback.js';
import { getEngine } from './helpers.js';
import { APP_ID, ASK_CHANNEL_ID, FakeDiscord, userMessage } from './fake-discord.js';

const TOKEN = 'channel-token.abc';
const EPHEMERAL = 64;
const MANAGE_GUILD = String(1 << 5);

describe('an ask channel with threads, feedback buttons and the gaps log, through the real client', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  let store: FeedbackStore;
  let dbPath: string;
  const logs: string[] = [];

  const startBot = async (path: string) => {
    store = openFeedbackStore({ path, lowConfidence: 0.5, log: createLogger('debug', (l) => logs.push(l)) });
    const config = DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, ASK_CHANNEL_IDS: ASK_CHANNEL_ID, RATE_LIMIT_CAPACITY: '1000' });
    bot = createBot({ config, engine: getEngine(), log: createLogger('debug', (l) => logs.push(l)), version: 'test', feedback: store });
    await bot.start();
  };

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    dbPath = join(mkdtempSync(join(tmpdir(), 'db-')), 'bot.sqlite');
    await startBot(dbPath);
  });
  afterAll(async () => {
    await bot.client.destroy();
    store.close();
    await fake.stop();
  });

  const postsTo = (channelId: string) => (c: { method: string; path: string }) => c.method === 'POST' && c.path === `/api/v10/channels/${channelId}/messages`;

  it('asks for the MessageContent intent because an ask channel is set', () => {
    expect(fake.lastIntents).toBe(1 | (1 << 9) | (1 << 15));
  });

  let threadId = '';
  let firstAnswerKey = '';
  it('a message in the ask channel creates a thread named after the question, and the answer lands in it', async () => {
    const m = userMessage(ASK_CHANNEL_ID, '网商银行2023年的不良率是多少？');
    fake.dispatch('MESSAGE_CREATE', m);
    const created = await fake.waitFor((c) => c.method === 'POST' && c.path === `/api/v10/channels/${ASK_CHANNEL_ID}/messages/${m.id}/threads`);
    expect(created.body.name).toBe('网商银行2023年的不良率是多少？');
    threadId = [...fake.threads.keys()].pop()!;
    const answer = await fake.waitFor(postsTo(threadId));
    expect(answer.body.embeds[0].description).toContain('2.28%');
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(answer.body.components[0].components.map((b: any) => b.custom_id)).toEqual([`vote:up:${m.id}`, `vote:down:${m.id}`, `more:${m.id}`, 'para:§04¶18.1']);
    firstAnswerKey = m.id;
  });

  it('a follow-up inside that thread is answered there', async () => {
    const follow = userMessage(threadId, '那么网商银行2024年前三季度的营收呢？是多少');
    fake.dispatch('MESSAGE_CREATE', follow);
    const answer = await fake.waitFor((c) => postsTo(threadId)(c) && c.body.message_reference?.message_id === follow.id);
    expect(answer.body.embeds[0].description).toContain('152.87');
  });

  it('a vote is stored (hashed voter) and a second vote replaces the first; the user gets an ephemeral thank-you', async () => {
    const down = fake.interaction('button', { customId: `vote:down:${firstAnswerKey}`, userId: '555555555555555555' });
    expect((await fake.waitFor((c) => c.path.startsWith(`/api/v10/interactions/${down.id}/`))).body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const thanks = await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${down.token}`));
    expect(thanks.body.content).toContain('谢谢反馈');
    const up = fake.interaction('button', { customId: `vote:up:${firstAnswerKey}`, userId: '555555555555555555' });
    const updated = await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${up.token}`));
    expect(updated.body.content).toContain('已更新');
    const db = new Database(dbPath, { readonly: true });
    const votes = db.prepare('SELECT * FROM votes').all() as Record<string, unknown>[];
    db.close();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ answer_id: firstAnswerKey, vote: 1, kind: 'fact', citation_ids: '["§04¶18.1"]' });
    expect(votes[0]!.user_hash).not.toContain('555555555555555555');
  });

  it('/gaps is refused to a member without Manage Server and shown to one with it', async () => {
    fake.dispatch('MESSAGE_CREATE', userMessage(ASK_CHANNEL_ID, '腾讯的市值是多少？'));
    await fake.waitFor((c) => c.method === 'POST' && /threads$/.test(c.path) && c.body.name === '腾讯的市值是多少？');
    await new Promise((r) => setTimeout(r, 100));
    const denied = fake.interaction('command', { name: 'gaps', permissions: '0' });
    const d = await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${denied.token}`));
    expect(d.body.content).toContain('管理服务器');
    expect(fake.callbackOf(denied.id)!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const allowed = fake.interaction('command', { name: 'gaps', permissions: MANAGE_GUILD });
    const a = await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${allowed.token}`));
    expect(a.body.embeds[0].description).toContain('腾讯的市值是多少？');
  });

  it('messages with no question text (mentions, links, attachments) are left alone; a 4,000-character message gets a trimmed thread name and a clear answer', async () => {
    const before = fake.threads.size;
    fake.dispatch('MESSAGE_CREATE', userMessage(ASK_CHANNEL_ID, '<@123456789012345678> https://example.com', { attachments: [] }));
    fake.dispatch('MESSAGE_CREATE', userMessage(ASK_CHANNEL_ID, 'ignored', { bot: true }));
    const long = userMessage(ASK_CHANNEL_ID, '蚂蚁'.repeat(2000));
    fake.dispatch('MESSAGE_CREATE', long);
    const created = await fake.waitFor((c) => c.path.endsWith(`/messages/${long.id}/threads`));
    expect([...created.body.name].length).toBe(100);
    const id = [...fake.threads.entries()].find(([, t]) => t.messageId === long.id)![0];
    const answer = await fake.waitFor(postsTo(id));
    expect(answer.body.embeds[0].description).toContain('问题太长');
    expect(fake.threads.size).toBe(before + 1);
  });

  it('without permission to create threads it answers as a reply and says why once in the log', async () => {
    fake.faults.push({ match: /threads$/, status: 403, code: 50013, remaining: 2 });
    const a = userMessage(ASK_CHANNEL_ID, '花呗有多少用户？');
    const b = userMessage(ASK_CHANNEL_ID, '花呗有多少合作商家？');
    fake.dispatch('MESSAGE_CREATE', a);
    fake.dispatch('MESSAGE_CREATE', b);
    for (const m of [a, b]) {
      const reply = await fake.waitFor((c) => postsTo(ASK_CHANNEL_ID)(c) && c.body.message_reference?.message_id === m.id);
      expect(reply.body.embeds[0].fields[0].name).toBe('[1] §04¶13');
    }
    expect(logs.filter((l) => l.includes('cannot create threads'))).toHaveLength(1);
  });

  it('a thread deleted mid-answer, or a question deleted first, is logged and the bot carries on', async () => {
    fake.faults.push({ match: /^POST \/api\/v10\/channels\/\d+\/messages\/\d+\/threads$/, status: 404, code: 10008, remaining: 1 });
    const gone = userMessage(ASK_CHANNEL_ID, '蚂蚁集团的三大战略是什么？');
    fake.dispatch('MESSAGE_CREATE', gone);
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.some((l) => l.includes('deleted before it could be answered'))).toBe(true);
    fake.faults.push({ match: /^POST \/api\/v10\/channels\/\d+\/messages$/, status: 404, code: 10003, remaining: 1 });
    fake.dispatch('MESSAGE_CREATE', userMessage(threadId, '韩歆毅毕业于哪所学校？'));
    await new Promise((r) => setTimeout(r, 200));
    expect(logs.some((l) => l.includes('deleted before the answer landed'))).toBe(true);
    const after = userMessage(threadId, '谁负责领导蚂蚁集团的AGI部门？');
    fake.dispatch('MESSAGE_CREATE', after);
    const answer = await fake.waitFor((c) => postsTo(threadId)(c) && c.body.message_reference?.message_id === after.id);
    expect(answer.body.embeds[0].description).toContain('何征宇');
  });

  it('a vote on an answer from before a restart is still stored', async () => {
    await bot.stop();
    store.close();
    await startBot(dbPath);
    const v = fake.interaction('button', { customId: `vote:down:${firstAnswerKey}`, userId: '666666666666666666' });
    const reply = await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${v.token}`));
    expect(reply.body.content).toContain('谢谢反馈');
    const more = fake.interaction('button', { customId: `more:${firstAnswerKey}` });
    const m = await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${more.token}`));
    expect(m.body.embeds[0].title).toContain('更多来源');
  });
});
