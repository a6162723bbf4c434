import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { localeLanguage } from '../labels.js';
import { passagesEmbed } from '../render.js';
import { escapeUserText, NO_MENTIONS } from '../safety.js';
import { QueryOption } from './options.js';

export const data = new SlashCommandBuilder()
  .setName('search')
  .setNameLocalizations({ 'zh-CN': '搜索' })
  .setDescription('Top excerpts of the article for some words')
  .setDescriptionLocalizations({ 'zh-CN': '按关键词查找原文片段' })
  .addStringOption((o) => o.setName('query').setNameLocalizations({ 'zh-CN': '关键词' }).setDescription('Words to look for').setDescriptionLocalizations({ 'zh-CN': '要找的词' }).setRequired(true).setMaxLength(500));

export const execute: Command['execute'] = async (interaction, ctx) => {
  const query = QueryOption.parse(interaction.options.getString('query', true));
  const hits = await ctx.engine.search(query, 5);
  await interaction.editReply({ embeds: [passagesEmbed(`${localeLanguage(interaction.locale) === 'en' ? 'Search: ' : '搜索：'}${escapeUserText(query)}`, hits, ctx.engine.denseStatus, localeLanguage(interaction.locale))], allowedMentions: NO_MENTIONS });
};
