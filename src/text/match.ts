// Dictionary matching: every occurrence of any listed word, longest words first, no two matches
// overlapping ("星河消金" wins over "星河"), returned in order of appearance.
export interface Match<T> {
  word: string;
  value: T;
  at: number;
}

export function longestMatches<T>(text: string, dictionary: { word: string; value: T }[]): Match<T>[] {
  const entries = [...dictionary].sort((a, b) => b.word.length - a.word.length);
  const taken: boolean[] = [];
  const out: Match<T>[] = [];
  for (const { word, value } of entries) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      if (taken.slice(at, at + word.length).some(Boolean)) continue;
      for (let i = at; i < at + word.length; i++) taken[i] = true;
      out.push({ word, value, at });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
