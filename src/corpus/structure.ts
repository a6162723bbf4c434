// Reads the article as received (forum boilerplate, NBSP indentation, numbered headings) into
// sections and paragraphs, keeping every offset into the raw text.
import type { Paragraph, Section, Span } from '../types.js';
import { splitSentences } from './sentences.js';

export interface ArticleStructure {
  title?: Span;
  sections: Section[];
  paragraphs: Paragraph[];
  /** Lines recognised as forum boilerplate and left out of the chunks. */
  boilerplate: Span[];
}

interface Line extends Span {
  text: string;
}

// Indentation in the source is NBSP mixed with ordinary spaces; ideographic spaces are treated alike.
const EDGE_SPACE = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g;
const FORUM_HEADER = /^\S+\s+发表于\s+\d{4}-\d{1,2}-\d{1,2}/;
const FORUM_FOOTER = /^(页:\s*\[\d+\]|查看完整版本[:：])/;
// "01为什么是韩歆毅?": two digits then a short title with no sentence-ending full stop.
const HEADING = /^(\d{2})(\S.{0,30})$/;

function lines(raw: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  for (const piece of raw.split('\n')) {
    const lineEnd = pos + piece.length;
    const lead = piece.length - piece.replace(/^[\s\u00a0\u3000\ufeff]+/, '').length;
    const trail = piece.length - piece.replace(/[\s\u00a0\u3000\ufeff]+$/, '').length;
    if (lead < piece.length) {
      out.push({ start: pos + lead, end: lineEnd - trail, text: piece.replace(EDGE_SPACE, '') });
    }
    pos = lineEnd + 1;
  }
  return out;
}

export function parseStructure(raw: string): ArticleStructure {
  const all = lines(raw);
  const boilerplate: Span[] = [];
  let title: Span | undefined;
  const sections: Section[] = [{ number: '00', title: '' }];
  const paragraphs: Paragraph[] = [];
  let counter = 0;

  for (const line of all) {
    if (FORUM_HEADER.test(line.text) || FORUM_FOOTER.test(line.text)) {
      boilerplate.push({ start: line.start, end: line.end });
      continue;
    }
    const isIndented = /^[\u00a0\u3000 ]/.test(raw.slice(line.start - 1, line.start));
    if (!title && !isIndented && paragraphs.length === 0) {
      title = { start: line.start, end: line.end };
      sections[0]!.title = line.text;
      continue;
    }
    const heading = HEADING.exec(line.text);
    if (heading && !/[。，,；]$/.test(line.text) && Number(heading[1]) === sections.length) {
      sections.push({ number: heading[1]!, title: heading[2]!, heading: { start: line.start, end: line.end } });
      counter = 0;
      continue;
    }
    counter += 1;
    const section = sections[sections.length - 1]!;
    paragraphs.push({
      section: section.number,
      index: counter,
      start: line.start,
      end: line.end,
      text: line.text,
      sentences: splitSentences(raw, line.start, line.end),
    });
  }
  return { title, sections, paragraphs, boilerplate };
}
