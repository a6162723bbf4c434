// 👍 / 👎 under an answer: stored (voter hashed) by the feedback store; a second vote replaces the first.
import type { ButtonComponent } from '../context.js';
import { LABELS, localeLanguage } from '../labels.js';
import { NO_MENTIONS } from '../safety.js';
import { ANSWER_KEY, replyStale } from './stale.js';

export type Direction = 'up' | 'down';
export interface VoteArgs {
  direction: Direction;
  answerKey: string;
}

export const kind = 'vote';
const ID = new RegExp(`^vote:(up|down):(${ANSWER_KEY})$`);

export const customId = (direction: Direction, answerKey: string): string => `${kind}:${direction}:${answerKey}`;

export const parse = (id: string): VoteArgs | null => {
  const m = ID.exec(id);
  return m ? { direction: m[1] as Direction, answerKey: m[2]! } : null;
};

export const execute: ButtonComponent<VoteArgs>['execute'] = async (interaction, { direction, answerKey }, ctx) => {
  const result = ctx.feedback.vote(answerKey, interaction.user.id, direction === 'up' ? 1 : -1);
  if (!result.ok && result.reason === 'unknown_answer') return replyStale(interaction);
  const labels = LABELS[localeLanguage(interaction.locale)];
  const content = result.ok ? labels.voteThanks(result.replaced, direction === 'up') : labels.voteNotStored;
  await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
};
