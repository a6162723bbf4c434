import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../src/log.js';
import { createBot, type Bot } from '../src/surfaces/discord/bot.js';
import { DiscordConfigSchema } from '../src/surfaces/discord/config.js';
import { LIMITS } from '../src/surfaces/discord/render.js';
import { getEngine } from './helpers.js';
import { APP_ID, FakeDiscord } from './fake-discord.js';

const TOKEN = 'test-token-abc.DEF.ghi';
const EPHEMERAL = 64;

function config(fake: FakeDiscord, extra: Record<string, string> = {}) {
  return DiscordConfigSchema.parse({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, RATE_LIMIT_CAPACITY: '1000', SHUTDOWN_GRACE_MS: '3000', ...extra });
}

const embedSize = (e: any) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])].reduce((n: number, s: string | undefined) => n + [...(s ?? '')].length, 0);
function expectWithinLimits(body: any) {
  expect([...(body.content ?? '')].length).toBeLessThanOrEqual(LIMITS.content);
  for (const e of body.embeds ?? []) {
    expect([...(e.title ?? '')].length).toBeLessThanOrEqual(LIMITS.title);
    expect([...(e.description ?? '')].length).toBeLessThanOrEqual(LIMITS.description);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) expect([...f.value].length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(embedSize(e)).toBeLessThanOrEqual(LIMITS.embed);
  }
  expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
}

