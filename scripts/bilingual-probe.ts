// Probe the derived bridges on an article: build time, JSON size, load time, memory, and sample lookups.
// Usage: npx tsx scripts/bilingual-probe.ts [article.txt] [english question | 中文词 ...]
//        SAMPLE_RELATED=40 npx tsx scripts/bilingual-probe.ts   (also print 40 entries of the related map)
// Memory figures here include tsx and jieba; run with `node --expose-gc --import tsx` for the after-GC line.
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { buildGlossary, glossaryFromJSON } from '../src/text/bilingual.js';
import { buildPhoneticIndex } from '../src/text/pinyin.js';

const [file = 'corpus/article.txt', ...given] = process.argv.slice(2);
/** Without probes: the business questions and everyday words the glossary is meant to bridge. */
const probes = given.length > 0 ? given : [
  'non-performing loan ratio', 'NPL ratio', 'bad loan ratio', 'chief executive', 'chief executive officer', 'CEO',
  'chief financial officer', 'president', 'vice president', 'vice-chairman', 'acquire', 'acquisition', 'bought',
  'stake', 'shareholding', 'step down', 'shipments', 'monthly active users', 'go public', 'listed', 'founded',
  'headquarters', 'weather', 'python',
  '干', '走', '跳槽', '买', '当', '赚', '离开', '工作',
];
const text = readFileSync(file, 'utf8');
const words = Jieba.withDict(dict).cutForSearch(text, true);
/** CPU milliseconds since `c0`: wall time is meaningless on a shared, loaded machine. */
const cpu = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) / 1000).toFixed(0);
};
const mb = () => (process.memoryUsage().rss / 1e6).toFixed(0);
console.log(`rss before build ${mb()} MB, ${text.length} chars, ${new Set(words).size} distinct words`);

let c = process.cpuUsage();
let t = performance.now();
const phon = buildPhoneticIndex(words.filter((w) => w.length >= 2));
console.log(`phonetic index ${(performance.now() - t).toFixed(1)} ms wall, ${cpu(c)} ms cpu, rss ${mb()} MB`);

c = process.cpuUsage();
t = performance.now();
const g = buildGlossary(text, words);
console.log(`glossary build ${(performance.now() - t).toFixed(0)} ms wall, ${cpu(c)} ms cpu, rss ${mb()} MB, ${g.terms.length} terms`);
const json = JSON.stringify(g.toJSON());
console.log(`json ${(json.length / 1024).toFixed(0)} KiB, ${g.toJSON().related.split('\n').length} related heads`);
c = process.cpuUsage();
t = performance.now();
const g2 = glossaryFromJSON(JSON.parse(json));
console.log(`load from json ${(performance.now() - t).toFixed(1)} ms wall, ${cpu(c)} ms cpu`);
globalThis.gc?.();
console.log(`rss after gc ${mb()} MB, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

for (const p of probes) {
  if (/\p{Script=Han}/u.test(p)) console.log(p, 'related:', g2.related(p), 'homophones:', phon.homophones(p));
  else console.log(p, JSON.stringify(g2.translate(p)), 'names:', JSON.stringify(phon.latinName(p)));
}

// Sample of the related map, for eyeballing its precision.
if (process.env.SAMPLE_RELATED) {
  const heads = g.toJSON().related.split('\n').map((line) => line.split('\t')[0]!);
  for (let i = 0; i < heads.length; i += Math.floor(heads.length / Number(process.env.SAMPLE_RELATED))) {
    console.log(heads[i], g.related(heads[i]!).join(' '));
  }
}
