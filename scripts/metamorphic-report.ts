// Prints the metamorphic (CheckList-style) figures: per generator the variants, how many kept the original's
// kind and first cited chunk (or, for DIR, became not_found), the rate, and the first failures with the
// engine's route and reason for the variant.
//   npx tsx scripts/metamorphic-report.ts [--failures N | --all]
import { getArticle, getEngine } from '../test/helpers.js';
import { buildContext, formatFailures, formatSummary, generateVariants, loadDevQuestions, runMetamorphic, type Outcome } from '../test/metamorphic.js';

const args = process.argv.slice(2);
const at = args.indexOf('--failures');
const perGenerator = args.includes('--all') ? Infinity : at >= 0 ? Number(args[at + 1]) || 5 : 5;

const article = getArticle();
const engine = getEngine();
const questions = loadDevQuestions();
const ctx = buildContext({
  articleText: article.raw,
  names: article.entities.entities.flatMap((e) => e.names),
  questionTexts: questions.map((q) => q.q),
});
const variants = generateVariants(questions, ctx);
const report = await runMetamorphic(engine, questions, variants);

// The route and reason of each failure to be printed, asked again with explain on.
const shown = report.perGenerator.flatMap((g) => report.outcomes.filter((o) => o.variant.generator === g.generator && !o.pass).slice(0, perGenerator));
const why = new Map<Outcome, string>();
for (const o of shown) {
  const x = (await engine.answer(o.variant.text, { explain: true })).explain as Record<string, unknown> | undefined;
  if (!x) continue;
  const parts = [`route=${String(x.route ?? '?')}`];
  if (x.reason) parts.push(`reason=${String(x.reason)}`);
  if (Array.isArray(x.unknownNames) && x.unknownNames.length) parts.push(`unknown=${x.unknownNames.join('/')}`);
  if (Array.isArray(x.entities)) parts.push(`entities=${x.entities.join('/') || '-'}`);
  why.set(o, parts.join('; '));
}

console.log(`dev questions: ${questions.length}; ${ctx.homophones.size} toneless readings in the common-character list`);
console.log(formatSummary(report));
console.log(formatFailures(report, perGenerator, (o) => why.get(o)));
