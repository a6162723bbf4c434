// Reads an article as received — a forum repost (boilerplate lines, NBSP indentation, numbered headings),
// plain text or markdown — into a title, sections and paragraphs, keeping every offset into the raw text.
// Nothing is rewritten: paragraphs and sentences are raw slices with markup left outside their edges.
import type { Paragraph, Section, Span } from '../types.js';
import { splitSentences, trimMarkup } from './sentences.js';

export interface ArticleStructure {
  title?: Span;
  sections: Section[];
  paragraphs: Paragraph[];
  /** Lines recognised as forum boilerplate and left out of the chunks. */
  boilerplate: Span[];
}

export interface StructureOptions {
  /** The article's title as known from its metadata; a first line that carries it is the title. */
  title?: string;
}

/** One non-blank line of the raw text, trimmed of spaces (offsets still point into the raw text). */
interface Line extends Span {
  text: string;
  indented: boolean;
  /** A blank line (or the start of the text) comes right before this one. */
  blankBefore: boolean;
}

type LineKind = 'boilerplate' | 'skip' | 'underline' | 'heading' | 'item' | 'row' | 'code' | 'quote' | 'text';

interface Classified extends Line {
  kind: LineKind;
  /** What is left after a line marker (bullet, `>`, table pipes). */
  body: Span;
  /**
   * Headings only: the section title, 1 for a top-level (`#`, `===`) heading, and `loose` when it is told
   * by numbering or bold rather than `#` (such lines in a run are a list, not headings).
   */
  heading?: { title: string; level: number; twoDigit?: boolean; loose?: boolean };
}

interface Block extends Span {
  kind: 'heading' | 'paragraph';
  lines: Classified[];
  heading?: { title: string; level: number; explicit: boolean; loose?: boolean };
}

const EDGE_SPACE = /^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g;
// Indentation in forum posts is NBSP mixed with ordinary spaces; ideographic spaces and tabs are alike.
const INDENT = /^[ \t\u00a0\u3000]/;
const FORUM_HEADER = /^\S+\s+发表于\s+\d{4}-\d{1,2}-\d{1,2}/;
const FORUM_FOOTER = /^(页:\s*\[\d+\]|查看完整版本[:：])/;

