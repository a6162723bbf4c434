// The one reply for a button the bot cannot act on: an id it does not know (hand-made, or from a version
// that had other buttons) and an id whose target is gone (an answer from before a restart, a passage that
// no longer exists) look the same to the person who clicked, so they read the same words.
import type { ButtonInteraction } from 'discord.js';
import { LABELS, localeLanguage } from '../labels.js';
import { NO_MENTIONS } from '../safety.js';

export async function replyStale(interaction: ButtonInteraction): Promise<void> {
  await interaction.editReply({ content: LABELS[localeLanguage(interaction.locale)].stale, allowedMentions: NO_MENTIONS });
}

/** Answer keys are Discord snowflakes (the id of the question's message or interaction). */
export const ANSWER_KEY = '\\d{1,21}';
