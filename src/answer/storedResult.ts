import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../text/languages.js';
import type { AskResult } from './types.js';

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

/** An AskResult as it is stored in a JSON column (`answer_cache.result`, `bot_answers.result`). */
const askResultSchema = z.object({
  question: z.string(),
  standalone: z.string().optional(),
  answered: z.boolean(),
  refusal: z.enum(['off-topic', 'weak-match', 'not-covered']).optional(),
  mode: z.enum(['extractive', 'llm']),
  model: z.string().optional(),
  language: z.enum(SUPPORTED_LANGUAGES),
  answer: z.string(),
  citations: z.array(citationSchema),
  corpusVersion: z.string().nullable(),
  fallbackReason: z.string().optional(),
  failed: z.enum(['internal', 'damaged']).optional(),
  busy: z.boolean().optional(),
  cached: z.boolean().optional(),
  budgetReached: z.enum(['member', 'server']).optional(),
  confidence: z.number().min(0).max(1).optional(),
});

/**
 * A stored result read back, checked against the shape it was written in; null for one
 * that does not fit (written by another version, or damaged), which callers treat as absent.
 */
export function parseStoredResult(json: string): AskResult | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = askResultSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
