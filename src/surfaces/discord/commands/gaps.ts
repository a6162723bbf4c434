import { PermissionFlagsBits, SlashCommandBuilder, InteractionContextType } from 'discord.js';
import type { Command } from '../context.js';
import { LABELS, localeLanguage } from '../labels.js';
import { LIMITS, truncate } from '../render.js';
import { escapeUserText, NO_MENTIONS } from '../safety.js';

export const data = new SlashCommandBuilder()
  .setName('gaps')
  .setNameLocalizations({ 'zh-CN': '未答问题' })
  .setDescription('Top questions the article could not answer well (moderators)')
  .setDescriptionLocalizations({ 'zh-CN': '文章没答好的问题排行（管理员）' })
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

export const ephemeral = true;

export const execute: Command['execute'] = async (interaction, ctx) => {
  // default_member_permissions hides the command; a server can override that, so check again here.
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    await interaction.editReply({ content: LABELS[localeLanguage(interaction.locale)].needsManageGuild, allowedMentions: NO_MENTIONS });
    return;
  }
  const gaps = ctx.feedback.gaps(10);
  const lines = gaps.map(
    (g, i) => `${i + 1}. ×${g.count} · ${g.lastSeen.slice(0, 16).replace('T', ' ')} · ${Object.entries(g.reasons).map(([r, n]) => `${r} ${n}`).join(', ')}\n   「${escapeUserText(g.examples[0] ?? '')}」 〔${escapeUserText(g.keyTerms)}〕`,
  );
  await interaction.editReply({
    embeds: [{ title: '未答好的问题 Top gaps', description: truncate(lines.join('\n') || '还没有记录。(Nothing recorded yet.)', LIMITS.description), color: 0x8a8f98, footer: { text: ctx.feedback.status().slice(0, 200) } }],
    allowedMentions: NO_MENTIONS,
  });
};
