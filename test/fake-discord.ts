// A local fake Discord for end-to-end tests: real HTTP for the REST routes the bot uses and a real
// WebSocket gateway speaking the v10 protocol (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats and
// ACKs, dispatches, RESUME). The real discord.js client connects to it through DISCORD_API_URL.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RestCall {
  method: string;
  path: string;
  body: any;
  at: number;
  headers: IncomingMessage['headers'];
  /** What the fake answered (a created message, with its id), for REST calls that create something. */
  response?: any;
}

export const APP_ID = '100000000000000001';
export const BOT_ID = APP_ID;
export const GUILD_ID = '200000000000000001';
export const CHANNEL_ID = '300000000000000001';
export const ASK_CHANNEL_ID = '300000000000000002';

let snowflake = 400000000000000000n;
export const nextId = () => String(++snowflake);

export class FakeDiscord {
  url = '';
  calls: RestCall[] = [];
  identified = 0;
  resumed = 0;
  /** Responses to force on the next matching REST calls (429 storms, 500s). */
  faults: { match: RegExp; status: number; retryAfter?: number; remaining: number; code?: number }[] = [];
  /** Threads created through the REST API, by id. */
  threads = new Map<string, { parentId: string; name: string; messageId: string }>();
  private server = createServer((req, res) => this.onHttp(req, res));
  private wss = new WebSocketServer({ noServer: true });
  private socket: WebSocket | null = null;
  private seq = 0;
  private sessionId = 'session-' + Math.random().toString(36).slice(2);
  private log: { s: number; frame: string }[] = [];
  private waiters: { pred: (c: RestCall) => boolean; resolve: (c: RestCall) => void }[] = [];

