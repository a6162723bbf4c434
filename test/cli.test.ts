import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVerbatim } from '../src/corpus/cite.js';
import { getArticle } from './helpers.js';

const ask = (args: string[], input = '', env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/surfaces/cli/ask.ts', ...args], {
    input,
    env: { ...process.env, DENSE: 'off', ...env },
    encoding: 'utf8',
    maxBuffer: 10 * 1024 * 1024,
  });

describe('npm run ask', () => {
  it('answers a question for a person, with numbered citations', () => {
    const r = ask(['韩歆毅是哪天正式接任蚂蚁集团CEO的？']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2025 年 3 月 1 日/);
    expect(r.stdout).toMatch(/\[1\] §00¶1/);
  });

  it('--json: one JSON object per input line, in order, nothing else on stdout, a bad line does not stop the batch', () => {
    const lines = ['花呗有多少用户？', '', '\u0001\u0002', 'x'.repeat(100_000), '腾讯的市值是多少？', '网商银行的客户主要是哪些人？'];
    const r = ask(['--json'], lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => o.kind)).toEqual(['fact', 'not_found', 'not_found', 'not_found', 'not_found', 'passage']);
    expect(out[1].error.code).toBe('EMPTY_QUESTION');
    expect(out[3].error.code).toBe('QUESTION_TOO_LONG');
    for (const o of out) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['question', 'kind', 'answer', 'citations', 'confidence', 'ms']));
      for (const c of o.citations) expect(isVerbatim(getArticle(), c.quote)).toBe(true);
    }
  });


  it('--json with a question on the command line answers that question as one JSON line (stdin is not waited for)', () => {
    const r = ask(['--json', '花呗有多少用户？'], 'this stdin line is not a question asked\n');
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(1);
    expect(out[0].question).toBe('花呗有多少用户？');
    expect(out[0].kind).toBe('fact');
  });
  it('--explain shows the route, tokens, retriever ranks and the dense status', () => {
    const r = ask(['--explain', '网商银行的客户主要是哪些人？']);
    expect(r.stdout).toContain('"route": "retrieval"');
    expect(r.stdout).toContain('"bm25"');
    expect(r.stdout).toContain('dense search off');
  });

  it('a missing corpus stops with a message naming the path', () => {
    const r = ask(['问题'], '', { CORPUS_DIR: '/nonexistent' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('/nonexistent/meta.json');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('an invalid setting names the variable', () => {
    const r = ask(['问题'], '', { DENSE: 'sometimes' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/DENSE/);
  });
});

describe('npm run gaps', () => {
  it('after feeding refusal questions through answer() with --record, lists them grouped, most frequent first', () => {
    const { mkdtempSync } = fs;
    const db = path.join(mkdtempSync(path.join(os.tmpdir(), 'gaps-')), 'bot.sqlite');
    const questions = ['马云现在担任什么职务？', '今天北京的天气怎么样？', '马云现在担任什么职务', '花呗有多少用户？'];
    const r = ask(['--json', '--record'], questions.join('\n') + '\n', { DATABASE_PATH: db });
    expect(r.status).toBe(0);
    const gaps = spawnSync(process.execPath, ['--import', 'tsx', 'src/surfaces/cli/gaps.ts', '--json'], { env: { ...process.env, DATABASE_PATH: db }, encoding: 'utf8' });
    const groups = gaps.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(groups[0]).toMatchObject({ keyTerms: '担任 现在 马云', count: 2, reasons: { not_found: 2 } });
    expect(groups.map((g) => g.examples[0])).toContain('今天北京的天气怎么样？');
    expect(groups.flatMap((g) => g.examples)).not.toContain('花呗有多少用户？');
    const text = spawnSync(process.execPath, ['--import', 'tsx', 'src/surfaces/cli/gaps.ts'], { env: { ...process.env, DATABASE_PATH: db }, encoding: 'utf8' });
    expect(text.stdout).toMatch(/1\. ×2 .*not_found 2.*terms: 担任 现在 马云/);
  });
});

/** A TCP server that accepts every connection and never says a word: a network that "works" but does not. */
async function silentServer() {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`,
    connections: () => connections,
    close: () => new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }),
  };
}
const run = (script: string, args: string[], env: Record<string, string> = {}, opts: { input?: string; cwd?: string } = {}) =>
  new Promise<{ status: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(script), ...args], { cwd: opts.cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(opts.input ?? '');
    child.on('exit', (status) => resolve({ status, stdout, stderr, ms: Date.now() - t0 }));
  });

describe('a hub that accepts connections and never answers (a silent TCP server)', () => {
  let hub: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    hub = await silentServer();
  });
  afterAll(() => hub.close());

  it('ask answers after the short hub timeout, says the way out in one line, and the next run does not wait again', async () => {
    const models = fs.mkdtempSync(path.join(os.tmpdir(), 'models-'));
    const env = { DENSE: 'auto', ALLOW_REMOTE_MODELS: 'true', HF_REMOTE_HOST: hub.url, MODELS_DIR: models, MODEL_HUB_TIMEOUT_MS: '1000', EMBEDDING_MODEL: 'Xenova/bge-small-zh-v1.5' };
    const usage = await run('src/surfaces/cli/ask.ts', [], env);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: npm run ask');
    expect(hub.connections()).toBe(0); // the usage message needs no hub

    const first = await run('src/surfaces/cli/ask.ts', ['花呗有多少用户？'], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('4 亿');
    expect(hub.connections()).toBe(1);
    const lines = first.stderr.trim().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/did not answer \(no answer within 1000 ms\).*ALLOW_REMOTE_MODELS=false.*DENSE=off/);
    expect(fs.existsSync(path.join(models, '.hub-unreachable.json'))).toBe(true);

    const second = await run('src/surfaces/cli/ask.ts', ['花呗有多少用户？'], env);
    expect(second.status).toBe(0);
    expect(hub.connections()).toBe(1); // remembered: not contacted again
    expect(second.stderr).toMatch(/not tried again until .*ALLOW_REMOTE_MODELS=false.*DENSE=off/);
    process.stderr.write(`silent hub: first ask ${first.ms} ms, second ${second.ms} ms\n`);
    expect(second.ms).toBeLessThan(first.ms);

    const fetch = await run('src/surfaces/cli/model-fetch.ts', [], env);
    expect(fetch.status).toBe(1);
    expect(fetch.stderr).toMatch(/cannot download Xenova\/bge-small-zh-v1.5: the hub .* did not answer/);
    expect(fetch.stderr).not.toContain('model:fetch');
  }, 60_000);
});

describe('CLI arguments', () => {
  it('ask -h prints the usage instead of answering "-h"; an unknown flag is refused', async () => {
    const help = await run('src/surfaces/cli/ask.ts', ['-h']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: npm run ask');
    const unknown = await run('src/surfaces/cli/ask.ts', ['--jsn', '花呗有多少用户？']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--jsn'[\s\S]*usage: npm run ask/);
  });

  it('facts: an unknown entity lists the known ones and exits 1; --entity without a value and unknown flags are refused', async () => {
    const none = await run('src/surfaces/cli/facts.ts', ['--entity', '不存在']);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/no fact matches entity "不存在"[\s\S]*entities: .*网商银行/);
    const empty = await run('src/surfaces/cli/facts.ts', ['--entity']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/--entity[\s\S]*usage: npm run facts/);
    expect(empty.stdout).toBe('');
    const unknown = await run('src/surfaces/cli/facts.ts', ['--entty', '网商银行']);
    expect(unknown.status).toBe(2);
    const known = await run('src/surfaces/cli/facts.ts', ['--entity', '网商银行', '--json']);
    expect(known.status).toBe(0);
    expect(known.stdout.trim().split('\n').every((l) => JSON.parse(l).entity === '网商银行' || JSON.parse(l).object === '网商银行')).toBe(true);
  });

  it('facts --entity takes English names through the engine\'s entity lookup', async () => {
    const en = await run('src/surfaces/cli/facts.ts', ['--entity', 'MYbank', '--json']);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain('"entity":"网商银行"');
  });

  it('gaps --json on an empty log says so on stderr; a corrupt database exits 1 naming the file; a missing one is not created', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gaps-'));
    const missing = path.join(dir, 'none.sqlite');
    const m = await run('src/surfaces/cli/gaps.ts', ['--json'], { DATABASE_PATH: missing });
    expect(m.status).toBe(0);
    expect(m.stderr).toMatch(/no database at .*none\.sqlite yet/);
    expect(fs.existsSync(missing)).toBe(false);
    const db = path.join(dir, 'bot.sqlite');
    const { openFeedbackStore } = await import('../src/store/feedback.js');
    const { silentLogger } = await import('../src/log.js');
    openFeedbackStore({ path: db, lowConfidence: 0.5, log: silentLogger }).close();
    const empty = await run('src/surfaces/cli/gaps.ts', ['--json'], { DATABASE_PATH: db });
    expect(empty.status).toBe(0);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/0 groups from .*bot\.sqlite \(no gaps recorded yet\)/);
    const corrupt = path.join(dir, 'corrupt.sqlite');
    fs.writeFileSync(corrupt, 'not a database '.repeat(500));
    const c = await run('src/surfaces/cli/gaps.ts', [], { DATABASE_PATH: corrupt });
    expect(c.status).toBe(1);
    expect(c.stdout).not.toContain('no gaps recorded yet');
    expect(c.stderr).toMatch(/corrupt\.sqlite.*not a database/);
    const badLimit = await run('src/surfaces/cli/gaps.ts', ['--limit', 'lots'], { DATABASE_PATH: db });
    expect(badLimit.status).toBe(2);
  });
});
