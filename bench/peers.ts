// The libraries a user might pick instead, configured the way their docs advise for Chinese text.
// MiniSearch: a custom tokenizer built on Intl.Segmenter (word granularity), since its default splits on
// spaces and punctuation only. FlexSearch 0.8: the built-in CJK charset encoder.
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';

export interface Peer {
  name: string;
  search(query: string, k: number): string[];
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const words = (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());

export function miniSearchPeer(docs: { id: string; text: string }[]): Peer {
  const ms = new MiniSearch({ fields: ['text'], idField: 'id', tokenize: words, searchOptions: { combineWith: 'OR' } });
  ms.addAll(docs);
  return { name: 'MiniSearch + Intl.Segmenter', search: (q, k) => ms.search(q).slice(0, k).map((r) => String(r.id)) };
}

export function flexSearchPeer(docs: { id: string; text: string }[]): Peer {
  const index = new FlexSearch.Index({ encoder: FlexSearch.Charset.CJK, tokenize: 'forward' });
  const ids = docs.map((d) => d.id);
  docs.forEach((d, i) => index.add(i, d.text));
  return {
    name: 'FlexSearch (Charset.CJK)',
    search: (q, k) => (index.search(q, { limit: k, suggest: true }) as number[]).map((i) => ids[i]!),
  };
}
