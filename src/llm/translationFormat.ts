import { z } from 'zod';

/** The structured reply asked of the model when it translates a question into search queries. */
export const translationSchema = z.object({
  queries: z.array(z.object({ language: z.string(), query: z.string() })),
});

export const TRANSLATION_JSON_SCHEMA = {
  type: 'object',
  properties: {
    queries: {
      type: 'array',
      items: {
        type: 'object',
        properties: { language: { type: 'string' }, query: { type: 'string' } },
        required: ['language', 'query'],
        additionalProperties: false,
      },
    },
  },
  required: ['queries'],
  additionalProperties: false,
} as const;
