import { SlashCommandBuilder } from 'discord.js';
import { describeEvent, describeFigure } from '../../../facts/lookup.js';
import type { Command } from '../context.js';
import { LABELS, localeLanguage } from '../labels.js';
import { LIMITS, truncate } from '../render.js';
import { escapeUserText, NO_MENTIONS } from '../safety.js';
import { EntityOption } from './options.js';

export const data = new SlashCommandBuilder()
  .setName('figures')
  .setNameLocalizations({ 'zh-CN': '全部数据' })
  .setDescription("All of an entity's figures and dates in the article")
  .setDescriptionLocalizations({ 'zh-CN': '某个主体在文中的全部数据与日期' })
  .addStringOption((o) => o.setName('entity').setNameLocalizations({ 'zh-CN': '主体' }).setDescription('Company, product or person').setDescriptionLocalizations({ 'zh-CN': '公司、产品或人物' }).setRequired(true).setAutocomplete(true).setMaxLength(100));

export const execute: Command['execute'] = async (interaction, ctx) => {
  const entity = EntityOption.parse(interaction.options.getString('entity', true));
  const facts = ctx.engine.catalog().factsOf(entity);
  if (!facts.length) {
    await interaction.editReply({ content: truncate(LABELS[localeLanguage(interaction.locale)].noFigures(escapeUserText(entity), ctx.engine.catalog().entities), LIMITS.content), allowedMentions: NO_MENTIONS });
    return;
  }
  const lines = facts.map((f) => `• ${escapeUserText(f.type === 'figure' ? describeFigure(f) : describeEvent(f))}  〔${f.source.chunkId}〕`);
  await interaction.editReply({
    embeds: [{ title: truncate(`${escapeUserText(entity)}：${facts.length} 项数据`, LIMITS.title), description: truncate(lines.join('\n'), LIMITS.description), color: 0x2e9e5b, footer: { text: '〔§章¶段〕为出处；/passage 查看原文' } }],
    allowedMentions: NO_MENTIONS,
  });
};

export const autocomplete: Command['autocomplete'] = async (interaction, ctx) => {
  const typed = interaction.options.getFocused().trim();
  const choices = ctx.engine.catalog().entities.filter((e) => e.includes(typed)).slice(0, 25);
  await interaction.respond(choices.map((c) => ({ name: c, value: c })));
};
