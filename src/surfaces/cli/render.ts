// Plain-text rendering of an answer for the terminal.
import type { Answer } from '../../answer/types.js';
import type { ArticleMeta } from '../../corpus/load.js';

export function renderAnswerText(a: Answer, meta: ArticleMeta): string {
  const lines = [a.answer];
  if (a.citations.length) {
    lines.push('', '引用 / Sources:');
    a.citations.forEach((c, i) => lines.push(`  [${i + 1}] ${c.id}  「${c.quote}」`));
  }
  lines.push('', `(${a.kind}, confidence ${a.confidence.toFixed(2)}, ${a.ms} ms — ${meta.source}, ${meta.published})`);
  return lines.join('\n');
}
