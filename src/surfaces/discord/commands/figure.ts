import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { answerButtons } from '../components/index.js';
import { answerEmbed } from '../render.js';
import { NO_MENTIONS } from '../safety.js';
import { EntityOption, MeasureOption, PeriodOption } from './options.js';

export const data = new SlashCommandBuilder()
  .setName('figure')
  .setNameLocalizations({ 'zh-CN': '数据' })
  .setDescription('Look up one figure: entity, measure and (optionally) period')
  .setDescriptionLocalizations({ 'zh-CN': '查一个数据：主体、指标、时期（可选）' })
  .addStringOption((o) => o.setName('entity').setNameLocalizations({ 'zh-CN': '主体' }).setDescription('Company or product (autocomplete lists the article\'s)').setDescriptionLocalizations({ 'zh-CN': '公司或产品（自动补全列出文中的）' }).setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('measure').setNameLocalizations({ 'zh-CN': '指标' }).setDescription('What is measured, e.g. 营收').setDescriptionLocalizations({ 'zh-CN': '指标，如 营收' }).setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addStringOption((o) => o.setName('period').setNameLocalizations({ 'zh-CN': '时期' }).setDescription('e.g. 2024 年前三季度').setDescriptionLocalizations({ 'zh-CN': '如 2024 年前三季度' }).setRequired(false).setAutocomplete(true).setMaxLength(100));

export const execute: Command['execute'] = async (interaction, ctx) => {
  const entity = EntityOption.parse(interaction.options.getString('entity', true));
  const measure = MeasureOption.parse(interaction.options.getString('measure', true));
  const period = PeriodOption.parse(interaction.options.getString('period') ?? undefined) || undefined;
  const answer = await ctx.engine.figure(entity, measure, period);
  ctx.remember(interaction.id, answer);
  await interaction.editReply({
    embeds: [answerEmbed(answer, ctx.engine.article.meta)],
    components: answerButtons(interaction.id, answer.citations[0]?.id, answer.language),
    allowedMentions: NO_MENTIONS,
  });
};

export const autocomplete: Command['autocomplete'] = async (interaction, ctx) => {
  const focused = interaction.options.getFocused(true);
  const typed = focused.value.trim().toLowerCase();
  const catalog = ctx.engine.catalog();
  const entity = interaction.options.getString('entity') ?? '';
  const measure = interaction.options.getString('measure') ?? '';
  const pool =
    focused.name === 'entity' ? catalog.figureEntities : focused.name === 'measure' ? (entity ? catalog.measuresOf(entity) : []) : catalog.periodsOf(entity, measure);
  const choices = pool.filter((c) => c.toLowerCase().includes(typed)).slice(0, 25);
  await interaction.respond(choices.map((c) => ({ name: c.slice(0, 100), value: c.slice(0, 100) })));
};
