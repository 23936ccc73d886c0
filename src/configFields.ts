import { z } from 'zod';

/** The kinds of value the configuration is made of, each with the sentence a wrong one gets. */

// Blank values (as left by copying .env.example) count as unset.
export const blankAsUnset = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const integer = (min: number, max: number, hint: string) =>
  z.preprocess(
    blankAsUnset,
    z.coerce
      .number({ error: `must be ${hint}` })
      .int({ error: `must be ${hint}` })
      .min(min, { error: `must be ${hint}` })
      .max(max, { error: `must be ${hint}` })
      .optional(),
  );

export const text = z.preprocess(blankAsUnset, z.string().trim().optional());
export const snowflake = z.string().regex(/^\d{15,22}$/);
export const idList = (what: string) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z
      .array(z.string().regex(/^\d{15,22}$/, { error: `must be a comma-separated list of ${what} ids (numbers)` }))
      .default([]),
  );
export const url = (hint: string) =>
  z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/, error: `must be an http(s) URL, e.g. ${hint}` }).optional());

/** The value in a message about it: never one that might be a secret. */
export function describeGot(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  // Never echo what might be a secret (a key pasted into the wrong variable); a short plain value helps find a typo.
  const secretLooking = /^(?:sk|pk|rk|ghp|gho|xox[abp])[-_]|[A-Za-z0-9_-]{20,}|key|token|secret|password/i.test(value);
  return value.length <= 40 && !secretLooking ? ` (got "${value}")` : '';
}
