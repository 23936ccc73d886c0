import { z } from 'zod';
import { NOT_COVERED_MARKER } from './prompt.js';

/** The structured reply asked of the model. */
export const modelAnswerSchema = z.object({
  answered: z.boolean(),
  answer: z.string(),
  citations: z.array(z.number().int()),
});
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

/** The same, as the JSON Schema sent in `response_format` (strict mode wants every field required, no extras). */
export const MODEL_ANSWER_JSON_SCHEMA = {
  type: 'object',
  properties: {
    answered: { type: 'boolean' },
    answer: { type: 'string' },
    citations: { type: 'array', items: { type: 'integer' } },
  },
  required: ['answered', 'answer', 'citations'],
  additionalProperties: false,
} as const;

/** Parse a structured reply; null when it is not the JSON asked for. */
export function parseStructuredAnswer(content: string): ModelAnswer | null {
  try {
    const parsed = modelAnswerSchema.safeParse(JSON.parse(stripCodeFence(content)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Read a plain-text reply: the text itself, its [n] markers, or the not-covered marker. */
export function parsePlainAnswer(content: string): ModelAnswer {
  const text = content.trim();
  if (text === '' || text.replace(/[^A-Z_]/g, '') === NOT_COVERED_MARKER) {
    return { answered: false, answer: text, citations: [] };
  }
  return { answered: true, answer: text, citations: citedNumbers(text) };
}

/** Every n in the [n] (or [n, m]) markers of a text, in order, once each. */
export function citedNumbers(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const n of match[1]!.split(',')) {
      const value = Number(n.trim());
      if (!out.includes(value)) out.push(value);
    }
  }
  return out;
}

// Some local models wrap JSON in a Markdown code block even when asked not to.
function stripCodeFence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  return fenced ? fenced[1]! : text;
}