describe('the bot through the real discord.js client against a local fake Discord', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  const logs: string[] = [];

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = createBot({ config: config(fake), engine: getEngine(), log: createLogger('debug', (l) => logs.push(l)), version: '0.1.0-test' });
    await bot.start();
  });
  afterAll(async () => {
    await bot.client.destroy();
    await fake.stop();
  });

  async function run(kind: 'command' | 'button' | 'autocomplete', opts: Parameters<FakeDiscord['interaction']>[1]) {
    const { id, token } = fake.interaction(kind, opts);
    const callback = await fake.waitFor((c) => c.path.startsWith(`/api/v10/interactions/${id}/`));
    const final = callback.body.type === 5 ? await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${token}`)) : undefined;
    return { id, token, callback, final };
  }

  it('connects with the Guilds intent only and authenticates as a bot', async () => {
    expect(fake.identified).toBe(1);
    expect(fake.lastIntents).toBe(1); // GatewayIntentBits.Guilds
    const call = fake.calls.find((c) => c.path === '/api/v10/gateway/bot');
    expect(call?.headers.authorization).toBe(`Bot ${TOKEN}`);
  });

  it('/ask defers, then edits the original with a cited embed and buttons', async () => {
    const { callback, final } = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '网商银行2023年的不良率是多少？' }] });
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } }); // deferred, public
    expect(final!.method).toBe('PATCH');
    expect(final!.path).toMatch(/\/messages\/@original$/);
    const embed = final!.body.embeds[0];
    expect(embed.description).toContain('2.28%');
    expect(embed.fields[0].name).toBe('[1] §04¶18.1');
    expect(embed.fields[0].value).toContain('2023 年网商银行不良率达到 2.28%');
    expect(final!.body.components[0].components.map((b: any) => b.custom_id)).toEqual([expect.stringMatching(/^vote:up:/), expect.stringMatching(/^vote:down:/), expect.stringMatching(/^more:/), 'para:§04¶18.1']);
    expectWithinLimits(final!.body);
  });

  it('/ask in English, and a question the article does not answer is said kindly with the nearest passage', async () => {
    const en = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: 'When did Han Xinyi become CEO of Ant Group?' }] });
    expect(en.final!.body.embeds[0].description.replace(/\s/g, '')).toContain('2025年3月1日');
    const nf = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '马云现在担任什么职务？' }] });
    const e = nf.final!.body.embeds[0];
    expect(e.description).toContain('没有回答');
    expect(e.fields.some((f: any) => f.name.startsWith('最接近的段落'))).toBe(true);
  });

  it('escapes user text and never lets a mention through', async () => {
    const { final } = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '@everyone <@&123456789012345678> **韩歆毅** [x](http://evil) 是谁？' }] });
    const title = final!.body.embeds[0].title as string;
    expect(title).not.toMatch(/@everyone/);
    expect(title).toContain('@\u200beveryone');
    expect(title).toContain('\\*\\*');
    expect(title).not.toContain('](');
    expectWithinLimits(final!.body);
  });

  it('/ask with an empty or too-long question gets an ephemeral error message', async () => {
    const { final } = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '   ' }] });
    const followUp = await fake.waitFor((c) => c.method === 'POST' && c.path === final!.path.replace(/\/messages\/@original$/, '') && c.body?.content?.includes('输入有误'));
    expect(followUp.body.flags).toBe(EPHEMERAL);
  });

  it('/figure answers a figure; autocomplete offers entities, measures of the entity and periods', async () => {
    const { final } = await run('command', { name: 'figure', options: [{ name: 'entity', type: 3, value: '蚂蚁基金' }, { name: 'measure', type: 3, value: '营收' }, { name: 'period', type: 3, value: '2024 年' }] });
    expect(final!.body.embeds[0].description).toContain('162.91');
    const ac = await run('autocomplete', { name: 'figure', options: [{ name: 'entity', type: 3, value: '网商', focused: true }] });
    expect(ac.callback.body).toEqual({ type: 8, data: { choices: [{ name: '网商银行', value: '网商银行' }] } });
    const ac2 = await run('autocomplete', { name: 'figure', options: [{ name: 'entity', type: 3, value: '网商银行' }, { name: 'measure', type: 3, value: '', focused: true }] });
    expect(ac2.callback.body.data.choices.map((c: any) => c.value)).toContain('不良率');
    const ac3 = await run('autocomplete', { name: 'figure', options: [{ name: 'entity', type: 3, value: '网商银行' }, { name: 'measure', type: 3, value: '营收' }, { name: 'period', type: 3, value: '', focused: true }] });
    expect(ac3.callback.body.data.choices.map((c: any) => c.value)).toEqual(['2024 年前三季度']);
  });

  it('/figure for a period the article lacks says which periods it has', async () => {
    const { final } = await run('command', { name: 'figure', options: [{ name: 'entity', type: 3, value: '网商银行' }, { name: 'measure', type: 3, value: '营收' }, { name: 'period', type: 3, value: '2022 年' }] });
    expect(final!.body.embeds[0].description).toContain('2024 年前三季度');
  });

  it('/figures lists an entity compactly; /passage shows a paragraph with neighbours; /search lists excerpts', async () => {
    const figs = await run('command', { name: 'figures', options: [{ name: 'entity', type: 3, value: '网商银行' }] });
    expect(figs.final!.body.embeds[0].description).toMatch(/152\.87[\s\S]*2\.28%/);
    expectWithinLimits(figs.final!.body);
    const p = await run('command', { name: 'passage', options: [{ name: 'id', type: 3, value: '§03¶13' }] });
    expect(p.final!.body.embeds[0].description).toContain('0.92 亿元');
    expect(p.final!.body.embeds[0].footer.text).toContain('§03¶12');
    const bad = await run('command', { name: 'passage', options: [{ name: 'id', type: 3, value: '§99¶1' }] });
    expect(bad.final!.body.content).toContain('没有这个段落编号');
    const s = await run('command', { name: 'search', options: [{ name: 'query', type: 3, value: '碰一下 城市' }] });
    expect(s.final!.body.embeds[0].fields[0].name).toBe('§03¶8');
    expectWithinLimits(s.final!.body);
  });

  it('/about is ephemeral and reports source, status, version and uptime', async () => {
    const { callback, final } = await run('command', { name: 'about' });
    expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const fields = final!.body.embeds[0].fields.map((f: any) => `${f.name}: ${f.value}`).join('\n');
    expect(fields).toMatch(/虎嗅网/);
    expect(fields).toMatch(/dense search off/);
    expect(fields).toMatch(/0\.1\.0-test/);
  });

  it('buttons: full paragraph and more sources answer ephemerally; a button from before a restart says so', async () => {
    const ask = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '花呗有多少用户？' }] });
    const para = await run('button', { customId: 'para:§04¶13' });
    expect(para.callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(para.final!.body.embeds[0].description).toContain('花呗拥有 4 亿用户');
    const more = await run('button', { customId: `more:${ask.id}` });
    expect(more.final!.body.embeds[0].title).toContain('更多来源');
    const stale = await run('button', { customId: 'more:999' });
    expect(stale.final!.body.content).toContain('重启之前');
  });

  it('survives a REST 429 with retry-after and a 500: the reply still arrives', async () => {
    fake.faults.push({ match: /^PATCH .*@original$/, status: 429, retryAfter: 0.1, remaining: 1 });
    const a = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '花呗有多少合作商家？' }] });
    expect(a.final!.body.embeds[0].description).toContain('4000');
    fake.faults.push({ match: /^PATCH .*@original$/, status: 500, remaining: 1 });
    const b = await run('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '支付宝的日活用户有多少？' }] });
    expect(b.final!.body.embeds[0].description).toContain('3 亿');
  });

  it('an error while replying becomes an ephemeral message with a short error id; details go to the log', async () => {
    fake.faults.push({ match: /^PATCH .*@original$/, status: 404, remaining: 1 });
    const { id, token } = fake.interaction('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '花呗有多少用户？' }] });
    const followUp = await fake.waitFor((c) => c.method === 'POST' && c.path === `/api/v10/webhooks/${APP_ID}/${token}`);
    expect(followUp.body.flags).toBe(EPHEMERAL);
    const errorId = /错误编号 ([0-9a-f]{6})/.exec(followUp.body.content)?.[1];
    expect(errorId).toBeTruthy();
    expect(logs.some((l) => l.includes(errorId!) && l.includes('interaction failed'))).toBe(true);
    expect(fake.callbackOf(id)?.body.type).toBe(5);
  });

  it('every reply stays within limits whatever the input, with Discord\'s own option limits not enforced', async () => {
    const long = (n: number, unit = '§') => unit.repeat(n);
    const cases: [Parameters<FakeDiscord['interaction']>[0], Parameters<FakeDiscord['interaction']>[1]][] = [
      ['command', { name: 'passage', options: [{ name: 'id', type: 3, value: long(2300, '§99¶') }] }],
      ['command', { name: 'passage', options: [{ name: 'id', type: 3, value: '*_`<@1>'.repeat(1500) }] }],
      ['command', { name: 'ask', options: [{ name: 'question', type: 3, value: '网商银行的不良率是多少？' + long(6000, '@everyone ') }] }],
      ['command', { name: 'figures', options: [{ name: 'entity', type: 3, value: long(5000, '网') }] }],
      ['command', { name: 'figure', options: [{ name: 'entity', type: 3, value: long(3000, '网') }, { name: 'measure', type: 3, value: long(3000, '营') }, { name: 'period', type: 3, value: long(3000, '2') }] }],
      ['command', { name: 'search', options: [{ name: 'query', type: 3, value: long(5000, '碰一下 ') }] }],
      ['button', { customId: `para:${long(3000, '§')}` }],
      ['button', { customId: `more:${long(3000, '9')}` }],
      ['button', { customId: `vote:up:${long(3000, '9')}` }],
    ];
    for (const [kind, opts] of cases) {
      const { token } = fake.interaction(kind, opts);
      // A refused input deletes the deferred reply first (no body), then follows up with the message.
      const reply = await fake.waitFor((c) => c.method !== 'DELETE' && c.path.includes(`/webhooks/${APP_ID}/${token}`));
      expect(reply.body, JSON.stringify(opts).slice(0, 80)).toBeTruthy();
      expectWithinLimits(reply.body);
    }
    const ac = await run('autocomplete', { name: 'figures', options: [{ name: 'entity', type: 3, value: '', focused: true }] });
    for (const c of ac.callback.body.data.choices) expect([...c.name].length).toBeLessThanOrEqual(100);
  });

  it('a refused input is one info line without a stack, not an error', async () => {
    const from = logs.length;
    const { token } = fake.interaction('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '' }] });
    await fake.waitFor((c) => c.method === 'POST' && c.path === `/api/v10/webhooks/${APP_ID}/${token}`);
    const lines = logs.slice(from).map((l) => JSON.parse(l));
    const refused = lines.filter((l) => l.msg === 'input refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 'info', command: 'ask' });
    expect(refused[0].stack).toBeUndefined();
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('never logs the token', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });
});

describe('mention mode', () => {
  it('answers "@bot 问题" in a channel as a reply, with MessageContent requested', async () => {
    const fake = await new FakeDiscord().start();
    const bot = createBot({ config: config(fake, { MENTION_MODE: 'true' }), engine: getEngine(), log: silentLogger, version: 'test' });
    try {
      await bot.start();
      expect(fake.lastIntents).toBe(1 | (1 << 9) | (1 << 15)); // Guilds, GuildMessages, MessageContent
      const messageId = '990000000000000001';
      fake.dispatch('MESSAGE_CREATE', {
        id: messageId, channel_id: '300000000000000001', guild_id: '200000000000000001',
        author: { id: '500000000000000001', username: 'asker', discriminator: '0', avatar: null },
        member: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
        content: `<@${APP_ID}> 网商银行的客户主要是哪些人？ @everyone`, timestamp: new Date().toISOString(), edited_timestamp: null,
        tts: false, mention_everyone: false, mentions: [{ id: APP_ID, username: 'article-bot', discriminator: '0', bot: true, avatar: null }],
        mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0,
      });
      const reply = await fake.waitFor((c) => c.method === 'POST' && c.path === '/api/v10/channels/300000000000000001/messages');
      expect(reply.body.message_reference.message_id).toBe(messageId);
      expect(reply.body.embeds[0].description).toContain('小微企业');
      expect(reply.body.embeds[0].title).toContain('@\u200beveryone');
      expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    } finally {
      await bot.client.destroy();
      await fake.stop();
    }
  });
});
