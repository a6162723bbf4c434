// "Full paragraph": the whole paragraph of an answer's first citation, with its neighbours' ids.
import type { ButtonComponent } from '../context.js';
import { localeLanguage } from '../labels.js';
import { passageViewEmbed } from '../commands/passage.js';
import { PassageIdOption } from '../commands/options.js';
import { NO_MENTIONS } from '../safety.js';
import { replyStale } from './stale.js';

export interface ParagraphArgs {
  passageId: string;
}

// "para", not "paragraph": buttons already posted on Discord carry this prefix.
export const kind = 'para';

export const customId = (passageId: string): string => `${kind}:${passageId}`;

export const parse = (id: string): ParagraphArgs | null => {
  if (!id.startsWith(`${kind}:`)) return null;
  const passage = PassageIdOption.safeParse(id.slice(kind.length + 1));
  return passage.success ? { passageId: passage.data } : null;
};

export const execute: ButtonComponent<ParagraphArgs>['execute'] = async (interaction, { passageId }, ctx) => {
  const view = ctx.engine.passage(passageId);
  if (!view) return replyStale(interaction);
  await interaction.editReply({ embeds: [passageViewEmbed(view, localeLanguage(interaction.locale))], allowedMentions: NO_MENTIONS });
};
