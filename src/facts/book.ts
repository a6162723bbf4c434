// The fact book: extracted facts with the reviewed overrides applied, validated, with stable ids.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Article } from '../corpus/article.js';
import { compactArticle, isVerbatim } from '../corpus/cite.js';
import { UserFacingError } from '../errors.js';
import { compact } from '../text/normalize.js';
import { extractFacts } from './extract.js';
import { FactSchema, type Fact } from './schema.js';

const MatchSchema = z
  .object({ chunkId: z.string(), text: z.string().optional(), event: z.string().optional(), quote: z.string().optional() })
  .refine((m) => m.text || m.event || m.quote, 'a match needs text, event or quote');

export const OverridesSchema = z.object({
  $comment: z.string().optional(),
  corrections: z.array(z.object({ match: MatchSchema, set: z.record(z.string(), z.unknown()), why: z.string().min(1) })),
  additions: z.array(z.record(z.string(), z.unknown())),
  removals: z.array(z.object({ match: MatchSchema, why: z.string().min(1) })),
});
export type Overrides = z.infer<typeof OverridesSchema>;

export interface FactBook {
  facts: Fact[];
  byId: Map<string, Fact>;
}

const matches = (f: Fact, m: z.infer<typeof MatchSchema>) =>
  f.source.chunkId === m.chunkId &&
  (!m.text || (f.type === 'figure' && compact(f.text).includes(compact(m.text)))) &&
  (!m.event || (f.type === 'event' && f.event === m.event)) &&
  (!m.quote || f.source.quote.includes(m.quote));

/** A readable id that survives re-extraction: where the fact stands and what it says. */
const stableId = (f: Fact) => `${f.source.chunkId}:${f.type === 'figure' ? compact(f.text) : `${f.entity}${f.event}`}`;

/** A reviewer may write any name the article uses ("云海" for 云海集团); facts keep the canonical one. */
export type Canonicalize = (name: string) => string;

