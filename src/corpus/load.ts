// Loads the project's copy of the article and its metadata, validating both before anything uses them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';

export const ArticleMetaSchema = z.object({
  title: z.string().min(1),
  titleAsPosted: z.string().min(1),
  source: z.string().min(1),
  syndicatedBy: z.string().min(1),
  postedBy: z.string().min(1),
  postedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'postedAt must be YYYY-MM-DD'),
  language: z.string().min(2),
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

export interface RawArticle {
  meta: ArticleMeta;
  /** The article exactly as received; every offset in the project points into this string. */
  raw: string;
  sha256: string;
  path: string;
}

export const DEFAULT_META_PATH = resolve(dirname(new URL(import.meta.url).pathname), '../../corpus/meta.json');

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UserFacingError(
      `corpus: cannot read the ${what} at ${path} (${code}). Restore it from git (git checkout -- corpus/) or set CORPUS_META to the right file.`,
      'CORPUS_UNREADABLE',
    );
  }
}

export function loadArticle(metaPath: string = DEFAULT_META_PATH): RawArticle {
  const metaText = readText(metaPath, 'article metadata');
  let json: unknown;
  try {
    json = JSON.parse(metaText);
  } catch {
    throw new UserFacingError(`corpus: ${metaPath} is not valid JSON. Restore it from git.`, 'CORPUS_META_INVALID');
  }
  const parsed = ArticleMetaSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new UserFacingError(`corpus: ${metaPath} is invalid (${issues}).`, 'CORPUS_META_INVALID');
  }
  const meta = parsed.data;
  const path = join(dirname(metaPath), meta.file);
  const raw = readText(path, 'article text');
  const digest = sha256(raw);
  if (digest !== meta.sha256) {
    throw new UserFacingError(
      `corpus: ${path} does not match the sha256 in ${metaPath} (got ${digest.slice(0, 12)}…). ` +
        'The article was changed or damaged; restore it from git, or update sha256 if the change is intended.',
      'CORPUS_CHECKSUM',
    );
  }
  return { meta, raw, sha256: digest, path };
}
