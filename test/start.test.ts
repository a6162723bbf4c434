// Start-up as a process: settings from .env, the exported .env.example, the build that runs only when
// sources changed, and exit codes. Builds go to a temporary folder; the project's dist/ is never written.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEngineConfig } from '../src/config.js';
import { parseFeedbackConfig } from '../src/store/config.js';
import { parseDiscordConfig } from '../src/surfaces/discord/config.js';
import { APP_ID, FakeDiscord } from './fake-discord.js';
import Database from 'better-sqlite3';
import { holdWriteLock, waitUntil } from './drills.js';

const ROOT = resolve('.');
const TSX = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
const MAIN = resolve('src/surfaces/discord/main.ts');
const TOKEN = 'start-token.XYZ';
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

interface Proc {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  kill(signal?: NodeJS.Signals): void;
}
function launch(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Proc {
  const env = { ...process.env, ...opts.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return { code: new Promise((r) => child.on('exit', r)), stdout: () => stdout, stderr: () => stderr, kill: (s) => child.kill(s) };
}
const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
/** The bot from source, as `npm start` runs it, from any folder. */
const bot = (opts: { cwd?: string; env?: Record<string, string | undefined> }) => launch(process.execPath, ['--import', TSX, MAIN], opts);
/** Settings a bot under test always gets: no model, a throwaway database. */
const quiet = () => ({ DENSE: 'off', LOG_LEVEL: 'info', DATABASE_PATH: join(tmp('db-'), 'bot.sqlite') });

describe('settings from .env', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(() => fake.stop());

  it('the bot reads .env in its folder, says which file it read, and the environment wins over the file', async () => {
    const dir = tmp('envdir-');
    // As a newcomer does: copy .env.example to .env and put values in it.
    const example = readFileSync('.env.example', 'utf8');
    writeFileSync(join(dir, '.env'), example.replace(/^DISCORD_TOKEN=.*$/m, `DISCORD_TOKEN=${TOKEN}`).replace(/^DISCORD_API_URL=.*$/m, 'DISCORD_API_URL=http://127.0.0.1:9/api').replace(/^DENSE=.*$/m, 'DENSE=off'));
    // The example's CORPUS_DIR is relative to the project; this folder is elsewhere, so the environment names it.
    const p = bot({ cwd: dir, env: { ENV_FILE: undefined, DISCORD_TOKEN: '', DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'info', DENSE: undefined, DATABASE_PATH: join(dir, 'bot.sqlite'), CORPUS_DIR: resolve('corpus') } });
    try {
      await waitUntil(() => p.stderr().includes('discord: ready'), 30_000, 'the bot to connect with the token from .env').catch((e) => {
        throw new Error(`${e.message}; stderr: ${p.stderr().slice(-1000)}`);
      });
      const lines = jsonLines(p.stderr());
      const said = lines.find((l) => String(l.msg).startsWith('settings: read'));
      expect(said?.msg).toContain(join(dir, '.env'));
      expect(said?.msg).toMatch(/already set in the environment, which wins: .*DISCORD_API_URL/);
      expect(said?.msg).not.toMatch(/wins: .*DISCORD_TOKEN/); // empty in the environment: the file's value counts
      expect(fake.calls.find((c) => c.path === '/api/v10/gateway/bot')?.headers.authorization).toBe(`Bot ${TOKEN}`);
      expect(p.stderr()).not.toContain(TOKEN);
      p.kill('SIGTERM');
      expect(await p.code).toBe(0);
    } finally {
      p.kill('SIGKILL');
    }
  });

  it('without .env and without a token: one JSON line naming DISCORD_TOKEN and .env, exit 1', async () => {
    const p = bot({ cwd: tmp('empty-'), env: { DISCORD_TOKEN: undefined, ENV_FILE: undefined } });
    expect(await p.code).toBe(1);
    const lines = jsonLines(p.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', code: 'DISCORD_TOKEN_MISSING' });
    expect(lines[0]!.msg).toMatch(/DISCORD_TOKEN is not set. Put the bot token in .env .*npm run ask/);
  });

  it('.env.example exported as it is parses: empty values mean unset', () => {
    const vars = parseEnv(readFileSync('.env.example', 'utf8')) as Record<string, string>;
    expect(vars.DISCORD_APPLICATION_ID).toBe('');
    expect(() => parseEngineConfig(vars)).not.toThrow();
    expect(parseFeedbackConfig(vars).FEEDBACK_SALT).toBeUndefined();
    expect(parseDiscordConfig({ ...vars, DISCORD_TOKEN: TOKEN }).DISCORD_APPLICATION_ID).toBeUndefined();
  });

  it('`set -a; . ./.env.example` then npm run ask still answers', async () => {
    // The example asks for the hub; here a silent local server stands in for a network without it, and the
    // model cache is a temporary folder, so the run touches neither the network nor the project's models/.
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const hub = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`;
      const p = launch('bash', ['-c', `set -a; . ./.env.example; set +a; export HF_REMOTE_HOST=${hub} MODELS_DIR=${tmp('models-')} MODEL_HUB_TIMEOUT_MS=1000; npm run --silent ask -- "花呗有多少用户？"`], {
        env: { DISCORD_TOKEN: undefined, DENSE: undefined },
      });
      expect(await p.code).toBe(0);
      expect(p.stdout()).toContain('4 亿');
      expect(p.stderr()).not.toMatch(/must be a Discord id|at least 16 characters|invalid/);
    } finally {
      silent.close();
    }
  });
});

describe('npm start', () => {
  it('builds into BUILD_DIR only when sources are newer than the build; every line is JSON', async () => {
    const dist = resolve('dist');
    const before = existsSync(dist) ? statSync(dist).mtimeMs : null;
    const dir = tmp('build-');
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
    const out = join(dir, 'dist');
    const start = () => launch('npm', ['start', '--silent'], { env: { BUILD_DIR: out, DISCORD_TOKEN: '' } });

    const first = start();
    expect(await first.code).toBe(1);
    const l1 = jsonLines(first.stderr());
    expect(l1[0]!.msg).toMatch(/^build: compiled src\/ into .* \(no build yet\)/);
    expect(l1.at(-1)).toMatchObject({ level: 'error', code: 'DISCORD_TOKEN_MISSING' });

    const t0 = Date.now();
    const second = start();
    expect(await second.code).toBe(1);
    const secondMs = Date.now() - t0;
    const l2 = jsonLines(second.stderr());
    expect(l2.map((l) => l.msg)).not.toContainEqual(expect.stringMatching(/^build:/));
    expect(l2.at(-1)).toMatchObject({ code: 'DISCORD_TOKEN_MISSING' });
    process.stderr.write(`npm start without a token, build up to date: ${secondMs} ms\n`);

    // A build older than the sources (as after an edit) is rebuilt.
    utimesSync(join(out, '.build-stamp'), new Date(0), new Date(0));
    const third = start();
    expect(await third.code).toBe(1);
    expect(jsonLines(third.stderr())[0]!.msg).toMatch(/^build: compiled .*\(sources newer than the build\)/);

    expect(existsSync(dist) ? statSync(dist).mtimeMs : null).toBe(before);
  }, 120_000);
});

describe('exit codes for a gateway that will not have the bot', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(() => fake.stop());

  it('4004 mid-run: exit 78 with a JSON error line naming the cause and DISCORD_TOKEN', async () => {
    const p = bot({ env: { ...quiet(), DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl } });
    try {
      await waitUntil(() => p.stderr().includes('discord: ready'), 30_000, 'ready');
      const s = fake.interaction('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '花呗有多少用户？' }] });
      await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${s.token}`));
      fake.dropGateway(4004);
      expect(await p.code).toBe(78);
      const lines = jsonLines(p.stderr());
      const fatal = lines.find((l) => l.code === 'GATEWAY_CLOSED_4004');
      expect(fatal).toMatchObject({ level: 'error', closeCode: 4004 });
      expect(fatal!.msg).toMatch(/authentication failed.*Set DISCORD_TOKEN/);
    } finally {
      p.kill('SIGKILL');
    }
  });

  it('4004 at IDENTIFY: the same, before ready', async () => {
    fake.closeOnIdentify = 4004;
    const p = bot({ env: { ...quiet(), DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl } });
    try {
      expect(await p.code).toBe(78);
      const lines = jsonLines(p.stderr());
      expect(lines.some((l) => l.code === 'GATEWAY_CLOSED_4004' && l.level === 'error')).toBe(true);
      expect(p.stderr()).not.toContain('discord: ready');
    } finally {
      fake.closeOnIdentify = null;
      p.kill('SIGKILL');
    }
  });

  it('connects, answers, and SIGTERM shuts it down with exit 0', async () => {
    const p = bot({ env: { ...quiet(), DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl } });
    try {
      await waitUntil(() => p.stderr().includes('discord: ready'), 30_000, 'ready');
      const s = fake.interaction('command', { name: 'ask', options: [{ name: 'question', type: 3, value: '花呗有多少用户？' }] });
      await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${s.token}`));
      p.kill('SIGTERM');
      expect(await p.code).toBe(0);
      expect(p.stderr()).toContain('shutting down');
      expect(p.stderr()).not.toContain(TOKEN);
    } finally {
      p.kill('SIGKILL');
    }
  });
});

describe('a restart keeps every write acknowledged to a user', () => {
  it('votes thanked while another process held the lock survive the bot being killed, and land after the next start', async () => {
    const fake = await new FakeDiscord().start();
    const env = { ...quiet(), DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl };
    const count = (table: string) => {
      const db = new Database(env.DATABASE_PATH, { readonly: true });
      try {
        return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const ask = async (i: number) => {
      const s = fake.interaction('command', { name: 'ask', userId: String(630000000000000000n + BigInt(i)), options: [{ name: 'question', type: 3, value: '花呗有多少用户？' }] });
      await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${s.token}`), 20_000);
      return s.id;
    };
    const first = bot({ env });
    let holder: Awaited<ReturnType<typeof holdWriteLock>> | undefined;
    try {
      await waitUntil(() => first.stderr().includes('discord: ready'), 30_000, 'the first bot to be ready');
      const before = [await ask(0), await ask(1)];
      holder = await holdWriteLock(env.DATABASE_PATH, 60_000);
      const during = [await ask(2), await ask(3), await ask(4)];
      const thanked = await Promise.all(
        [...before, ...during].map(async (id, i) => {
          const v = fake.interaction('button', { customId: `vote:down:${id}`, userId: String(640000000000000000n + BigInt(i)) });
          return (await fake.waitFor((c) => c.path.includes(`/webhooks/${APP_ID}/${v.token}`), 20_000)).body.content as string;
        }),
      );
      expect(thanked.every((t) => t.includes('谢谢反馈'))).toBe(true); // acknowledged to every voter
      first.kill('SIGKILL');
      await first.code;
      holder.kill();
      await holder.released.catch(() => {});
      expect(count('votes')).toBe(0); // nothing of it reached the database before the crash
      const second = bot({ env });
      try {
        await waitUntil(() => second.stderr().includes('discord: ready'), 30_000, 'the second bot to be ready');
        await waitUntil(() => count('votes') === 5 && count('answers') === 5, 10_000, 'the replayed writes');
        expect(second.stderr()).toContain('replaying writes left pending by an earlier run');
        second.kill('SIGTERM');
        expect(await second.code).toBe(0);
      } finally {
        second.kill('SIGKILL');
      }
    } finally {
      first.kill('SIGKILL');
      holder?.kill();
      await fake.stop();
    }
  }, 90_000);
});