export function applyOverrides(extracted: Fact[], overrides: Overrides, canonical: Canonicalize = (n) => n): { facts: Fact[]; problems: string[] } {
  const problems: string[] = [];
  const named = <T extends Record<string, unknown>>(x: T): T => ({
    ...x,
    ...(typeof x.entity === 'string' ? { entity: canonical(x.entity) } : {}),
    ...(typeof x.object === 'string' ? { object: canonical(x.object) } : {}),
  });
  let facts = extracted.map((f) => ({ ...f }));
  for (const r of overrides.removals) {
    const before = facts.length;
    facts = facts.filter((f) => !matches(f, r.match));
    if (facts.length === before) problems.push(`removal matches nothing: ${JSON.stringify(r.match)}`);
  }
  for (const c of overrides.corrections) {
    const hit = facts.filter((f) => matches(f, c.match));
    if (hit.length !== 1) problems.push(`correction must match exactly one fact, matched ${hit.length}: ${JSON.stringify(c.match)}`);
    for (const f of hit) {
      const merged = FactSchema.safeParse(named({ ...f, ...c.set, origin: 'override' }));
      if (merged.success) facts[facts.indexOf(f)] = merged.data;
      else problems.push(`correction ${JSON.stringify(c.match)} makes an invalid fact: ${merged.error.issues[0]?.message}`);
    }
  }
  for (const a of overrides.additions) {
    const parsed = FactSchema.safeParse(named({ id: 'pending', origin: 'override', ...a }));
    if (parsed.success) facts.push(parsed.data);
    else problems.push(`addition is not a valid fact (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}): ${JSON.stringify(a).slice(0, 80)}`);
  }
  const seen = new Map<string, number>();
  facts = facts.map((f) => {
    const base = stableId(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { ...f, id: n === 1 ? base : `${base}#${n}` };
  });
  return { facts, problems };
}

/** Every rule a fact must keep: verbatim quote, value text inside the quote, a real chunk, no contradictions. */
export function validateFacts(article: Article, facts: Fact[]): string[] {
  return factIssues(article, facts).map((i) => i.message);
}

interface FactIssue {
  /** The facts the issue is about. */
  ids: string[];
  message: string;
}

function factIssues(article: Article, facts: Fact[]): FactIssue[] {
  const issues: FactIssue[] = [];
  const report = (ids: string[], message: string) => issues.push({ ids, message });
  const byKey = new Map<string, Fact>();
  for (const f of facts) {
    const parsed = FactSchema.safeParse(f);
    if (!parsed.success) report([f.id], `${f.id}: schema: ${parsed.error.issues[0]?.message}`);
    const chunk = article.chunkById.get(f.source.chunkId as never);
    if (!chunk) report([f.id], `${f.id}: no chunk ${f.source.chunkId}`);
    else if (!compact(chunk.text).includes(compact(f.source.quote))) report([f.id], `${f.id}: quote is not in chunk ${f.source.chunkId}`);
    // A quote inside its chunk is verbatim already; only a quote with no chunk needs the whole article.
    else if (!isVerbatim(article, f.source.quote)) report([f.id], `${f.id}: quote is not verbatim in the article`);
    if (f.type === 'figure') {
      if (!compact(f.source.quote).includes(compact(f.text))) report([f.id], `${f.id}: value text "${f.text}" is not in its quote`);
      if (!compact(f.text).includes(String(Math.abs(f.value)))) report([f.id], `${f.id}: value ${f.value} does not match its text "${f.text}"`);
      const key = [f.entity, f.object ?? '', f.measure, f.measureText, f.period?.key ?? ''].join('|');
      const other = byKey.get(key);
      if (other && other.type === 'figure' && (other.value !== f.value || other.unit !== f.unit)) {
        report([f.id, other.id], `${f.id} contradicts ${other.id}: ${key} is both ${other.text} and ${f.text}`);
      }
      byKey.set(key, f);
    } else {
      if (!compactArticle(article).includes(compact(f.date.text))) report([f.id], `${f.id}: date text "${f.date.text}" is not in the article`);
      const key = `${f.entity}|${f.event}|${f.object ?? ''}`;
      const other = byKey.get(key);
      if (other && other.type === 'event' && !(other.date.iso.startsWith(f.date.iso) || f.date.iso.startsWith(other.date.iso))) {
        report([f.id, other.id], `${f.id} contradicts ${other.id}: ${key} on ${other.date.iso} and ${f.date.iso}`);
      }
      if (!other || f.date.iso.length > (other.type === 'event' ? other.date.iso.length : 0)) byKey.set(key, f);
    }
  }
  return issues;
}

export function overridesPath(article: Article): string {
  return join(article.dir, 'facts.overrides.json');
}

const NO_OVERRIDES: Overrides = { corrections: [], additions: [], removals: [] };

/** The reviewed corrections; a corpus folder without the (optional) file has none. */
export function loadOverrides(path: string): Overrides {
  if (!existsSync(path)) return NO_OVERRIDES;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserFacingError(`facts: cannot read ${path} (${(err as Error).message}). Fix the JSON or remove the file (it is optional).`, 'FACTS_OVERRIDES');
  }
  const parsed = OverridesSchema.safeParse(json);
  if (!parsed.success) throw new UserFacingError(`facts: ${path} is invalid: ${parsed.error.issues[0]?.message}`, 'FACTS_OVERRIDES');
  return parsed.data;
}

/** Extraction's own mistakes (two readings of one figure) drop the facts involved: retrieval still finds
 * the passage, and a figure the engine is unsure of is not stated as a fact. Mistakes in the reviewed
 * file stop the start, since a person must fix them. */
export function loadFactBook(article: Article, path = overridesPath(article), onDropped?: (message: string) => void): FactBook {
  const canonical = (name: string) => {
    const found = article.entities.find(name);
    return found.length === 1 && found[0]!.name === name ? found[0]!.canonical : name;
  };
  const applied = applyOverrides(extractFacts(article), loadOverrides(path), canonical);
  const problems = applied.problems;
  let facts = applied.facts;
  const byId = new Map(facts.map((f) => [f.id, f]));
  const dropped = new Set<string>();
  for (const issue of factIssues(article, facts)) {
    const involved = issue.ids.map((id) => byId.get(id)).filter((f): f is Fact => f !== undefined);
    if (involved.length && involved.every((f) => f.origin === 'extracted')) {
      involved.forEach((f) => dropped.add(f.id));
      onDropped?.(issue.message);
    } else problems.push(issue.message);
  }
  facts = facts.filter((f) => !dropped.has(f.id));
  if (problems.length) {
    throw new UserFacingError(`facts: ${problems.length} problem(s) in the fact book: ${problems.slice(0, 5).join(' | ')}`, 'FACTS_INVALID');
  }
  return { facts, byId: new Map(facts.map((f) => [f.id, f])) };
}
