import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { z } from 'zod';
import { withoutControlCharacters } from '../text/controlCharacters.js';
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
  /**
   * For an answer a helper gave in Discord and a moderator saved: the helper's user id, so
   * that their data deletion removes it too. Absent for news articles.
   */
  readonly authorId?: string | null;
}

/** One line of text: front matter fields are shown as single lines, so line breaks are spaces. */
// Fields are shown in terminals and chats: no control characters survive.
const singleLine = (text: string): string => withoutControlCharacters(text).replace(/\s+/g, ' ').trim();

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (typeof v === 'string' && singleLine(v) ? singleLine(v).slice(0, 200) : null));

/**
 * An article's address, parsed as browsers do (WHATWG URL) and written back out, so that
 * what is stored is a well-formed http(s) URL: spaces, quotes and angle brackets are
 * percent-encoded, and parentheses too, since they end a Markdown link.
 */
export function normalizeArticleUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  return url.href.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
}

/** A calendar date that exists: 2024, 2024-02 or 2024-02-29, but not 2024-13-45 or 2023-02-29. */
function isRealDate(value: string): boolean {
  const [year, month = 1, day = 1] = value.split('-').map(Number) as [number, number?, number?];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const frontMatterSchema = z.object({
  id: z
    .string({ error: 'missing id' })
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'id must be lower-case letters, digits and hyphens (at most 80)'),
  title: z
    .string({ error: 'missing title' })
    .transform(singleLine)
    .pipe(z.string().min(1, 'missing title').max(300, 'title longer than 300 characters')),
  editorial_title: z.boolean({ error: 'editorial_title must be true or false' }).optional().default(false),
  url: z
    .string({ error: 'url must be an http(s) address' })
    .nullish()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const url = normalizeArticleUrl(v);
      if (!url) ctx.addIssue({ code: 'custom', message: 'url must be an http(s) address' });
      return url;
    }),
  publisher: optionalText,
  language: z.enum(SUPPORTED_LANGUAGES, {
    error: (issue) =>
      issue.input === undefined
        ? 'missing language'
        : `unknown language ${JSON.stringify(issue.input)} (use one of: ${SUPPORTED_LANGUAGES.join(', ')})`,
  }),
  author: optionalText,
  author_id: z
    .string()
    .regex(/^\d{15,22}$/, 'author_id must be a Discord user id')
    .nullish()
    .transform((v) => v ?? null),
  // Front matter is read with YAML's JSON schema, so an unquoted 2024-12-24 stays text: the
  // default schema turned 2024-13-45 into a Date of 2025-02-14 without a word.
  published: z
    .union([z.string(), z.number().int()])
    .nullish()
    .transform((v) => (v === null || v === undefined || v === '' ? null : String(v).trim()))
    .refine((v) => v === null || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v), 'published must be YYYY, YYYY-MM or YYYY-MM-DD')
    .refine((v) => v === null || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) || isRealDate(v), {
      error: (issue) => `published ${JSON.stringify(issue.input)} is not a real date`,
    }),
});

/** YAML with the JSON schema: no dates, no `yes`/`no` booleans, nothing YAML guesses at. */
function readYaml(text: string): object {
  const data = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  return data !== null && typeof data === 'object' ? data : {};
}

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
    parsed = matter(text, { excerpt: false, engines: { yaml: readYaml } });
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
      ...(f.author_id ? { authorId: f.author_id } : {}),
    },
  };
}

/**
 * Bumped whenever chunking or indexing changes, so that a reload re-indexes articles
 * whose text did not change but whose index would.
 */
export const INDEX_FORMAT = 4;

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
