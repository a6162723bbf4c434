// The shape of src/, checked from the source itself (parsed with the TypeScript compiler's own parser):
// (a) no import cycle between folders, and no folder importing one above it in the intended order
//     text → genre → corpus → question → facts → retrieval → answer → store / surfaces;
// (b) no function longer than 80 lines;
// (c) no name of our article's people, organisations and products written into src/ (the engine must
//     learn them from the corpus folder, so any article works).
// Each failure prints what it found: the cycle, the offending imports, the functions, the names and files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AliasesSchema } from '../src/corpus/load.js';
import { GENERIC_ACRONYMS, GENERIC_ORG_PREFIXES, ORG_ENDINGS, SURNAMES } from '../src/genre/names.js';
import { GENRE_WORDS } from '../src/text/genre-words.js';
import { inDictionary, STOP_WORDS } from '../src/text/segment.js';
import { getArticle } from './helpers.js';

const SRC = resolve('src');
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}
const files = sourceFiles();
const parsed = new Map(files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true)]));

/** A file's layer: its folder under src/ (surfaces/cli and surfaces/discord apart); files at the root of
 * src/ (config, start, log, errors, settings, types) are each their own node. */
function layerOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  if (parts.length === 1) return parts[0]!.replace(/\.[mc]?[tj]s$/, '');
  if (parts[0] === 'surfaces' && parts.length > 2) return `surfaces/${parts[1]}`;
  return parts[0]!;
}

/** Relative module specifiers of every import, re-export and dynamic import() in a file. */
function importsOf(sf: ts.SourceFile): { spec: string; line: number; typeOnly: boolean }[] {
  const out: { spec: string; line: number; typeOnly: boolean }[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) out.push({ spec: spec.text, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, !!node.importClause?.isTypeOnly);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const resolveSpec = (from: string, spec: string) => resolve(dirname(from), spec).replace(/\.js$/, '.ts');

interface Edge {
  from: string;
  to: string;
  where: string;
}
const edges: Edge[] = [];
for (const [file, sf] of parsed) {
  for (const imp of importsOf(sf)) {
    const target = resolveSpec(file, imp.spec);
    if (!target.startsWith(SRC + sep)) continue;
    const [from, to] = [layerOf(file), layerOf(target)];
    if (from !== to) edges.push({ from, to, where: `${relative('.', file)}:${imp.line} → ${imp.spec}${imp.typeOnly ? ' (type only)' : ''}` });
  }
}

/** Every elementary cycle's smallest witness: a DFS from each node, reporting each cycle once. */
function findCycles(): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) (graph.get(e.from) ?? graph.set(e.from, new Set()).get(e.from)!).add(e.to);
  const cycles = new Map<string, string[]>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const visited = new Set<string>();
  const dfs = (n: string) => {
    visited.add(n);
    stack.push(n);
    onStack.add(n);
    for (const m of graph.get(n) ?? []) {
      if (onStack.has(m)) {
        const cycle = stack.slice(stack.indexOf(m));
        const key = [...cycle].sort().join('|');
        if (!cycles.has(key)) cycles.set(key, [...cycle, m]);
      } else if (!visited.has(m)) dfs(m);
    }
    stack.pop();
    onStack.delete(n);
  };
  for (const n of graph.keys()) if (!visited.has(n)) dfs(n);
  return [...cycles.values()];
}

const ORDER = ['text', 'genre', 'corpus', 'question', 'facts', 'retrieval', 'answer', 'store', 'surfaces/cli', 'surfaces/discord'];
// The top layers (store, surfaces) sit side by side: they may use each other's settings, not the reverse of the order.
const rank = (layer: string) => (layer === 'store' || layer.startsWith('surfaces/') ? ORDER.indexOf('store') : ORDER.indexOf(layer));

