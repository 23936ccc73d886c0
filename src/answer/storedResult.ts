import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../text/languages.js';
import type { Judged } from './types.js';

const citationSchema = z.object({
  n: z.number().int().positive(),
  articleId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  publisher: z.string().nullable(),
  language: z.enum(SUPPORTED_LANGUAGES),
  passageId: z.string(),
  quote: z.string(),
});

const common = {
  question: z.string(),
  standalone: z.string().optional(),
  language: z.enum(SUPPORTED_LANGUAGES),
  answer: z.string(),
  corpusVersion: z.string().nullable(),
  mode: z.enum(['extractive', 'llm']),
  model: z.string().optional(),
  cached: z.boolean().optional(),
};

/** An answer or a refusal as stored in a JSON column (`answer_cache.result`, `bot_answers.result`). */
const judgedSchema = z.discriminatedUnion('outcome', [
  z.object({
    ...common,
    outcome: z.literal('answered'),
    citations: z.array(citationSchema),
    confidence: z.number().min(0).max(1),
    fallbackReason: z.string().optional(),
    budgetReached: z.enum(['member', 'server']).optional(),
  }),
  z.object({
    ...common,
    outcome: z.literal('refused'),
    refusal: z.enum(['off-topic', 'weak-match', 'not-covered', 'empty']),
    citations: z.tuple([]),
  }),
]);

/**
 * Rows written before results said their outcome carried `answered: boolean` (and an optional
 * confidence): read as the same answer, so that the buttons of answers posted before an update
 * keep working.
 */
function withOutcome(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'outcome' in value || !('answered' in value)) return value;
  const { answered, busy, failed, ...rest } = value as Record<string, unknown>;
  if (busy || failed) return value;
  return answered === true
    ? { confidence: 0, ...rest, outcome: 'answered' }
    : { refusal: 'not-covered', ...rest, outcome: 'refused', citations: [] };
}

/**
 * A stored result read back, checked against the shape it was written in; null for one
 * that does not fit (damaged, or neither an answer nor a refusal), which callers treat as absent.
 */
export function parseStoredResult(json: string): Judged | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = judgedSchema.safeParse(withOutcome(value));
  return parsed.success ? parsed.data : null;
}
