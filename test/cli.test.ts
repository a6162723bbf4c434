import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isVerbatim } from '../src/answer/cite.js';
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
    expect(groups[0]).toMatchObject({ keyTerms: '担任 现在 职务 马云', count: 2, reasons: { not_found: 2 } });
    expect(groups.map((g) => g.examples[0])).toContain('今天北京的天气怎么样？');
    expect(groups.flatMap((g) => g.examples)).not.toContain('花呗有多少用户？');
    const text = spawnSync(process.execPath, ['--import', 'tsx', 'src/surfaces/cli/gaps.ts'], { env: { ...process.env, DATABASE_PATH: db }, encoding: 'utf8' });
    expect(text.stdout).toMatch(/1\. ×2 .*not_found 2.*terms: 担任 现在 职务 马云/);
  });
});
