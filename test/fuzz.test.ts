// Property-based fuzzing of the engine and of the Discord rendering. The seed is printed so a failure can
// be replayed: FUZZ_SEED=<seed> npm test -- fuzz
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isVerbatim } from '../src/corpus/cite.js';
import { answerEmbed, LIMITS } from '../src/surfaces/discord/render.js';
import { escapeUserText } from '../src/surfaces/discord/safety.js';
import { getArticle, getEngine } from './helpers.js';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const runs = Number(process.env.FUZZ_RUNS ?? 150);
process.stderr.write(`fuzz: seed ${seed}, ${runs} runs per property (replay with FUZZ_SEED=${seed})\n`);

const article = getArticle();
const engine = getEngine();
const fragments = article.chunks.flatMap((c) => c.sentences.map((s) => s.text.slice(0, 30)));

const nasty = fc.constantFrom(
  '@everyone', '@here', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>',
  '[点我](https://evil.example)', '**粗体**', '__下划线__', '`code`', '```', '> 引用', '||剧透||', '~~删除~~',
  '\u202e', '\u200b', '\u200f', '\ufeff', '\u0000', '\u0007', '\ud800', '\udfff', '😀', '👨‍👩‍👧‍👦', '\u0301', '２０２４', '網商銀行', 'Ant Group', '\n', '\t',
);
const question = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.oneof(nasty, fc.constantFrom(...fragments), fc.string({ maxLength: 10 })), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.integer({ min: 1000, max: 120_000 }).map((n) => '蚂蚁'.repeat(n / 2)),
);

const MENTION = /@(everyone|here)|<@[!&]?\d+>|<#\d+>/;
const embedText = (e: ReturnType<typeof answerEmbed>) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].join('\n');
const size = (s: string | undefined) => [...(s ?? '')].length;

describe('fuzz', () => {
  it('the engine never throws, answers every question, and cites only verbatim text', async () => {
    await fc.assert(
      fc.asyncProperty(question, async (q) => {
        const a = await engine.answer(q);
        expect(['fact', 'passage', 'not_found']).toContain(a.kind);
        expect(a.answer.length).toBeGreaterThan(0);
        if (a.kind !== 'not_found') expect(a.citations.length).toBeGreaterThan(0);
        for (const c of a.citations) expect(isVerbatim(article, c.quote)).toBe(true);
      }),
      { seed, numRuns: runs },
    );
  });

  it('the Discord rendering stays within limits and no mention survives', async () => {
    await fc.assert(
      fc.asyncProperty(question, async (q) => {
        const e = answerEmbed(await engine.answer(q), article.meta);
        expect(size(e.title)).toBeLessThanOrEqual(LIMITS.title);
        expect(size(e.description)).toBeLessThanOrEqual(LIMITS.description);
        for (const f of e.fields ?? []) expect(size(f.value)).toBeLessThanOrEqual(LIMITS.fieldValue);
        expect(size(embedText(e).replace(/\n/g, ''))).toBeLessThanOrEqual(LIMITS.embed + 10);
        expect(embedText(e)).not.toMatch(MENTION);
        expect(embedText(e)).not.toMatch(/\]\(/);
      }),
      { seed: seed + 1, numRuns: runs },
    );
  });

  it('escaping defuses every mention and masked link in arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(nasty, fc.string({ maxLength: 8 })), { maxLength: 20 }).map((p) => p.join('')), (s) => {
        const out = escapeUserText(s);
        expect(out).not.toMatch(MENTION);
        expect(out).not.toMatch(/\]\(/);
      }),
      { seed: seed + 2, numRuns: runs * 4 },
    );
  });
});