  async start(): Promise<this> {
    this.server.on('upgrade', (req, sock, head) => this.wss.handleUpgrade(req, sock, head, (ws) => this.onSocket(ws)));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get apiUrl(): string {
    return `${this.url}/api`;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  // ---- gateway ----
  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (msg.op === 2) this.onIdentify(ws, msg.d);
      else if (msg.op === 6) this.onResume(ws, msg.d);
    });
  }

  /** When set, the gateway answers IDENTIFY by closing with this code (4004: bad token; 4014: intents). */
  closeOnIdentify: number | null = null;

  private onIdentify(ws: WebSocket, d: { intents: number }): void {
    this.identified++;
    this.lastIntents = d.intents;
    if (this.closeOnIdentify !== null) {
      ws.close(this.closeOnIdentify, 'test');
      return;
    }
    this.dispatch('READY', {
      v: 10,
      user: { id: BOT_ID, username: 'article-bot', discriminator: '0', bot: true, avatar: null, global_name: null },
      guilds: [{ id: GUILD_ID, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: this.url.replace('http', 'ws') + '/gateway',
      application: { id: APP_ID, flags: 0 },
      private_channels: [],
    }, ws);
    this.dispatch('GUILD_CREATE', guildPayload(), ws);
  }
  lastIntents = 0;

  private onResume(ws: WebSocket, d: { session_id: string; seq: number }): void {
    this.resumed++;
    // Replay every dispatch the client missed, then RESUMED, as Discord does.
    for (const e of this.log.filter((x) => x.s > d.seq)) ws.send(e.frame);
    ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
  }

  /** Sends a dispatch; while the client is disconnected it is only logged, for replay on RESUME. */
  dispatch(t: string, d: unknown, ws: WebSocket | null = this.socket): void {
    const s = ++this.seq;
    const frame = JSON.stringify({ op: 0, t, s, d });
    this.log.push({ s, frame });
    if (ws && ws.readyState === ws.OPEN) ws.send(frame);
  }

  /** Closes the gateway connection with a code (4000 lets the client resume; 1006 is abnormal; 4004 and
   * 4010–4014 end the session for good). */
  dropGateway(code: number): void {
    if (code === 1006) this.socket?.terminate();
    else this.socket?.close(code, 'test');
    this.socket = null;
  }

  // ---- interactions ----
  interaction(kind: 'command' | 'autocomplete' | 'button', opts: { name?: string; options?: any[]; customId?: string; userId?: string; permissions?: string; locale?: string; channelId?: string }): { id: string; token: string } {
    const id = nextId();
    const token = `tok-${id}`;
    const user = { id: opts.userId ?? '500000000000000001', username: 'asker', discriminator: '0', global_name: 'Asker', avatar: null };
    const base = {
      id,
      application_id: APP_ID,
      token,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: opts.channelId ?? CHANNEL_ID,
      channel: this.channelPayload(opts.channelId ?? CHANNEL_ID),
      member: { user, roles: [], permissions: opts.permissions ?? '2248473465835073', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      locale: opts.locale ?? 'zh-CN',
      guild_locale: 'zh-CN',
      app_permissions: '2248473465835073',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
    };
    let payload: any;
    if (kind === 'button') {
      payload = {
        ...base,
        type: 3,
        data: { custom_id: opts.customId, component_type: 2 },
        message: { id: nextId(), channel_id: CHANNEL_ID, author: { id: BOT_ID, username: 'article-bot', discriminator: '0', bot: true, avatar: null }, content: '', timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [] },
      };
    } else {
      payload = { ...base, type: kind === 'command' ? 2 : 4, data: { id: nextId(), name: opts.name, type: 1, options: opts.options ?? [] } };
    }
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token };
  }

  /** A channel as an interaction carries it: a thread the fake created, or a plain text channel. */
  private channelPayload(id: string) {
    const thread = this.threads.get(id);
    return thread ? threadPayload(id, thread.parentId, thread.name) : { id, type: 0, guild_id: GUILD_ID, name: 'general' };
  }

  /** Waits for a REST call that matches (already made or still to come). */
  waitFor(pred: (c: RestCall) => boolean, timeoutMs = 10_000): Promise<RestCall> {
    const seen = this.calls.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`no matching REST call within ${timeoutMs} ms; calls so far: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ').slice(-500)}`));
      }, timeoutMs).unref();
    });
  }

  callbackOf(id: string) {
    return this.calls.find((c) => c.method === 'POST' && c.path.startsWith(`/api/v10/interactions/${id}/`));
  }
  finalOf(token: string) {
    return this.calls.filter((c) => c.path.includes(`/webhooks/${APP_ID}/${token}`));
  }

  // ---- REST ----
  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    let body: any = null;
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) body = JSON.parse(raw.toString() || 'null');
    else if (type.includes('multipart/form-data')) {
      const m = /name="payload_json"[\s\S]*?\r\n\r\n([\s\S]*?)\r\n--/.exec(raw.toString());
      body = m ? JSON.parse(m[1]!) : null;
    }
    const fault = this.faults.find((f) => f.remaining > 0 && f.match.test(`${req.method} ${path}`));
    if (fault) {
      fault.remaining--;
      if (fault.status === 429) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter ?? 0.05), 'x-ratelimit-scope': 'user' });
        res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: fault.retryAfter ?? 0.05, global: false }));
      } else {
        res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: fault.code ? `error ${fault.code}` : 'Internal Server Error', code: fault.code ?? 0 }));
      }
      return;
    }
    const call: RestCall = { method: req.method ?? '', path, body, at: performance.now(), headers: req.headers };
    this.calls.push(call);
    for (const w of [...this.waiters]) if (w.pred(call)) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(call);
    }
    const json = (status: number, data: unknown): void => {
      call.response = data;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    };
    if (req.method === 'GET' && path === '/api/v10/gateway/bot') {
      return json(200, { url: this.url.replace('http', 'ws') + '/gateway', shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (req.method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      res.writeHead(204).end(); // no content-type: an empty body labelled JSON makes the client throw
      return;
    }
    if (/^\/api\/v10\/webhooks\/\d+\/[^/]+(\/messages\/.+)?$/.test(path)) {
      if (req.method === 'DELETE') {
        res.writeHead(204).end();
        return;
      }
      return json(200, messagePayload(body));
    }
    if (req.method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return json(200, (body as any[]).map((c) => ({ ...c, id: nextId(), application_id: APP_ID, version: '1' })));
    }
    const thread = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (req.method === 'POST' && thread) {
      const id = nextId();
      this.threads.set(id, { parentId: thread[1]!, name: body.name, messageId: thread[2]! });
      const channel = threadPayload(id, thread[1]!, body.name);
      this.dispatch('THREAD_CREATE', { ...channel, newly_created: true });
      return json(201, channel);
    }
    const post = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (req.method === 'POST' && post) return json(200, { ...messagePayload(body), channel_id: post[1] });
    json(404, { message: 'Unknown route in fake Discord', code: 0 });
  }
}

/** A user's message in a channel or thread, as MESSAGE_CREATE carries it; `replyTo` makes it a reply (type 19)
 * to that message, with the referenced message included as Discord sends it. */
export function userMessage(channelId: string, content: string, opts: { userId?: string; mentions?: any[]; bot?: boolean; attachments?: any[]; replyTo?: any } = {}) {
  const reply = opts.replyTo
    ? { type: 19, message_reference: { type: 0, message_id: opts.replyTo.id, channel_id: channelId, guild_id: GUILD_ID }, referenced_message: { ...opts.replyTo, channel_id: channelId } }
    : {};
  return {
    id: nextId(), channel_id: channelId, guild_id: GUILD_ID,
    author: { id: opts.userId ?? '500000000000000001', username: 'asker', discriminator: '0', avatar: null, bot: opts.bot ?? false },
    member: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
    content, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false,
    mentions: opts.mentions ?? [], mention_roles: [], attachments: opts.attachments ?? [], embeds: [], pinned: false, type: 0,
    ...reply,
  };
}

function threadPayload(id: string, parentId: string, name: string) {
  return {
    id, type: 11, guild_id: GUILD_ID, parent_id: parentId, owner_id: BOT_ID, name, last_message_id: null, message_count: 0, member_count: 1,
    rate_limit_per_user: 0, flags: 0, total_message_sent: 0,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
  };
}

function messagePayload(body: any) {
  return {
    id: nextId(),
    channel_id: CHANNEL_ID,
    author: { id: BOT_ID, username: 'article-bot', discriminator: '0', bot: true, avatar: null },
    content: body?.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    pinned: false,
    type: 0,
    flags: body?.flags ?? 0,
  };
}

function guildPayload() {
  return {
    id: GUILD_ID,
    name: 'Test Guild',
    icon: null,
    owner_id: '500000000000000009',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: GUILD_ID, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_flags: 0,
    premium_tier: 0,
    preferred_locale: 'zh-CN',
    nsfw_level: 0,
    joined_at: '2024-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 2,
    members: [],
    channels: [
      { id: CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: GUILD_ID },
      { id: ASK_CHANNEL_ID, type: 0, name: 'ask', position: 1, permission_overwrites: [], guild_id: GUILD_ID },
    ],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}
