import type { AnswerKind, Citation } from '../types.js';
import type { FusedHit } from '../retrieval/fusion.js';

export interface Explain {
  normalized: string;
  translated: string;
  tokens: string[];
  entities: string[];
  unknownNames: string[];
  route: string;
  reason: string;
  dense: string;
  hits: (FusedHit & { preview: string })[];
  coverage?: number;
  missing?: string[];
  candidates?: { id: string; sentence: string; coverage: number; broken: string[] }[];
}

/** What every surface receives. The JSON form (`ask --json`) is exactly these fields minus `explain`. */
export interface Answer {
  question: string;
  kind: AnswerKind;
  answer: string;
  citations: Citation[];
  confidence: number;
  ms: number;
  /** The language of the answer's frame (quotes are always the article's Chinese). */
  language: 'zh' | 'en';
  /** What a follow-up question took from the question before it. */
  assumed?: string[];
  /** Present when the question itself was unusable (empty, too long …). */
  error?: { code: string; message: string };
  /** The closest passage offered with a not_found answer. */
  nearest?: Citation;
  explain?: Explain;
}
