import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { answerButtons, answerEmbed } from '../render.js';
import { NO_MENTIONS } from '../safety.js';
import { QuestionOption } from './options.js';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setNameLocalizations({ 'zh-CN': '提问' })
  .setDescription('Ask a question about the article (Chinese or English)')
  .setDescriptionLocalizations({ 'zh-CN': '就这篇文章提问（中文或英文）' })
  .addStringOption((o) =>
    o.setName('question').setNameLocalizations({ 'zh-CN': '问题' }).setDescription('Your question').setDescriptionLocalizations({ 'zh-CN': '你的问题' }).setRequired(true).setMaxLength(500),
  );

export const execute: Command['execute'] = async (interaction, ctx) => {
  const question = QuestionOption.parse(interaction.options.getString('question', true));
  const answer = await ctx.engine.answer(question);
  ctx.remember(interaction.id, answer);
  await interaction.editReply({
    embeds: [answerEmbed(answer, ctx.engine.article.meta)],
    components: answerButtons(interaction.id, answer.citations[0]?.id ?? answer.nearest?.id),
    allowedMentions: NO_MENTIONS,
  });
};
