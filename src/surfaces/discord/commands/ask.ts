import { SlashCommandBuilder } from 'discord.js';
import { answerButtons } from '../components/index.js';
import type { Command } from '../context.js';
import { chainConversation, recordTurn, threadConversation, usableAsContext } from '../conversations.js';
import { engineLanguage } from '../labels.js';
import { answerEmbed } from '../render.js';
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
  // In a thread /ask continues the thread's conversation; elsewhere it starts a reply chain of its own.
  const inThread = interaction.channel?.isThread() ?? false;
  const conversation = inThread ? threadConversation(interaction.channelId!) : undefined;
  const answer = await ctx.ask({ question, conversation, language: engineLanguage(interaction.locale) });
  ctx.remember(interaction.id, answer);
  const reply = await interaction.editReply({
    embeds: [answerEmbed(answer, ctx.engine.article.meta)],
    components: answerButtons(interaction.id, answer.citations[0]?.id ?? answer.nearest?.id, answer.language),
    allowedMentions: NO_MENTIONS,
  });
  // Outside a thread, a mention replying to this answer continues from this question; without mention
  // mode no message can reply to it, so nothing is kept.
  if (!inThread && ctx.config.MENTION_MODE && usableAsContext(answer)) {
    const chain = chainConversation(interaction.id);
    recordTurn(ctx.conversations, chain, question, answer);
    ctx.conversations.link(chain, [reply.id]);
  }
};
