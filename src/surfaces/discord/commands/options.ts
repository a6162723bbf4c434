// Option values enter here: validated once, with messages a user can act on.
import { z } from 'zod';

const text = (what: string) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `${what}不能为空 (${what} is empty)`).max(500, `${what}最多 500 个字符 (at most 500 characters)`));

export const QuestionOption = text('问题');
export const QueryOption = text('关键词');
export const EntityOption = text('主体');
export const MeasureOption = text('指标');
export const PeriodOption = z.string().trim().max(100).optional();
export const PassageIdOption = z
  .string()
  .trim()
  .regex(/^§?\d{2}[¶p]\d+(\.\d+)?$/i, '段落编号形如 §03¶5 (a passage id looks like §03¶5)');
