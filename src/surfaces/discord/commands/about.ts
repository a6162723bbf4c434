import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../context.js';
import { NO_MENTIONS } from '../safety.js';

export const data = new SlashCommandBuilder()
  .setName('about')
  .setNameLocalizations({ 'zh-CN': '关于' })
  .setDescription('The article, the index and model status, version and uptime')
  .setDescriptionLocalizations({ 'zh-CN': '文章信息、索引与模型状态、版本与运行时间' });

export const ephemeral = true;

export const execute: Command['execute'] = async (interaction, ctx) => {
  const { meta, chunks } = ctx.engine.article;
  const up = Math.round((Date.now() - ctx.startedAt) / 1000);
  const uptime = `${Math.floor(up / 3600)}h ${Math.floor((up % 3600) / 60)}m ${up % 60}s`;
  await interaction.editReply({
    embeds: [
      {
        title: meta.title,
        color: 0x3b82f6,
        fields: [
          { name: '来源 Source', value: `${meta.source}${meta.syndicatedBy ? `（${String(meta.syndicatedBy)} 转载）` : ''}，${meta.published}`, inline: false },
          { name: '索引 Index', value: `${chunks.length} 个段落片段，${ctx.engine.facts.facts.length} 条数据`, inline: true },
          { name: '检索 Retrieval', value: ctx.engine.denseStatus.slice(0, 1024), inline: false },
          { name: '提及模式 Mention mode', value: ctx.config.MENTION_MODE ? '开（需要 MessageContent intent）' : '关', inline: true },
          { name: '提问频道 Ask channels', value: ctx.config.ASK_CHANNEL_IDS.length ? `${ctx.config.ASK_CHANNEL_IDS.map((id) => `<#${id}>`).join(' ')}（需要 MessageContent intent）` : '未设置', inline: true },
          { name: '反馈 Feedback', value: ctx.feedback.status().slice(0, 1024), inline: false },
          { name: '版本 Version', value: ctx.version, inline: true },
          { name: '运行时间 Uptime', value: uptime, inline: true },
        ],
      },
    ],
    allowedMentions: NO_MENTIONS,
  });
};
