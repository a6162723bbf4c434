// `npm run facts` prints the fact book as a table; `-- --json` one fact a line;
// `-- --entity 网商银行` / `-- --measure 营收` filter.
import { parseEngineConfig } from '../../config.js';
import { openArticle } from '../../corpus/article.js';
import { quietEpipe } from './io.js';
import { describeError } from '../../errors.js';
import { loadFactBook } from '../../facts/book.js';
import type { Fact } from '../../facts/schema.js';

quietEpipe();
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function row(f: Fact): string[] {
  if (f.type === 'figure') {
    return [f.id, f.entity + (f.object ? `→${f.object}` : ''), f.measure, `${f.qualifier ?? ''}${f.text}`, f.period?.label ?? '—', f.change?.text ?? '', f.source.quote];
  }
  return [f.id, f.entity + (f.object ? `→${f.object}` : ''), `事件:${f.event}`, f.date.iso, f.date.resolution ?? '', '', f.source.quote];
}

try {
  const config = parseEngineConfig();
  const book = loadFactBook(openArticle(config.CORPUS_DIR));
  const entity = opt('--entity');
  const measure = opt('--measure');
  const facts = book.facts.filter(
    (f) => (!entity || f.entity.includes(entity) || f.object?.includes(entity)) && (!measure || (f.type === 'figure' ? f.measure.includes(measure) : f.event.includes(measure))),
  );
  if (args.includes('--json')) {
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
} catch (err) {
  process.stderr.write(describeError(err) + '\n');
  process.exit(1);
}
