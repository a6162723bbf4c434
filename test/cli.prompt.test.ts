// `npm run ask` as a prompt: with no question and a terminal on stdin (or --interactive) it keeps the
// session's questions, so a follow-up that leaves out the entity and period is answered from the one before.
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const FIRST = '网商银行2024年前三季度的营收是多少？';
const FOLLOW_UP = '那净利润呢？';
const env = { ...process.env, DENSE: 'off', LOG_LEVEL: 'warn' };
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs a command, writing each input line once the output shows the prompt for the n-th time. */
function converse(cmd: string, args: string[], lines: string[], timeoutMs = 60_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let sent = 0;
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`timed out; output so far:\n${out}`));
    }, timeoutMs);
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const prompts = out.split('问> ').length - 1;
      while (sent < lines.length && prompts > sent) p.stdin.write(lines[sent++] + '\n');
      if (sent === lines.length && prompts > sent) p.stdin.end();
    });
    p.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('npm run ask as a prompt', () => {
  it('--interactive with piped stdin: the follow-up takes entity and period from the question before', async () => {
    const r = await converse(process.execPath, ['--import', 'tsx', 'src/surfaces/cli/ask.ts', '--interactive'], [FIRST, FOLLOW_UP]);
    expect(r.code).toBe(0);
    const answers = r.out.split('问> ').slice(1);
    expect(answers[0]).toContain('152.87');
    expect(answers[1]).toContain('22.6');
  }, 90_000);

  it.skipIf(!hasScript)('on a pseudo-terminal (util-linux script) with no question it opens the prompt by itself; exit ends it with 0', async () => {
    const r = await converse('script', ['-qfec', `${process.execPath} --import tsx src/surfaces/cli/ask.ts`, '/dev/null'], [FIRST, FOLLOW_UP, 'exit']);
    expect(r.code).toBe(0);
    const after = r.out.slice(r.out.indexOf(FOLLOW_UP));
    expect(after).toContain('22.6');
  }, 90_000);

  it('without a terminal and without a question it prints the usage (exit 2) and starts no engine', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/surfaces/cli/ask.ts'], { input: '', env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: npm run ask');
    expect(r.stderr).toContain('--interactive');
    expect(r.stdout).toBe('');
  });
});