// A line ends a sentence (so it is not a wrapped line, a heading or a title).
const SENTENCE_END = /[。！？!?；;…][”’」』）)"'*_`]*$|[A-Za-z0-9][.][”’"')]*$/;
// A line ends mid-clause: it certainly continues on the next line.
const CLAUSE_END = /[，、,：:（(“‘「『—-]$/;
// Heading lines may end in "?" ("为什么是韩明远?") but not in a full stop, comma or colon.
const HEADING_DISQUALIFIER = /[。，,；;：:]$/;

// "01为什么是韩明远?": two digits glued to a short title; numbers must run 01, 02, … to count.
const TWO_DIGIT_HEADING = /^(\d{2})(\S.{0,30})$/;
// "一、概述", "（一）背景", "第二章 公司概览", "2.1 发展史": numbering schemes of Chinese reports.
const NUMBERED_HEADING = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十百零〇\d]{1,4}[章节部分篇卷回]|\d{1,2}(?:\.\d{1,2}){1,3}(?![\d.])\s*(?=[^\s\d]))/;
const NUMBERED_HEADING_MAX_CHARS = 40;
// "## 2.1 公司发展史" (closing hashes allowed).
const ATX_HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?$/;
// "**公司概况**" alone on its line: a bold line used as a heading.
const BOLD_LINE = /^(\*\*|__)([^*_]+)\1$/;
// Setext underlines ("===" under a title, "---" under a subheading) and thematic breaks ("---", "***").
const SETEXT_UNDERLINE = /^(=+|-+)$/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}$/;
// A fence line: three backticks or tildes and at most a language name.
const CODE_FENCE = /^(?:```|~~~)[\w+-]*$/;
// A line that is only an image or an HTML comment carries no article text.
const NON_TEXT_LINE = /^(?:!\[[^\]]*\]\([^)]*\)|<!--.*-->)$/;
// "|:---|---:|" under a table header row.
const TABLE_SEPARATOR = /^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?\|?$/;
const TABLE_ROW = /^\|(.*)\|$/;
// "- item", "* item", "+ item", "1. item", "1) item".
const BULLET = /^(?:[-*+]|\d{1,3}[.)])[ \t]+/;
// "> quoted", "> > nested".
const QUOTE_MARKER = /^(?:>[ \t]?)+/;

// A plain short line with no sentence end, followed by a longer paragraph, reads as a heading.
const SHORT_HEADING_MAX_CHARS = 30;
// A first line this short with no sentence end, followed by more text, reads as the title.
const TITLE_MAX_CHARS = 64;
// A title passed in options still matches a first line that carries a short prefix (a forum's added words).
const TITLE_MATCH_SLACK = 20;
// Hard-wrapped lines are at least this wide (display columns, CJK = 2) and about as wide as the next one.
const WRAP_MIN_WIDTH = 40;
const WRAP_SLACK = 16;
const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

function splitLines(raw: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  let blankBefore = true;
  for (const piece of raw.split('\n')) {
    const lineEnd = pos + piece.length;
    const lead = piece.length - piece.replace(/^[\s\u00a0\u3000\ufeff]+/, '').length;
    const trail = piece.length - piece.replace(/[\s\u00a0\u3000\ufeff]+$/, '').length;
    if (lead < piece.length) {
      const indented = INDENT.test(piece.replace(/^\ufeff/, ''));
      out.push({ start: pos + lead, end: lineEnd - trail, text: piece.replace(EDGE_SPACE, ''), indented, blankBefore });
      blankBefore = false;
    } else {
      blankBefore = true;
    }
    pos = lineEnd + 1;
  }
  return out;
}

const displayWidth = (text: string): number => {
  let width = 0;
  for (const ch of text) width += WIDE_CHAR.test(ch) ? 2 : 1;
  return width;
};

const charCount = (text: string): number => [...text].length;

/** The span of `line` after `marker` characters and any spaces. */
function bodyAfter(line: Line, marker: number): Span {
  const rest = line.text.slice(marker);
  return { start: line.start + marker + (rest.length - rest.trimStart().length), end: line.end };
}

function headingOf(line: Line, twoDigitCount: number): Classified['heading'] | undefined {
  const atx = ATX_HEADING.exec(line.text);
  if (atx) return { title: atx[2]!.trim(), level: atx[1]!.length };
  if (HEADING_DISQUALIFIER.test(line.text)) return undefined;
  const twoDigit = TWO_DIGIT_HEADING.exec(line.text);
  if (twoDigit && Number(twoDigit[1]) === twoDigitCount + 1) return { title: twoDigit[2]!, level: 2, twoDigit: true, loose: true };
  const bold = BOLD_LINE.exec(line.text);
  const short = charCount(line.text) <= NUMBERED_HEADING_MAX_CHARS;
  if (bold && short && !SENTENCE_END.test(bold[2]!)) return { title: bold[2]!.trim(), level: 2, loose: true };
  if (NUMBERED_HEADING.test(line.text) && short) return { title: line.text, level: 2, loose: true };
  return undefined;
}

function markerKind(line: Line): { kind: LineKind; body: Span } | undefined {
  const { text } = line;
  if (TABLE_SEPARATOR.test(text) && text.includes('|')) return { kind: 'skip', body: line };
  if (SETEXT_UNDERLINE.test(text)) return { kind: 'underline', body: line };
  if (THEMATIC_BREAK.test(text) || NON_TEXT_LINE.test(text)) return { kind: 'skip', body: line };
  const row = TABLE_ROW.exec(text);
  if (row && text.length > 1) return { kind: 'row', body: { start: line.start + 1, end: line.end - 1 } };
  const bullet = BULLET.exec(text);
  if (bullet) return { kind: 'item', body: bodyAfter(line, bullet[0].length) };
  const quote = QUOTE_MARKER.exec(text);
  if (quote) return { kind: 'quote', body: bodyAfter(line, quote[0].length) };
  return undefined;
}

/** Gives every line its role: boilerplate, markup to skip, heading, list item, table row, quote or text. */
function classifyLines(lines: Line[]): Classified[] {
  const out: Classified[] = [];
  let inCode = false;
  let twoDigitCount = 0;
  for (const line of lines) {
    if (FORUM_HEADER.test(line.text) || FORUM_FOOTER.test(line.text)) {
      out.push({ ...line, kind: 'boilerplate', body: line });
    } else if (CODE_FENCE.test(line.text) || inCode) {
      const fence = CODE_FENCE.test(line.text);
      if (fence) inCode = !inCode;
      out.push({ ...line, kind: fence ? 'skip' : 'code', body: line });
    } else {
      const heading = headingOf(line, twoDigitCount);
      if (heading?.twoDigit) twoDigitCount += 1;
      const marked = heading ? undefined : markerKind(line);
      out.push({ ...line, kind: heading ? 'heading' : (marked?.kind ?? 'text'), body: marked?.body ?? line, heading });
    }
  }
  return out;
}

/** A line that certainly goes on in the next one: no sentence end, and either mid-clause or as wide as it. */
function wrapsInto(previous: Classified, next: Classified): boolean {
  const text = previous.text;
  if (SENTENCE_END.test(text)) return false;
  if (CLAUSE_END.test(text)) return true;
  const width = displayWidth(text);
  return width >= WRAP_MIN_WIDTH && width + WRAP_SLACK >= displayWidth(next.text);
}

function continues(block: Block | undefined, line: Classified): boolean {
  if (!block || block.kind !== 'paragraph' || line.blankBefore) return false;
  const first = block.lines[0]!;
  const last = block.lines[block.lines.length - 1]!;
  if (first.kind === 'item') return line.kind === 'text' && (line.indented || wrapsInto(last, line));
  if (first.kind !== line.kind || (line.kind !== 'text' && line.kind !== 'quote')) return false;
  return !line.indented && wrapsInto(last, line);
}

/** Turns "Title" + "=====" (or "---") into a heading when the underline sits right under one text line. */
function setextHeading(block: Block | undefined, line: Classified): boolean {
  if (!block || block.kind !== 'paragraph' || block.lines.length !== 1 || line.blankBefore) return false;
  if (block.lines[0]!.kind !== 'text') return false;
  block.kind = 'heading';
  block.heading = { title: block.lines[0]!.text, level: line.text.startsWith('=') ? 1 : 2, explicit: true };
  return true;
}

function newBlock(line: Classified): Block {
  if (line.kind === 'heading') {
    return { kind: 'heading', start: line.start, end: line.end, lines: [line], heading: { ...line.heading!, explicit: true } };
  }
  return { kind: 'paragraph', start: line.body.start, end: line.body.end, lines: [line] };
}

/** Groups lines into headings and paragraphs, joining the lines of a hard-wrapped paragraph. */
function groupBlocks(lines: Classified[]): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  for (const line of lines) {
    if (line.kind === 'boilerplate' || line.kind === 'skip' || line.kind === 'underline') {
      if (line.kind === 'underline') setextHeading(open, line);
      open = undefined;
      continue;
    }
    if (line.kind !== 'heading' && line.kind !== 'row' && line.kind !== 'code' && continues(open, line)) {
      open!.lines.push(line);
      open!.end = line.body.end;
      continue;
    }
    open = newBlock(line);
    blocks.push(open);
    if (line.kind === 'heading' || line.kind === 'row' || line.kind === 'code') open = undefined;
  }
  return blocks;
}

const adjacent = (next: Block | undefined): boolean => next !== undefined && !next.lines[0]!.blankBefore;
const isLooseHeading = (block: Block | undefined): boolean => block?.kind === 'heading' && block.heading!.loose === true;

/** Numbered or bold "headings" in a run of such lines (a list), or with nothing after them, are paragraphs. */
function demoteListLines(blocks: Block[]): void {
  const listLines = blocks.filter((block, i) => {
    if (!isLooseHeading(block)) return false;
    const next = blocks[i + 1];
    return !next || (isLooseHeading(next) && adjacent(next)) || (isLooseHeading(blocks[i - 1]) && adjacent(block));
  });
  for (const block of listLines) {
    const line = block.lines[0]!;
    Object.assign(block, { kind: 'paragraph', start: line.start, end: line.end, heading: undefined });
  }
}

const comparable = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\s*_#`>]+/g, '')
    .toLowerCase();

