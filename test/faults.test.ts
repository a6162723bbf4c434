// Fault drills: what breaks outside the code (files, folders, the network peers) ends with the bot
// answering, or with a message that names the problem. Gateway drops and 429 storms are drilled in
// discord.burst.test.ts; index and model damage in dense.test.ts.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEngineConfig } from '../src/config.js';
import { DEFAULT_CORPUS_DIR } from '../src/corpus/load.js';
import { silentLogger } from '../src/log.js';
import { escapeUserText } from '../src/surfaces/discord/safety.js';
import { startEngine } from '../src/start.js';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const corpusCopy = () => {
  const dir = tmp('corpus-');
  cpSync(resolve('corpus'), dir, { recursive: true });
  return dir;
};

describe('fault drills', () => {
  it('corpus file unreadable (a folder where the file should be): stops with the path', async () => {
    const dir = tmp('corpus-');
    copyFileSync(join(DEFAULT_CORPUS_DIR, 'meta.json'), join(dir, 'meta.json'));
    mkdirSync(join(dir, 'article.txt'));
    await expect(startEngine(parseEngineConfig({ CORPUS_DIR: dir, DENSE: 'off' }), silentLogger)).rejects.toThrow(
      new RegExp(`cannot read the article text at ${join(dir, 'article.txt')} \\(EISDIR\\)`),
    );
  });

  it('fact overrides file damaged: stops with the path and what to do', async () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'facts.overrides.json'), '{"corrections": [');
    await expect(startEngine(parseEngineConfig({ CORPUS_DIR: dir, DENSE: 'off' }), silentLogger)).rejects.toThrow(/facts: cannot read .*facts.overrides.json.*Fix the JSON or remove the file/);
  });

  it('an override that no longer matches the article is caught, not silently ignored', async () => {
    const dir = corpusCopy();
    writeFileSync(join(dir, 'facts.overrides.json'), JSON.stringify({ corrections: [{ match: { chunkId: '§09¶9', text: '1%' }, set: {}, why: 'stale' }], additions: [], removals: [] }));
    await expect(startEngine(parseEngineConfig({ CORPUS_DIR: dir, DENSE: 'off' }), silentLogger)).rejects.toThrow(/matched 0/);
  });

  it('index folder cannot be written (a file in its place): dense is off with the reason, answers go on', async () => {
    const notADir = join(tmp('idx-'), 'index');
    writeFileSync(notADir, 'x');
    const engine = await startEngine(
      parseEngineConfig({ INDEX_DIR: notADir, EMBEDDING_MODEL: 'fixture/tiny-zh-bert', MODELS_DIR: 'test/fixtures/models', ALLOW_REMOTE_MODELS: 'false' }),
      silentLogger,
    );
    expect(engine.denseStatus).toMatch(/dense search off: index: cannot write to .*index \((EEXIST|ENOTDIR)\)\. Point INDEX_DIR at a writable folder/);
    expect((await engine.answer('花呗有多少用户？')).kind).toBe('fact');
  });

  it('a huge hostile string is cut before escaping (escapeMarkdown is superlinear)', () => {
    const out = escapeUserText('*_`'.repeat(40_000));
    expect(out.length).toBeLessThan(4100 * 3);
  });
});