describe('npm run ask', () => {
  it('runs from source at once when there is no build, builds in the background, then runs the build', async () => {
    const dist = resolve('dist');
    const before = existsSync(dist) ? statSync(dist).mtimeMs : null;
    const dir = tmp('ask-build-');
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
    const out = join(dir, 'dist');
    const env = { BUILD_DIR: out, CORPUS_DIR: resolve('corpus'), INDEX_DIR: tmp('ask-index-'), DENSE: 'off', RUN_FROM: '' };
    const ask = () => launch('npm', ['run', '--silent', 'ask', '--', '花呗有多少用户？'], { env });
    const first = ask();
    expect(await first.code).toBe(0);
    expect(first.stdout()).toContain('花呗');
    // The answer did not wait for the build: it is made by a detached process, which stamps it when done.
    await waitUntil(() => existsSync(join(out, '.build-stamp')), 90_000);
    expect(existsSync(join(out, 'surfaces/cli/ask.js'))).toBe(true);
    const second = ask();
    expect(await second.code).toBe(0);
    const untimed = (s: string) => s.replace(/[\d.]+ ms/g, 'ms');
    expect(untimed(second.stdout())).toBe(untimed(first.stdout()));
    expect(existsSync(dist) ? statSync(dist).mtimeMs : null).toBe(before);
  }, 150_000);
});
