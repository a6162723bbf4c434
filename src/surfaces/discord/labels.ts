// Every word the bot itself says, in the asker's language. Quotes from the article are never here: they
// stay verbatim Chinese whatever the language of the frame around them.
import type { Language } from '../../answer/frame.js';

export type { Language };

const zh = {
  kind: { fact: '数据', passage: '原文', not_found: '未找到' },
  notAnswered: '这篇文章没有回答这个问题，所以我不猜。',
  nearest: (id: string) => `最接近的段落 ${id}`,
  emptyTitle: '（空问题）',
  followingOn: (parts: string[]) => `↪ 接上一个问题：${parts.join(' · ')}`,
  moreSources: '更多来源',
  moreSourcesNote: '与问题相关的其他段落（未必回答问题）',
  fullParagraph: '全文段落',
  noPassage: '没有找到相关段落。',
  neighbours: (previous: string, next: string) => `前一段 ${previous} · 后一段 ${next}`,
  stale: '这个按钮已失效：它可能来自机器人重启之前或更早的版本，或所指的内容已不存在。请重新提问。',
  voteThanks: (replaced: boolean, up: boolean) => `${replaced ? '已更新你的投票' : '谢谢反馈'} ${up ? '👍' : '👎：这个问题会记入“未答好”的列表，帮助改进。'}`,
  voteNotStored: '谢谢！不过反馈暂时无法保存（数据库不可用）。',
  tooFast: (seconds: number) => `你问得太快了，请 ${seconds} 秒后再试。`,
  failed: (errorId: string) => `出错了，没能回答。错误编号 ${errorId}，请稍后再试。`,
  inputRefused: (issues: string[]) => `输入有误：${issues.join('；')}`,
  unknownCommand: (name: string) => `未知命令 /${name}：可能已下线，请重新注册命令。`,
  unknownPassage: (shown: string) => `没有这个段落编号：${shown}。编号形如 §03¶5（第 03 节第 5 段）。`,
  noFigures: (entity: string, entities: string[]) => `文章没有给出「${entity}」的数据。可选主体：${entities.join('、')}`,
  needsManageGuild: '只有拥有“管理服务器”权限的成员可以查看。',
};

const en: typeof zh = {
  kind: { fact: 'Figure', passage: 'Passage', not_found: 'Not found' },
  notAnswered: 'The article does not answer this question, so I will not guess.',
  nearest: (id: string) => `Nearest passage ${id}`,
  emptyTitle: '(empty question)',
  followingOn: (parts: string[]) => `↪ Following on from the previous question: ${parts.join(' · ')}`,
  moreSources: 'More sources',
  moreSourcesNote: 'Other passages related to the question (they may not answer it)',
  fullParagraph: 'Full paragraph',
  noPassage: 'No passage matches.',
  neighbours: (previous: string, next: string) => `Previous ${previous} · Next ${next}`,
  stale: 'This button is no longer valid: it may come from before a restart or an older version, or what it points to is gone. Please ask again.',
  voteThanks: (replaced: boolean, up: boolean) => `${replaced ? 'Your vote is updated' : 'Thanks for the feedback'} ${up ? '👍' : '👎: the question goes on the list of gaps, to be improved.'}`,
  voteNotStored: 'Thanks! Feedback cannot be stored right now (the database is unavailable).',
  tooFast: (seconds: number) => `Too many questions: try again in ${seconds} seconds.`,
  failed: (errorId: string) => `Something went wrong and there is no answer. Error id ${errorId}; please try again later.`,
  inputRefused: (issues: string[]) => `Invalid input: ${issues.join('; ')}`,
  unknownCommand: (name: string) => `Unknown command /${name}: it may have been retired; register the commands again.`,
  unknownPassage: (shown: string) => `No passage has the id ${shown}. An id looks like §03¶5 (section 03, paragraph 5).`,
  noFigures: (entity: string, entities: string[]) => `The article gives no figures for “${entity}”. Entities with figures: ${entities.join(', ')}`,
  needsManageGuild: 'Only members with the Manage Server permission can see this.',
};

export const LABELS: Record<Language, typeof zh> = { zh, en };

/** The language of a Discord locale ("en-US", "en-GB" → English); any other locale keeps the Chinese frame,
 * the article's own language. */
export const localeLanguage = (locale: string | null | undefined): Language => (locale?.toLowerCase().startsWith('en') ? 'en' : 'zh');

/** What the engine is told: English for an English locale; otherwise nothing, so an English question
 * asked from a Chinese client still gets an English frame (the engine reads the question). */
export const engineLanguage = (locale: string | null | undefined): Language | undefined => (localeLanguage(locale) === 'en' ? 'en' : undefined);
