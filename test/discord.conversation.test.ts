// Follow-ups (threads, /ask in a thread, reply chains), the asker's language, and the button components,
// through the real discord.js client against the local fake Discord.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { openFeedbackStore, type FeedbackStore } from '../src/store/feedback.js';
import { createBot, type Bot } from '../src/surfaces/discord/bot.js';
import { DiscordConfigSchema } from '../src/surfaces/discord/config.js';
import { LABELS } from '../src/surfaces/discord/labels.js';
import { waitUntil } from './drills.js';
import { getEngine } from './helpers.js';
import { APP_ID, ASK_CHANNEL_ID, BOT_ID, CHANNEL_ID, FakeDiscord, userMessage, type RestCall } from './fake-discord.js';

const TOKEN = 'conversation-token.abc';
const EPHEMERAL = 64;
const HAN = /\p{Script=Han}/u;
const REVENUE = '网商银行2024年前三季度的营收是多少？';
const NET_PROFIT_FOLLOW_UP = '那净利润呢？';
const BOT_MENTION = { id: BOT_ID, username: 'article-bot', discriminator: '0', bot: true, avatar: null };

describe('follow-ups, languages and buttons through the real client', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  let store: FeedbackStore;
  const logs: string[] = [];

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    const log = createLogger('debug', (l) => logs.push(l));
    store = openFeedbackStore({ path: join(mkdtempSync(join(tmpdir(), 'conv-')), 'bot.sqlite'), lowConfidence: 0.5, log });
    const config = DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, ASK_CHANNEL_IDS: ASK_CHANNEL_ID, MENTION_MODE: 'true', RATE_LIMIT_CAPACITY: '1000' });
    bot = createBot({ config, engine: getEngine(), log, version: 'test', feedback: store });
    await bot.start();
  });
  afterAll(async () => {
    await bot.client.destroy();
    store.close();
    await fake.stop();
  });

  const postsTo = (channelId: string) => (c: RestCall) => c.method === 'POST' && c.path === `/api/v10/channels/${channelId}/messages`;
  const replyTo = (channelId: string, messageId: string) => fake.waitFor((c) => postsTo(channelId)(c) && c.body.message_reference?.message_id === messageId);

  /** Asks in the ask channel and returns the new thread's id once the answer has landed in it. */
  async function askInNewThread(question: string): Promise<string> {
    const m = userMessage(ASK_CHANNEL_ID, question);
    fake.dispatch('MESSAGE_CREATE', m);
    await fake.waitFor((c) => c.method === 'POST' && c.path.endsWith(`/messages/${m.id}/threads`));
    const threadId = [...fake.threads.entries()].find(([, t]) => t.messageId === m.id)![0];
    const answer = await fake.waitFor(postsTo(threadId));
    expect(answer.body.embeds[0].description).toContain('152.87');
    return threadId;
  }

  /** Runs an interaction and returns its deferral and its final reply. */
  async function run(kind: 'command' | 'button', opts: Parameters<FakeDiscord['interaction']>[1]) {
    const { id, token } = fake.interaction(kind, opts);
    const callback = await fake.waitFor((c) => c.path.startsWith(`/api/v10/interactions/${id}/`));
    const final = await fake.waitFor((c) => c.method !== 'DELETE' && c.path.includes(`/webhooks/${APP_ID}/${token}`));
    return { id, callback, final };
  }
  const ask = (question: string, extra: Partial<Parameters<FakeDiscord['interaction']>[1]> = {}) =>
    run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: question }], ...extra });

  const expectFollowUpOnRevenue = (embed: any, language: 'zh' | 'en' = 'zh') => {
    expect(embed.description).toContain('22.6');
    // Shown on top by the bot, and said by the engine at the end of the answer.
    expect(embed.description.split('\n')[0]).toBe(`*${LABELS[language].followingOn(['网商银行', '2024 年前三季度'])}*`);
    expect(embed.description).toContain(language === 'zh' ? '接上一个问题，按“网商银行 2024 年前三季度”理解' : 'following on from the previous question');
  };

  it('a follow-up in an ask-channel thread ("那净利润呢？") takes the entity and period from the question before and says so; so does the next one', async () => {
    const threadId = await askInNewThread(REVENUE);
    const follow = userMessage(threadId, NET_PROFIT_FOLLOW_UP);
    fake.dispatch('MESSAGE_CREATE', follow);
    const answer = await replyTo(threadId, follow.id);
    expectFollowUpOnRevenue(answer.body.embeds[0]);
    expect(answer.body.embeds[0].fields[0].value).toContain('净利润是 22.6 亿元');
    // A follow-up of a follow-up still finds the entity and period two questions back.
    const third = userMessage(threadId, '那营收呢？');
    fake.dispatch('MESSAGE_CREATE', third);
    const again = (await replyTo(threadId, third.id)).body.embeds[0];
    expect(again.description).toContain('152.87');
    expect(again.description.split('\n')[0]).toBe(`*${LABELS.zh.followingOn(['网商银行', '2024 年前三季度'])}*`);
  });

  it('/ask inside a thread uses that thread\'s earlier questions; /ask elsewhere does not', async () => {
    const threadId = await askInNewThread(REVENUE);
    const inThread = await ask(NET_PROFIT_FOLLOW_UP, { channelId: threadId });
    expectFollowUpOnRevenue(inThread.final.body.embeds[0]);
    const elsewhere = await ask(NET_PROFIT_FOLLOW_UP);
    expect(elsewhere.final.body.embeds[0].description).not.toContain('22.6');
    expect(elsewhere.final.body.embeds[0].description).not.toContain('接上一个问题');
  });

  it('mention mode: a reply to the bot\'s answer, or to the question, continues the chain; an unrelated mention starts afresh', async () => {
    const first = userMessage(CHANNEL_ID, `<@${BOT_ID}> ${REVENUE}`, { mentions: [BOT_MENTION] });
    fake.dispatch('MESSAGE_CREATE', first);
    const firstAnswer = await replyTo(CHANNEL_ID, first.id);
    expect(firstAnswer.body.embeds[0].description).toContain('152.87');
    // The bot learns its answer's id from Discord's response, a moment after the request the fake saw.
    await waitUntil(() => bot.ctx.conversations.keyOfMessage(firstAnswer.response.id) !== undefined, 5000, 'the answer joins the chain');
    const toAnswer = userMessage(CHANNEL_ID, `<@${BOT_ID}> ${NET_PROFIT_FOLLOW_UP}`, { mentions: [BOT_MENTION], replyTo: firstAnswer.response });
    fake.dispatch('MESSAGE_CREATE', toAnswer);
    expectFollowUpOnRevenue((await replyTo(CHANNEL_ID, toAnswer.id)).body.embeds[0]);
    // Replying to the asker's own question message, and replying to the answer with the ping turned off.
    const toQuestion = userMessage(CHANNEL_ID, `<@${BOT_ID}> ${NET_PROFIT_FOLLOW_UP}`, { mentions: [BOT_MENTION], replyTo: first });
    const noPing = userMessage(CHANNEL_ID, NET_PROFIT_FOLLOW_UP, { replyTo: firstAnswer.response });
    fake.dispatch('MESSAGE_CREATE', toQuestion);
    fake.dispatch('MESSAGE_CREATE', noPing);
    expectFollowUpOnRevenue((await replyTo(CHANNEL_ID, toQuestion.id)).body.embeds[0]);
    expectFollowUpOnRevenue((await replyTo(CHANNEL_ID, noPing.id)).body.embeds[0]);
    const fresh = userMessage(CHANNEL_ID, `<@${BOT_ID}> ${NET_PROFIT_FOLLOW_UP}`, { mentions: [BOT_MENTION] });
    fake.dispatch('MESSAGE_CREATE', fresh);
    expect((await replyTo(CHANNEL_ID, fresh.id)).body.embeds[0].description).not.toContain('22.6');
  });

  it('mention mode: a reply to a user message the bot never answered, without a mention, is left alone', async () => {
    const chat = userMessage(CHANNEL_ID, '今天天气不错');
    const ignored = userMessage(CHANNEL_ID, NET_PROFIT_FOLLOW_UP, { replyTo: chat });
    const marker = userMessage(CHANNEL_ID, `<@${BOT_ID}> ${REVENUE}`, { mentions: [BOT_MENTION] });
    for (const m of [chat, ignored, marker]) fake.dispatch('MESSAGE_CREATE', m);
    // Messages are routed in order as they arrive, so once the marker is answered the others were passed over.
    await replyTo(CHANNEL_ID, marker.id);
    expect(fake.calls.filter((c) => [chat.id, ignored.id].includes(c.body?.message_reference?.message_id))).toEqual([]);
  });

  it('an en-US interaction asking in Chinese gets an English frame: text, footer, buttons; quotes stay Chinese', async () => {
    const { final } = await ask('网商银行2023年的不良率是多少？', { locale: 'en-US' });
    const embed = final.body.embeds[0];
    expect(embed.description).toMatch(/^From the article's figures: .*2\.28%/);
    expect(embed.footer.text).toMatch(/^Figure · /);
    expect(embed.fields[0].value).toContain('2023 年网商银行不良率达到 2.28%');
    const labels = final.body.components[0].components.flatMap((b: any) => (b.label ? [b.label] : []));
    expect(labels).toEqual(['More sources', 'Full paragraph']);
  });

  it('an English question from a Chinese client gets an English frame; a Chinese one stays Chinese', async () => {
    const en = await ask('How many users does Huabei have?');
    expect(en.final.body.embeds[0].footer.text).toMatch(/^Figure · /);
    expect(en.final.body.embeds[0].fields[0].value).toContain('花呗拥有 4 亿用户');
    expect(en.final.body.components[0].components.flatMap((b: any) => (b.label ? [b.label] : []))).toEqual(['More sources', 'Full paragraph']);
    const zh = await ask('花呗有多少用户？');
    expect(zh.final.body.embeds[0].footer.text).toMatch(/^数据 · /);
    expect(zh.final.body.components[0].components.flatMap((b: any) => (b.label ? [b.label] : []))).toEqual(['更多来源', '全文段落']);
  });

  it('en-US: "not found" and the nearest passage are labelled in English', async () => {
    const { final } = await ask('马云现在担任什么职务？', { locale: 'en-GB' });
    const embed = final.body.embeds[0];
    expect(embed.description).toContain(LABELS.en.notAnswered);
    expect(embed.description).toContain('The article never mentions “马云”.');
    expect(embed.footer.text).toMatch(/^Not found · /);
    expect(embed.fields.at(-1).name).toMatch(/^Nearest passage §/);
  });

  it('en-US: button replies and error messages are in English', async () => {
    const asked = await ask('花呗有多少用户？', { locale: 'en-US' });
    const more = await run('button', { customId: `more:${asked.id}`, locale: 'en-US' });
    expect(more.final.body.embeds[0].title).toBe('More sources');
    expect(more.final.body.embeds[0].footer.text).not.toMatch(HAN);
    const para = await run('button', { customId: 'para:§04¶13', locale: 'en-US' });
    expect(para.final.body.embeds[0].footer.text).toMatch(/^Previous §\S+ · Next §/);
    expect(para.final.body.embeds[0].description).toContain('花呗拥有 4 亿用户');
    const vote = await run('button', { customId: `vote:up:${asked.id}`, locale: 'en-US' });
    expect(vote.final.body.content).toMatch(/^Thanks for the feedback/);
    const empty = await ask('   ', { locale: 'en-US' });
    const refused = await fake.waitFor((c) => c.method === 'POST' && c.path === empty.final.path.replace(/\/messages\/@original$/, ''));
    expect(refused.body.content).toMatch(/^Invalid input: /);
    expect(refused.body.flags).toBe(EPHEMERAL);
  });

  it('en-US: what other commands say when they cannot help is in English too', async () => {
    const passage = await run('command', { name: 'passage', options: [{ name: 'id', type: 3, value: '§99¶1' }], locale: 'en-US' });
    expect(passage.final.body.content).toBe(LABELS.en.unknownPassage('§99¶1'));
    const figures = await run('command', { name: 'figures', options: [{ name: 'entity', type: 3, value: 'Nobody' }], locale: 'en-US' });
    expect(figures.final.body.content).toMatch(/^The article gives no figures for “Nobody”\. Entities with figures: /);
    const gaps = await run('command', { name: 'gaps', permissions: '0', locale: 'en-US' });
    expect(gaps.final.body.content).toBe(LABELS.en.needsManageGuild);
  });

  it('an unknown or stale button custom id gets the same clear ephemeral reply, in the clicker\'s language', async () => {
    const ids = ['bogus:1', 'vote:sideways:1', 'vote:up:not-a-key', 'vote:up:999', 'more:999', 'more:', 'para:not-a-passage', 'para:§99¶1', 'nothing'];
    for (const [locale, language] of [['zh-CN', 'zh'], ['en-US', 'en']] as const) {
      for (const customId of ids) {
        const { callback, final } = await run('button', { customId, locale });
        expect(callback.body, customId).toEqual({ type: 5, data: { flags: EPHEMERAL } });
        expect(final.body.content, customId).toBe(LABELS[language].stale);
      }
    }
    expect(logs.filter((l) => JSON.parse(l).level === 'error')).toEqual([]);
  });
});
