// Loads a corpus folder: `meta.json` and the article file it names (required), plus the optional curated
// files beside them (`aliases.json`, `facts.overrides.json`). Everything is validated before use; the
// folder is only read, never written (it may be read-only).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';

export const ArticleMetaSchema = z
  .object({
    title: z.string().min(1),
    source: z.string().min(1),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'published must be YYYY-MM-DD'),
    language: z.string().min(2),
    file: z
      .string()
      .min(1)
      .regex(/\.(txt|md)$/i, 'file must name a .txt or .md file in the corpus folder'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits').optional(),
  })
  // url, syndicatedBy, titleAsPosted … are kept as they are.
  .passthrough();
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

/** Other names people use for things in this article; each entry says why it is there. */
export const AliasesSchema = z.object({
  $comment: z.string().optional(),
  aliases: z.array(
    z.object({
      /** The name as the article writes it. */
      means: z.string().min(1),
      names: z.array(z.string().min(1)).min(1),
      kind: z.enum(['person', 'org', 'place', 'product', 'other']).optional(),
      why: z.string().min(1),
    }),
  ),
});
export type Aliases = z.infer<typeof AliasesSchema>;

export interface RawArticle {
  meta: ArticleMeta;
  /** The article exactly as received; every offset in the project points into this string. */
  raw: string;
  sha256: string;
  /** The article file. */
  path: string;
  /** The corpus folder. */
  dir: string;
  aliases: Aliases;
}

export const DEFAULT_CORPUS_DIR = resolve(dirname(new URL(import.meta.url).pathname), '../../corpus');

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UserFacingError(
      `corpus: cannot read the ${what} at ${path} (${code}). Check CORPUS_DIR: the folder must hold meta.json and the article file it names.`,
      'CORPUS_UNREADABLE',
    );
  }
}

/** Reads and validates one JSON file of the corpus folder. */
export function readCorpusJson<T>(path: string, schema: z.ZodType<T>, what: string): T {
  const text = readText(path, what);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserFacingError(`corpus: ${path} is not valid JSON (${(err as Error).message}). Fix the file or restore it.`, 'CORPUS_JSON_INVALID');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new UserFacingError(`corpus: ${path} is invalid (${issues}).`, 'CORPUS_JSON_INVALID');
  }
  return parsed.data;
}

export function loadArticle(corpusDir: string = DEFAULT_CORPUS_DIR): RawArticle {
  const dir = resolve(corpusDir);
  const meta = readCorpusJson(join(dir, 'meta.json'), ArticleMetaSchema, 'article metadata (meta.json)');
  const path = join(dir, meta.file);
  const raw = readText(path, 'article text');
  const digest = sha256(raw);
  if (meta.sha256 && digest !== meta.sha256) {
    throw new UserFacingError(
      `corpus: ${path} does not match the sha256 in meta.json (got ${digest.slice(0, 12)}…). ` +
        'The article was changed or damaged; restore it, or update (or remove) sha256 if the change is intended.',
      'CORPUS_CHECKSUM',
    );
  }
  const aliasesPath = join(dir, 'aliases.json');
  const aliases = existsSync(aliasesPath) ? readCorpusJson(aliasesPath, AliasesSchema, 'aliases') : { aliases: [] };
  return { meta, raw, sha256: digest, path, dir, aliases };
}
