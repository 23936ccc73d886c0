import { extname } from 'node:path';
import { MAX_ARTICLE_BYTES, parseArticleFile } from '../corpus/articleFile.js';
import { UserFacingError } from '../errors.js';
import { detectLanguage } from '../text/detectLanguage.js';
import { type ArticleDraft, wordCount } from './articleDraft.js';
import { MIN_ARTICLE_WORDS } from './extractArticle.js';
import { decodePage } from './fetchPage.js';

/** A file given as an article: uploaded to Discord or named on the command line. */
export interface ArticleUpload {
  readonly name: string;
  readonly bytes: Buffer;
  /** The media type the uploader or server gave, if any. */
  readonly type?: string | null;
}

/** What an upload is: a saved web page, a file already in the corpus format, or plain text. */
export type UploadReading =
  | { readonly kind: 'html'; readonly html: string }
  | { readonly kind: 'draft'; readonly draft: ArticleDraft; readonly id: string | null };

/**
 * Read an uploaded file: at most 512 KiB; text only (a binary file is refused). Markdown
 * with front matter is read as a corpus file, so its fields and id are kept; a saved HTML
 * page goes to the article extractor; other text takes its first line as the title.
 */
export function readUpload(upload: ArticleUpload): UploadReading {
  const { bytes } = upload;
  if (bytes.byteLength > MAX_ARTICLE_BYTES)
    throw new UserFacingError(`The file is larger than ${MAX_ARTICLE_BYTES / 1024} KiB.`);
  if (bytes.byteLength === 0) throw new UserFacingError('The file is empty.');
  if (bytes.includes(0)) throw new UserFacingError('The file is not text (it looks like a binary file).');
  const type = upload.type?.split(';')[0]?.trim().toLowerCase() ?? '';
  const ext = extname(upload.name).toLowerCase();
  const head = bytes.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (
    ext === '.html' ||
    ext === '.htm' ||
    type === 'text/html' ||
    head.startsWith('<!doctype html') ||
    head.startsWith('<html')
  )
    return { kind: 'html', html: decodePage(bytes, undefined, true) };

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserFacingError('The file is not UTF-8 text.');
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.startsWith('---\n')) {
    const parsed = parseArticleFile(Buffer.from(text, 'utf8'));
    if (!parsed.ok) throw new UserFacingError(`The file is not a valid article file: ${parsed.reason}.`);
    const { id, editorialTitle: _editorial, ...draft } = parsed.article;
    return { kind: 'draft', draft, id };
  }
  return { kind: 'draft', draft: plainTextDraft(text), id: null };
}

/** Plain text or Markdown without front matter: the first line is the title, the rest the article. */
function plainTextDraft(text: string): ArticleDraft {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim());
  const title = (lines[first] ?? '')
    .replace(/^#+\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  const body = lines
    .slice(first + 1)
    .join('\n')
    .trim();
  const words = wordCount(body);
  if (!title || words < MIN_ARTICLE_WORDS)
    throw new UserFacingError(
      `The file has too little text for an article (${words} words after the title line; at least ${MIN_ARTICLE_WORDS}).`,
    );
  return { title, url: null, publisher: null, language: detectLanguage(body), author: null, published: null, body };
}
