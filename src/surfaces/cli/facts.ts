// `npm run facts` prints the fact book as a table; `-- --json` one fact a line;
// `-- --entity <名称>` (any name the article or its aliases use) / `-- --measure 营收` filter.
import { parseEngineConfig } from '../../config.js';
import { openArticle } from '../../corpus/article.js';
import { loadFactBook } from '../../facts/book.js';
import type { Fact } from '../../facts/schema.js';
import { cliArgs, loadSettings, requireValue } from './args.js';
import { CliExit, EXIT_FAILED, runCli } from './run.js';

const USAGE = 'usage: npm run facts [-- --entity 名称] [--measure 营收] [--json]   (an unknown --entity lists the entities that have facts)';

function row(f: Fact): string[] {
  if (f.type === 'figure') {
    return [f.id, f.entity + (f.object ? `→${f.object}` : ''), f.measure, `${f.qualifier ?? ''}${f.text}`, f.period?.label ?? '—', f.change?.text ?? '', f.source.quote];
  }
  return [f.id, f.entity + (f.object ? `→${f.object}` : ''), `事件:${f.event}`, f.date.iso, f.date.resolution ?? '', '', f.source.quote];
}

runCli(() => {
  const { values } = cliArgs({ entity: { type: 'string' }, measure: { type: 'string' }, json: { type: 'boolean' } }, USAGE);
  requireValue('entity', values.entity, USAGE, 'facts');
  requireValue('measure', values.measure, USAGE, 'facts');
  loadSettings();
  const config = parseEngineConfig();
  const article = openArticle(config.CORPUS_DIR);
  const book = loadFactBook(article);
  const asked = (values.entity as string | undefined)?.trim();
  // Other names (English, pinyin, short forms) go through the article's own entity lookup to its name.
  const entity = asked ? (article.entities.find(asked)[0]?.canonical ?? article.lexicon.phonetic.latinName(asked)[0]?.word ?? asked) : undefined;
  const measure = (values.measure as string | undefined)?.trim();
  const facts = book.facts.filter(
    (f) => (!entity || f.entity.includes(entity) || f.object?.includes(entity)) && (!measure || (f.type === 'figure' ? f.measure.includes(measure) : f.event.includes(measure))),
  );
  if (!facts.length && (entity || measure)) {
    const known = [...new Set(book.facts.flatMap((f) => [f.entity, ...(f.object ? [f.object] : [])]))];
    const measures = [...new Set(book.facts.map((f) => (f.type === 'figure' ? f.measure : f.event)))];
    throw new CliExit(
      EXIT_FAILED,
      `facts: no fact matches${entity ? ` entity "${asked}"${entity !== asked ? ` (${entity})` : ''}` : ''}${measure ? ` measure "${measure}"` : ''}.\n` +
        `  entities: ${known.join('、')}\n  measures and events: ${measures.join('、')}`,
    );
  }
  if (values.json) {
    for (const f of facts) process.stdout.write(JSON.stringify(f) + '\n');
  } else {
    const header = ['id', 'entity', 'measure', 'value', 'period', 'change', 'quote'];
    const rows = [header, ...facts.map(row)];
    const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
    const cols = header.map((_, i) => Math.min(i === 6 ? 60 : 40, Math.max(...rows.map((r) => width(r[i]!)))));
    const clip = (s: string, w: number) => {
      let out = '';
      for (const c of s) {
        if (width(out + c) > w) return out.slice(0, -1) + '…';
        out += c;
      }
      return out + ' '.repeat(w - width(out));
    };
    for (const r of rows) process.stdout.write(r.map((c, i) => clip(c, cols[i]!)).join('  ') + '\n');
    const byMeasure = new Map<string, number>();
    for (const f of facts) {
      const k = f.type === 'figure' ? f.measure : `事件:${f.event}`;
      byMeasure.set(k, (byMeasure.get(k) ?? 0) + 1);
    }
    process.stdout.write(`\n${facts.length} facts (${facts.filter((f) => f.type === 'figure').length} figures, ${facts.filter((f) => f.type === 'event').length} events); by measure: ${[...byMeasure].map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  }
});
