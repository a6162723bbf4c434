// Answers as Discord embeds, inside Discord's limits: 256 title, 4,096 description, 25 fields of 1,024,
// 6,000 in all. Text is cut at sentence ends, and a cut quote always ends with an ellipsis.
import type { APIEmbed } from 'discord.js';
import { FRAME } from '../../answer/frame.js';
import type { Answer } from '../../answer/types.js';
import type { ArticleMeta } from '../../corpus/load.js';
import { LABELS, type Language } from './labels.js';
import { escapeUserText } from './safety.js';

export const LIMITS = { content: 2000, title: 256, description: 4096, fieldName: 256, fieldValue: 1024, fields: 25, embed: 6000, footer: 2048 } as const;
const COLORS = { fact: 0x2e9e5b, passage: 0x3b82f6, not_found: 0x8a8f98 } as const;

/** Shortens text to max characters, preferring a sentence end, always marking the cut with "…". */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const end = Math.max(...['。', '！', '？', '!', '?', '；', '\n'].map((p) => head.lastIndexOf(p)));
  return (end > max * 0.5 ? head.slice(0, end + 1) : head) + '…';
}

const embedSize = (e: APIEmbed) =>
  [e.title, e.description, e.footer?.text, e.author?.name, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].reduce((n, s) => n + [...(s ?? '')].length, 0);

/** Drops fields from the end, then shortens the description, until the embed fits 6,000. */
export function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e, fields: [...(e.fields ?? [])].slice(0, LIMITS.fields) };
  while (embedSize(out) > LIMITS.embed && out.fields!.length > 0) out.fields!.pop();
  if (embedSize(out) > LIMITS.embed && out.description) {
    out.description = truncate(out.description, Math.max(1, [...out.description].length - (embedSize(out) - LIMITS.embed) - 1));
  }
  return out;
}

/** Discord's other limits on a message: embeds per message, autocomplete choices and their length. */
export const MESSAGE_LIMITS = { embeds: 10, choices: 25, choiceText: 100 } as const;

/**
 * The last guard before anything is sent: whatever a command built from whatever input, the payload
 * fits Discord's limits (content, every embed part, the embed total). Commands aim to fit already; this
 * makes "within limits" true for every reply, including ones no test thought of.
 */
export function fitReply<T>(payload: T): T {
  if (typeof payload === 'string') return truncate(payload, LIMITS.content) as T;
  if (!payload || typeof payload !== 'object') return payload;
  const p = { ...(payload as Record<string, unknown>) };
  if (typeof p.content === 'string') p.content = truncate(p.content, LIMITS.content);
  if (Array.isArray(p.embeds)) {
    p.embeds = p.embeds.slice(0, MESSAGE_LIMITS.embeds).map((raw) => {
      const e = { ...(typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? (raw as { toJSON(): APIEmbed }).toJSON() : (raw as APIEmbed)) };
      if (e.title) e.title = truncate(e.title, LIMITS.title);
      if (e.description) e.description = truncate(e.description, LIMITS.description);
      if (e.footer?.text) e.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
      if (e.author?.name) e.author = { ...e.author, name: truncate(e.author.name, LIMITS.fieldName) };
      e.fields = (e.fields ?? []).map((f) => ({ ...f, name: truncate(f.name, LIMITS.fieldName) || '\u200b', value: truncate(f.value, LIMITS.fieldValue) || '\u200b' }));
      return fitEmbed(e);
    });
  }
  return p as T;
}

/** Autocomplete choices within Discord's limits (25 choices, 100 characters each). */
export const fitChoices = <C extends { name: string; value: string | number }>(choices: readonly C[]): C[] =>
  choices.slice(0, MESSAGE_LIMITS.choices).map((c) => ({ ...c, name: [...c.name].slice(0, MESSAGE_LIMITS.choiceText).join(''), value: typeof c.value === 'string' ? [...c.value].slice(0, MESSAGE_LIMITS.choiceText).join('') : c.value }));

const quoteBlock = (quote: string) => truncate(quote, LIMITS.fieldValue - 2).split('\n').map((l) => `> ${l}`).join('\n');

/** What a not-found answer says: that the bot does not guess, then whatever the engine added (which
 * names are unknown, how a typo was read, what a follow-up assumed) without repeating "not answered". */
function notFoundText(answer: Answer): string {
  if (answer.error) return escapeUserText(answer.answer);
  const rest = answer.answer.startsWith(FRAME[answer.language].notAnswered) ? answer.answer.slice(FRAME[answer.language].notAnswered.length).trim() : answer.answer;
  return `${LABELS[answer.language].notAnswered}${rest ? `\n${escapeUserText(rest)}` : ''}`;
}

/** The line that says what a follow-up took from the question before; the engine's own note says it
 * too, at the end of the answer, but a reader looks at the top first. */
const followingOnLine = (answer: Answer) => (answer.assumed?.length ? `*${escapeUserText(LABELS[answer.language].followingOn(answer.assumed))}*\n` : '');

/** An answer as one embed, framed in the answer's language; quotes stay as the article writes them. */
export function answerEmbed(answer: Answer, meta: ArticleMeta): APIEmbed {
  const labels = LABELS[answer.language];
  const fields = answer.citations.map((c, i) => ({ name: `[${i + 1}] ${c.id}`, value: quoteBlock(escapeUserText(c.quote)) }));
  const body = answer.kind === 'not_found' ? notFoundText(answer) : escapeUserText(answer.answer);
  if (answer.kind === 'not_found' && answer.nearest) fields.push({ name: labels.nearest(answer.nearest.id), value: quoteBlock(escapeUserText(answer.nearest.quote)) });
  return fitEmbed({
    title: truncate(escapeUserText(answer.question.replace(/\s+/g, ' ').trim()) || labels.emptyTitle, LIMITS.title),
    description: truncate(followingOnLine(answer) + body, LIMITS.description),
    color: COLORS[answer.kind],
    fields,
    footer: { text: truncate(`${labels.kind[answer.kind]} · ${meta.source}${meta.syndicatedBy ? ` / ${String(meta.syndicatedBy)}` : ''}, ${meta.published}`, LIMITS.footer) },
  });
}

export function passagesEmbed(title: string, passages: { id: string; text: string }[], footer: string, language: Language = 'zh'): APIEmbed {
  return fitEmbed({
    title: truncate(title, LIMITS.title),
    color: COLORS.passage,
    description: passages.length ? undefined : LABELS[language].noPassage,
    fields: passages.map((p) => ({ name: p.id, value: quoteBlock(escapeUserText(p.text)) })),
    footer: { text: footer },
  });
}