describe('layers of src/', () => {
  it('(a) no import cycle between folders', () => {
    const cycles = findCycles();
    const report = cycles.map((c) => {
      const steps = c.slice(1).map((to, i) => edges.filter((e) => e.from === c[i] && e.to === to).map((e) => `      ${e.where}`).slice(0, 3).join('\n'));
      return `  ${c.join(' → ')}\n${steps.join('\n')}`;
    });
    if (cycles.length) console.log(`import cycles between folders of src/:\n${report.join('\n')}`);
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it(`(a) no folder imports one above it (${ORDER.slice(0, 8).join(' → ')} / surfaces)`, () => {
    const upward = edges.filter((e) => rank(e.from) >= 0 && rank(e.to) >= 0 && rank(e.to) > rank(e.from));
    if (upward.length) console.log(`imports against the layer order:\n${upward.map((e) => `  ${e.from} → ${e.to}: ${e.where}`).join('\n')}`);
    expect(upward.map((e) => `${e.from} → ${e.to}: ${e.where}`)).toEqual([]);
  });

  it(`(b) no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const [file, sf] of parsed) {
      const visit = (node: ts.Node) => {
        let name: string | undefined;
        let body: ts.Node | undefined;
        if (ts.isFunctionDeclaration(node) && node.body) [name, body] = [node.name?.text ?? '(default)', node.body];
        else if (ts.isVariableDeclaration(node) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) {
          [name, body] = [node.name.getText(sf), node.initializer.body];
        } else if (ts.isMethodDeclaration(node) && node.body && ts.isClassLike(node.parent)) [name, body] = [`${node.parent.name?.text ?? 'class'}.${node.name.getText(sf)}`, node.body];
        if (name && body) {
          const lines = sf.getLineAndCharacterOfPosition(body.getEnd()).line - sf.getLineAndCharacterOfPosition(body.getStart()).line + 1;
          if (lines > MAX_FUNCTION_LINES) long.push(`${relative('.', file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${name} (${lines} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    if (long.length) console.log(`functions over ${MAX_FUNCTION_LINES} lines:\n${long.map((l) => `  ${l}`).join('\n')}`);
    expect(long).toEqual([]);
  });

  it("(c) no name of our article's people, organisations and products is written into src/", () => {
    const article = getArticle();
    const aliases = AliasesSchema.parse(JSON.parse(readFileSync('corpus/aliases.json', 'utf8')));
    const generic = new Set<string>([...SURNAMES, ...ORG_ENDINGS, ...GENERIC_ORG_PREFIXES, ...GENERIC_ACRONYMS, ...GENRE_WORDS, ...STOP_WORDS].map(String));
    const names = new Set<string>();
    // Curated names (aliases.json) always count; names found in the text count when the general
    // dictionary does not know them (韩歆毅, 网商银行, 招联消金 — not 上市公司 or 国际化), and Latin ones
    // unless they are one capitalised word (the segmenter's "How", "First", "Know" are English, not names).
    for (const a of aliases.aliases) for (const n of [a.means, ...a.names]) names.add(n);
    for (const e of article.entities.entities) {
      if (e.kind !== 'person' && e.kind !== 'org' && e.kind !== 'product') continue;
      for (const n of e.names) {
        if (/^[A-Z][a-z]+$/.test(n)) continue;
        if (e.kind === 'person' || !/^\p{Script=Han}+$/u.test(n) || !inDictionary(n)) names.add(n);
      }
    }
    const checked = [...names].filter((n) => [...n].length >= 2 && !generic.has(n) && !(/^[A-Za-z]+$/.test(n) && n.length < 3));
    const found: string[] = [];
    for (const [file, sf] of parsed) {
      const text = sf.getFullText();
      for (const name of checked) {
        const re = /^[\x00-\x7f]+$/.test(name) ? new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) : null;
        const at = re ? text.search(re) : text.indexOf(name);
        if (at >= 0) found.push(`${relative('.', file)}:${sf.getLineAndCharacterOfPosition(at).line + 1} ${name}`);
      }
    }
    if (found.length) console.log(`article names in src/ (${checked.length} names checked):\n${found.map((f) => `  ${f}`).join('\n')}`);
    expect(found).toEqual([]);
  });
});
