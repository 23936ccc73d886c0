import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import { z } from 'zod';
import { SUPPORTED_LANGUAGES, type Language } from '../text/languages.js';

/** Largest article file read; a bigger one is almost certainly not a news article. */
export const MAX_ARTICLE_BYTES = 512 * 1024;

/** An article as read from a corpus file, validated. */
export interface Article {
  readonly id: string;
  readonly title: string;
  readonly editorialTitle: boolean;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly language: Language;
  readonly author: string | null;
  readonly published: string | null;
  readonly body: string;
}

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (typeof v === 'string' && v.trim() ? v.trim() : null));

const frontMatterSchema = z.object({
  id: z
    .string({ error: 'missing id' })
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'id must be lower-case letters, digits and hyphens (at most 80)'),
  title: z.string({ error: 'missing title' }).trim().min(1, 'missing title').max(300, 'title longer than 300 characters'),
  editorial_title: z.boolean({ error: 'editorial_title must be true or false' }).optional().default(false),
  url: z
    .union([z.url({ protocol: /^https?$/, error: 'url must be an http(s) address' }), z.literal('')])
    .nullish()
    .transform((v) => v || null),
  publisher: optionalText,
  language: z.enum(SUPPORTED_LANGUAGES, {
    error: (issue) =>
      issue.input === undefined
        ? 'missing language'
        : `unknown language ${JSON.stringify(issue.input)} (use one of: ${SUPPORTED_LANGUAGES.join(', ')})`,
  }),
  author: optionalText,
  // YAML reads an unquoted 2024-12-24 as a date; both forms end up as YYYY-MM-DD.
  published: z
    .union([z.date(), z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'published must be YYYY, YYYY-MM or YYYY-MM-DD')])
    .nullish()
    .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v || null)),
});

export type ParseResult = { ok: true; article: Article } | { ok: false; reason: string };

/**
 * Read one corpus file: UTF-8 text with YAML front matter between `---` lines, then
 * the article body. Returns the reason in plain words when the file is not usable.
 */
export function parseArticleFile(bytes: Uint8Array): ParseResult {
  if (bytes.byteLength > MAX_ARTICLE_BYTES) {
    return { ok: false, reason: `file is larger than ${MAX_ARTICLE_BYTES / 1024} KiB` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'file is not valid UTF-8 text' };
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) return { ok: false, reason: 'no front matter (the file must start with a line "---")' };

  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options turns off gray-matter's module-level cache, which would keep every file ever read.
    parsed = matter(text, { excerpt: false });
  } catch (error) {
    return { ok: false, reason: `front matter is not valid YAML: ${firstLine(error)}` };
  }
  const fields = frontMatterSchema.safeParse(parsed.data);
  if (!fields.success) {
    return { ok: false, reason: fields.error.issues.map((i) => i.message).join('; ') };
  }
  const body = parsed.content.trim();
  if (!body) return { ok: false, reason: 'empty body' };
  const f = fields.data;
  return {
    ok: true,
    article: {
      id: f.id,
      title: f.title,
      editorialTitle: f.editorial_title,
      url: f.url,
      publisher: f.publisher,
      language: f.language,
      author: f.author,
      published: f.published,
      body,
    },
  };
}

/**
 * Bumped whenever chunking or indexing changes, so that a reload re-indexes articles
 * whose text did not change but whose index would.
 */
export const INDEX_FORMAT = 2;

/** A hash of everything an article's index entry depends on. */
export function contentHash(article: Article): string {
  return createHash('sha256')
    .update(JSON.stringify([INDEX_FORMAT, article]))
    .digest('hex');
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
