// "More sources": other passages related to an answer's question, beyond the ones it cited.
import type { Answer } from '../../../answer/types.js';
import type { AnswerRecord } from '../../../store/feedback.js';
import type { ButtonComponent } from '../context.js';
import { LABELS, localeLanguage, type Language } from '../labels.js';
import { passagesEmbed } from '../render.js';
import { NO_MENTIONS } from '../safety.js';
import { ANSWER_KEY, replyStale } from './stale.js';

export interface MoreArgs {
  answerKey: string;
}

export const kind = 'more';
const ID = new RegExp(`^more:(${ANSWER_KEY})$`);
/** Passages searched for, and shown once the cited ones are left out: an embed stays short enough to read. */
const SEARCHED = 8;
const SHOWN = 4;

export const customId = (answerKey: string): string => `${kind}:${answerKey}`;

export const parse = (id: string): MoreArgs | null => {
  const m = ID.exec(id);
  return m ? { answerKey: m[1]! } : null;
};

/** The clicker's English locale wins; otherwise the answer's own frame (an answer read back from the
 * database after a restart does not keep its language, so it is Chinese, the article's language). */
const languageFor = (locale: string, answer: Answer | AnswerRecord): Language =>
  localeLanguage(locale) === 'en' || ('language' in answer && answer.language === 'en') ? 'en' : 'zh';

export const execute: ButtonComponent<MoreArgs>['execute'] = async (interaction, { answerKey }, ctx) => {
  const answer = ctx.answers.get(answerKey) ?? ctx.feedback.getAnswer(answerKey);
  if (!answer) return replyStale(interaction);
  const cited = new Set<string>('citations' in answer ? answer.citations.map((c) => c.id) : answer.citationIds);
  const more = (await ctx.engine.search(answer.question, SEARCHED)).filter((h) => !cited.has(h.id)).slice(0, SHOWN);
  const language = languageFor(interaction.locale, answer);
  const labels = LABELS[language];
  await interaction.editReply({ embeds: [passagesEmbed(labels.moreSources, more, labels.moreSourcesNote, language)], allowedMentions: NO_MENTIONS });
};