/** The first block is the title when it carries the given title or looks like one, and text follows it. */
function isTitle(first: Block, rest: Block[], given: string | undefined): boolean {
  if (!rest.some((b) => b.kind === 'paragraph')) return false;
  const line = first.lines[0]!;
  const text = first.heading?.title ?? line.text;
  if (first.lines.length !== 1) return false;
  if (given && comparable(given)) {
    const want = comparable(given);
    const have = comparable(text);
    if (have.includes(want) && have.length <= want.length + TITLE_MATCH_SLACK) return true;
  }
  if (first.kind === 'heading') return first.heading!.level === 1 && first.heading!.explicit;
  if (line.kind !== 'text' || line.indented) return false;
  return charCount(text) <= TITLE_MAX_CHARS && !SENTENCE_END.test(text);
}

function isShortLine(block: Block | undefined): boolean {
  if (!block || block.kind !== 'paragraph' || block.lines.length !== 1 || block.lines[0]!.kind !== 'text') return false;
  const text = block.lines[0]!.text;
  return charCount(text) <= SHORT_HEADING_MAX_CHARS && !SENTENCE_END.test(text) && !HEADING_DISQUALIFIER.test(text) && !CLAUSE_END.test(text);
}

/**
 * In an article that marks no headings, a short line with no sentence end that is followed by a longer
 * paragraph is a heading — unless it stands in a run of such lines (a list) or is the article's only text.
 */
