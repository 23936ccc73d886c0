import { type Article, parseArticleFile } from '../corpus/articleFile.js';
import { UserFacingError } from '../errors.js';
import { foldDiacritics } from '../text/languages.js';
import { tokenize } from '../text/tokenize.js';

/** An article about to be added: an article file's fields but its id (chosen when it is written), and the text. */
export type ArticleDraft = Omit<Article, 'id' | 'editorialTitle'>;

/** Ids stay short enough to read in an autocomplete list (the corpus allows 80 characters). */
const ID_TARGET_LENGTH = 56;

/**
 * The file text of a draft in the corpus format. Values are written as JSON strings, which
 * YAML reads as double-quoted scalars, so no title can break out of its line.
 */
export function renderArticleFile(id: string, draft: ArticleDraft): string {
  const value = (v: string | null) => (v === null ? '' : ` ${JSON.stringify(v)}`);
  return [
    '---',
    `id: ${id}`,
    `title:${value(draft.title)}`,
    `url:${value(draft.url)}`,
    `publisher:${value(draft.publisher)}`,
    `language: ${draft.language}`,
    `author:${value(draft.author)}`,
    `published:${value(draft.published)}`,
    ...(draft.authorId ? [`author_id: "${draft.authorId}"`] : []),
    '---',
    '',
    draft.body.trim(),
    '',
  ].join('\n');
}

/**
 * The article a draft becomes, read back through the same reader as every corpus file:
 * what passes here is what a reload will accept. Throws with the reader's reason otherwise.
 */
export function checkDraft(id: string, draft: ArticleDraft): Article {
  const parsed = parseArticleFile(Buffer.from(renderArticleFile(id, draft), 'utf8'));
  if (!parsed.ok) throw new UserFacingError(`The article cannot be added: ${parsed.reason}.`);
  return parsed.article;
}

/** A file-name-safe word list: "Süddeutsche Zeitung" → "sueddeutsche-zeitung". */
function slug(text: string, maxLength: number): string {
  const ascii = foldDiacritics(
    text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'),
  );
  let out = '';
  for (const word of ascii.split(/[^a-z0-9]+/).filter(Boolean)) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > maxLength) break;
    out = next;
  }
  return out;
}

/**
 * An id made from the publisher and the title ("hiteching-com-unraveling-of-a-tech-friendship"),
 * with -2, -3… when it is taken, always a valid corpus id.
 */
export function articleIdFor(draft: Pick<ArticleDraft, 'publisher' | 'title'>, taken: ReadonlySet<string>): string {
  const publisher = slug((draft.publisher ?? '').replace(/^www\./i, ''), 24);
  const base =
    [publisher, slug(draft.title, ID_TARGET_LENGTH - publisher.length)].filter(Boolean).join('-') || 'article';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** How many words a draft's text has, counted as the index counts them. */
export function wordCount(body: string): number {
  return tokenize(body).length;
}
