// The Discord surface's parts on their own: the button loader, the bounded conversation memory, and the
// house rule that no function in src/surfaces/discord runs over 80 lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { COMMAND_MODULES, loadCommands } from '../src/surfaces/discord/commands/index.js';
import { answerButtons, COMPONENT_MODULES, loadComponents } from '../src/surfaces/discord/components/index.js';
import * as vote from '../src/surfaces/discord/components/vote.js';
import { createConversations } from '../src/surfaces/discord/conversations.js';

const DISCORD_SRC = join(import.meta.dirname, '../src/surfaces/discord');
/** The house rule: a function longer than this does more than one job. */
const MAX_FUNCTION_LINES = 80;

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  return { log: createLogger('debug', (l) => lines.push(JSON.parse(l))), lines };
};

describe('button components', () => {
  it('every component module loads without a warning, and the answer buttons are built from them', () => {
    const { log, lines } = capture();
    const components = loadComponents(COMPONENT_MODULES, log);
    expect([...components.keys()].sort()).toEqual(['more', 'para', 'vote']);
    expect(lines).toEqual([]);
    const ids = answerButtons('123456789012345678', '§04¶13', 'zh')[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''));
    for (const id of ids) {
      const component = components.get(id.split(':')[0]!)!;
      expect(component.parse(id), id).not.toBeNull();
    }
  });

  it('a module without the exports, or a second module for the same kind, is skipped with a warning naming the file', () => {
    const { log, lines } = capture();
    const components = loadComponents({ vote, noParse: { kind: 'nope', customId: () => '', execute: async () => {} }, badKind: { ...vote, kind: 'Has:Colon' }, again: vote, notAModule: 42 }, log);
    expect([...components.keys()]).toEqual(['vote']);
    expect(lines.map((l) => [l.level, l.file])).toEqual([
      ['warn', 'noParse'],
      ['warn', 'badKind'],
      ['warn', 'again'],
      ['warn', 'notAModule'],
    ]);
  });

  it('custom ids round-trip, and an id a component did not build reads as null', () => {
    expect(vote.parse(vote.customId('down', '990000000000000001'))).toEqual({ direction: 'down', answerKey: '990000000000000001' });
    for (const id of ['vote:up:', 'vote:maybe:1', 'vote:up:1:extra', `vote:up:${'9'.repeat(30)}`, 'more:1']) expect(vote.parse(id), id).toBeNull();
  });

  it('commands and components are separate registries: no command module is taken for a button', () => {
    expect(loadComponents(COMMAND_MODULES, capture().log).size).toBe(0);
    expect(loadCommands(COMPONENT_MODULES, capture().log).size).toBe(0);
  });
});

describe('conversation memory', () => {
  it('keeps at most the named number of questions per conversation, oldest dropped', () => {
    const c = createConversations(10, 3);
    for (const q of ['a', 'b', 'c', 'd']) c.record('thread:1', q);
    expect(c.previous('thread:1')).toEqual(['b', 'c', 'd']);
    expect(c.previous('thread:2')).toEqual([]);
  });

  it('keeps at most the named number of conversations, least recently used dropped with its message links', () => {
    const c = createConversations(2, 3);
    c.record('chain:a', 'qa');
    c.link('chain:a', ['m-a', 'r-a']);
    c.record('chain:b', 'qb');
    c.record('chain:a', 'qa2'); // a is used again, so b is now the least recently used
    c.record('chain:c', 'qc');
    expect(c.size).toBe(2);
    expect(c.previous('chain:b')).toEqual([]);
    expect(c.previous('chain:a')).toEqual(['qa', 'qa2']);
    expect(c.keyOfMessage('r-a')).toBe('chain:a');
    c.record('chain:d', 'qd');
    c.record('chain:e', 'qe');
    expect(c.keyOfMessage('r-a')).toBeUndefined();
    expect(c.previous('chain:a')).toEqual([]);
  });

  it('a very long question is kept cut short', () => {
    const c = createConversations();
    c.record('thread:1', '网'.repeat(5000));
    expect([...c.previous('thread:1')[0]!].length).toBe(1000);
  });
});

/** Every function, method and arrow function in a file, with the number of lines it spans. */
function functionLengths(file: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = (node as { name?: ts.Node }).name?.getText(source) ?? `(anonymous at line ${start + 1})`;
      found.push({ name: `${file.slice(DISCORD_SRC.length + 1)}: ${name}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the Discord surface stays in small functions', () => {
  it(`no function in src/surfaces/discord is over ${MAX_FUNCTION_LINES} lines`, () => {
    const files = readdirSync(DISCORD_SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(DISCORD_SRC, f));
    expect(files.length).toBeGreaterThan(10);
    const long = files.flatMap(functionLengths).filter((f) => f.lines > MAX_FUNCTION_LINES);
    expect(long).toEqual([]);
  });
});
