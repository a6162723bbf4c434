// The fact book: extracted facts with the reviewed overrides applied, validated, with stable ids.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Article } from '../corpus/article.js';
import { isVerbatim } from '../answer/cite.js';
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

export function applyOverrides(extracted: Fact[], overrides: Overrides): { facts: Fact[]; problems: string[] } {
  const problems: string[] = [];
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
      const merged = FactSchema.safeParse({ ...f, ...c.set, origin: 'override' });
      if (merged.success) facts[facts.indexOf(f)] = merged.data;
      else problems.push(`correction ${JSON.stringify(c.match)} makes an invalid fact: ${merged.error.issues[0]?.message}`);
    }
  }
  for (const a of overrides.additions) {
    const parsed = FactSchema.safeParse({ id: 'pending', origin: 'override', ...a });
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
  const problems: string[] = [];
  const byKey = new Map<string, Fact>();
  for (const f of facts) {
    const parsed = FactSchema.safeParse(f);
    if (!parsed.success) problems.push(`${f.id}: schema: ${parsed.error.issues[0]?.message}`);
    const chunk = article.chunkById.get(f.source.chunkId as never);
    if (!chunk) problems.push(`${f.id}: no chunk ${f.source.chunkId}`);
    else if (!compact(chunk.text).includes(compact(f.source.quote))) problems.push(`${f.id}: quote is not in chunk ${f.source.chunkId}`);
    if (!isVerbatim(article, f.source.quote)) problems.push(`${f.id}: quote is not verbatim in the article`);
    if (f.type === 'figure') {
      if (!compact(f.source.quote).includes(compact(f.text))) problems.push(`${f.id}: value text "${f.text}" is not in its quote`);
      if (!compact(f.text).includes(String(Math.abs(f.value)))) problems.push(`${f.id}: value ${f.value} does not match its text "${f.text}"`);
      const key = [f.entity, f.object ?? '', f.measure, f.measureText, f.period?.key ?? ''].join('|');
      const other = byKey.get(key);
      if (other && other.type === 'figure' && (other.value !== f.value || other.unit !== f.unit)) {
        problems.push(`${f.id} contradicts ${other.id}: ${key} is both ${other.text} and ${f.text}`);
      }
      byKey.set(key, f);
    } else {
      if (!compact(article.raw).includes(compact(f.date.text)) ) problems.push(`${f.id}: date text "${f.date.text}" is not in the article`);
      const key = `${f.entity}|${f.event}|${f.object ?? ''}`;
      const other = byKey.get(key);
      if (other && other.type === 'event' && !(other.date.iso.startsWith(f.date.iso) || f.date.iso.startsWith(other.date.iso))) {
        problems.push(`${f.id} contradicts ${other.id}: ${key} on ${other.date.iso} and ${f.date.iso}`);
      }
      if (!other || f.date.iso.length > (other.type === 'event' ? other.date.iso.length : 0)) byKey.set(key, f);
    }
  }
  return problems;
}

export function overridesPath(article: Article): string {
  return join(dirname(article.path), 'facts.overrides.json');
}

export function loadOverrides(path: string): Overrides {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserFacingError(`facts: cannot read ${path} (${(err as Error).message}). Restore it from git.`, 'FACTS_OVERRIDES');
  }
  const parsed = OverridesSchema.safeParse(json);
  if (!parsed.success) throw new UserFacingError(`facts: ${path} is invalid: ${parsed.error.issues[0]?.message}`, 'FACTS_OVERRIDES');
  return parsed.data;
}

export function loadFactBook(article: Article, path = overridesPath(article)): FactBook {
  const { facts, problems } = applyOverrides(extractFacts(article), loadOverrides(path));
  problems.push(...validateFacts(article, facts));
  if (problems.length) {
    throw new UserFacingError(`facts: ${problems.length} problem(s) in the fact book: ${problems.slice(0, 5).join(' | ')}`, 'FACTS_INVALID');
  }
  return { facts, byId: new Map(facts.map((f) => [f.id, f])) };
}