function markShortHeadings(blocks: Block[]): void {
  if (blocks.some((b) => b.kind === 'heading')) return;
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    const next = blocks[i + 1];
    if (!isShortLine(block) || !next || next.kind !== 'paragraph') return;
    if ((isShortLine(previous) && adjacent(block)) || (isShortLine(next) && adjacent(next))) return;
    if (next.end - next.start <= block.end - block.start) return;
    block.kind = 'heading';
    block.heading = { title: block.lines[0]!.text, level: 2, explicit: false };
    block.start = block.lines[0]!.start;
  });
}

const sectionNumber = (i: number, width: number): string => String(i).padStart(width, '0');

function buildParagraph(raw: string, block: Block, section: string, index: number): Paragraph | undefined {
  const span = trimMarkup(raw, block.start, block.end);
  const sentences = splitSentences(raw, span.start, span.end);
  if (sentences.length === 0) return undefined;
  return { section, index, ...span, text: raw.slice(span.start, span.end), sentences };
}

/** Numbers the sections in order of appearance ("00" is the lead) and the paragraphs within each. */
function assemble(raw: string, titleText: string, blocks: Block[]): Pick<ArticleStructure, 'sections' | 'paragraphs'> {
  const headings = blocks.filter((b) => b.kind === 'heading').length;
  const width = headings + 1 > 100 ? 3 : 2;
  const sections: Section[] = [{ number: sectionNumber(0, width), title: titleText }];
  const paragraphs: Paragraph[] = [];
  let counter = 0;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const line = block.lines[0]!;
      sections.push({ number: sectionNumber(sections.length, width), title: block.heading!.title, heading: { start: line.start, end: line.end } });
      counter = 0;
      continue;
    }
    const paragraph = buildParagraph(raw, block, sections[sections.length - 1]!.number, counter + 1);
    if (!paragraph) continue;
    counter += 1;
    paragraphs.push(paragraph);
  }
  return { sections, paragraphs };
}

function titleSpan(raw: string, block: Block): Span {
  const line = block.lines[0]!;
  const atx = ATX_HEADING.exec(line.text);
  if (!atx) return { start: line.start, end: line.end };
  return trimMarkup(raw, line.start + atx[1]!.length, line.end);
}

export function parseStructure(raw: string, options: StructureOptions = {}): ArticleStructure {
  const lines = classifyLines(splitLines(raw));
  const boilerplate = lines.filter((l) => l.kind === 'boilerplate').map((l) => ({ start: l.start, end: l.end }));
  let blocks = groupBlocks(lines);
  demoteListLines(blocks);
  let title: Span | undefined;
  let titleText = '';
  const first = blocks[0];
  if (first && isTitle(first, blocks.slice(1), options.title)) {
    title = titleSpan(raw, first);
    titleText = first.heading?.title ?? raw.slice(title.start, title.end);
    blocks = blocks.slice(1);
  }
  markShortHeadings(blocks);
  return { title, ...assemble(raw, titleText, blocks), boilerplate };
}
