import { SlashCommandBuilder } from 'discord.js';
import type { PassageView } from '../../../answer/engine.js';
import type { Command } from '../context.js';
import { LABELS, localeLanguage, type Language } from '../labels.js';
import { LIMITS, truncate } from '../render.js';
import { escapeUserText, NO_MENTIONS } from '../safety.js';
import { PassageIdOption } from './options.js';

export const data = new SlashCommandBuilder()
  .setName('passage')
  .setNameLocalizations({ 'zh-CN': '段落' })
  .setDescription('Show a whole paragraph of the article by its id, e.g. §03¶5')
  .setDescriptionLocalizations({ 'zh-CN': '按编号查看原文段落，如 §03¶5' })
  .addStringOption((o) => o.setName('id').setNameLocalizations({ 'zh-CN': '编号' }).setDescription('Passage id, e.g. §03¶5').setDescriptionLocalizations({ 'zh-CN': '段落编号，如 §03¶5' }).setRequired(true).setMaxLength(20));

/** An unknown id is shown back at most this long (real ids are under 12 characters). */
const SHOWN_ID_CHARS = 40;

export const execute: Command['execute'] = async (interaction, ctx) => {
  const parsed = PassageIdOption.safeParse(interaction.options.getString('id', true));
  const view = parsed.success ? ctx.engine.passage(parsed.data) : null;
  if (!view) {
    // The id is echoed back cut short: Discord's 20-character option limit is not something to rely on.
    const shown = truncate(escapeUserText(interaction.options.getString('id', true)), SHOWN_ID_CHARS);
    await interaction.editReply({ content: LABELS[localeLanguage(interaction.locale)].unknownPassage(shown), allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.editReply({ embeds: [passageViewEmbed(view, localeLanguage(interaction.locale))], allowedMentions: NO_MENTIONS });
};

export function passageViewEmbed(view: PassageView, language: Language = 'zh') {
  return {
    title: `${view.id} · ${truncate(escapeUserText(view.sectionTitle), 200)}`,
    description: truncate(escapeUserText(view.text), LIMITS.description),
    color: 0x3b82f6,
    footer: { text: LABELS[language].neighbours(view.previous ?? '—', view.next ?? '—') },
  };
}
