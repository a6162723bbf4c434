// The typed fact model. Extraction and the reviewed override file both produce these, and both go
// through the same validation.
import { z } from 'zod';

export { PeriodSchema, type Period } from '../genre/period.js';
import { PeriodSchema } from '../genre/period.js';

export const ChangeSchema = z.object({
  direction: z.enum(['up', 'down']),
  value: z.number(),
  unit: z.string(),
  /** As the article writes it, e.g. "同比增长 105.7%". */
  text: z.string().min(1),
});

export const SourceSchema = z.object({
  chunkId: z.string().regex(/^§\d{2,}¶\d+(\.\d+)?$/),
  /** The sentence the fact comes from, verbatim. */
  quote: z.string().min(1),
});

const base = {
  id: z.string().min(1),
  entity: z.string().min(1),
  /** A second entity the fact is about (the company held, the rival compared with). */
  object: z.string().optional(),
  source: SourceSchema,
  origin: z.enum(['extracted', 'override']),
  note: z.string().optional(),
};

export const FigureFactSchema = z.object({
  ...base,
  type: z.literal('figure'),
  measure: z.string().min(1),
  /** The measure as the article words it ("保险业务收入"). */
  measureText: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  /** "近", "超过", "约", "不到" … as written before the number. */
  qualifier: z.string().optional(),
  /** The figure as the article writes it, e.g. "162.91 亿元". */
  text: z.string().min(1),
  period: PeriodSchema.nullable(),
  change: ChangeSchema.optional(),
});

export const EventFactSchema = z.object({
  ...base,
  type: z.literal('event'),
  /** "CEO", "总裁", "CFO", "加入", "离职", "卸任CEO", "上线" … */
  event: z.string().min(1),
  date: z.object({
    iso: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
    text: z.string().min(1),
    /** How a year left implicit by the article was resolved. */
    resolution: z.string().optional(),
    /** The hour, as the article writes it ("早9点"), when it gives one. */
    time: z.string().optional(),
  }),
});

export const FactSchema = z.discriminatedUnion('type', [FigureFactSchema, EventFactSchema]);
export type FigureFact = z.infer<typeof FigureFactSchema>;
export type EventFact = z.infer<typeof EventFactSchema>;
export type Fact = z.infer<typeof FactSchema>;
