import { MAX_ARTICLE_BYTES } from '../corpus/articleFile.js';
import { UserFacingError } from '../errors.js';
import type { AddressPolicy } from './addressPolicy.js';
import type { ArticleDraft } from './articleDraft.js';
import { extractInWorker } from './extractInWorker.js';
import { DEFAULT_FETCH_LIMITS, decodePage, type FetchLimits, fetchPage } from './fetchPage.js';
import { type ArticleUpload, readUpload } from './readUpload.js';

/** Where a new article comes from. */
export type ArticleSource =
  | { readonly kind: 'link'; readonly url: string }
  | { readonly kind: 'file'; readonly upload: ArticleUpload }
  /** A file uploaded to a chat, fetched from the chat's file server. */
  | {
      readonly kind: 'attachment';
      readonly name: string;
      readonly url: string;
      readonly size: number;
      readonly type: string | null;
    };

export interface PrepareDeps {
  readonly policy: AddressPolicy;
  readonly limits?: FetchLimits;
}

/** An article read from its source, not yet written anywhere; `id` is the one a corpus file asked for. */
export interface PreparedArticle {
  readonly draft: ArticleDraft;
  readonly id: string | null;
}

/** Fetch or read the source and extract the article from it. Throws a UserFacingError saying what was wrong. */
export async function prepareArticle(source: ArticleSource, deps: PrepareDeps): Promise<PreparedArticle> {
  const limits = deps.limits ?? DEFAULT_FETCH_LIMITS;
  if (source.kind === 'file') return fromUpload(source.upload, null);
  if (source.kind === 'attachment') {
    if (source.size > MAX_ARTICLE_BYTES)
      throw new UserFacingError(`The file is larger than ${MAX_ARTICLE_BYTES / 1024} KiB.`);
    const file = await fetchPage(source.url, deps.policy, {
      anyType: true,
      limits: { ...limits, maxBytes: MAX_ARTICLE_BYTES },
    });
    return fromUpload({ name: source.name, bytes: file.body, type: source.type ?? file.type }, null);
  }
  const page = await fetchPage(source.url, deps.policy, { limits });
  if (page.type === 'text/html' || page.type === 'application/xhtml+xml') {
    const draft = await extractInWorker(decodePage(page.body, page.charset, true), page.url);
    return { draft: fromFetchedAddress(draft, page.url), id: null };
  }
  const name = new URL(page.url).pathname.split('/').pop() || 'page.txt';
  const read = await fromUpload({ name, bytes: page.body, type: page.type }, page.url);
  // A fetched page in the corpus format is text like any other: its header names no id, address or publisher.
  const host = new URL(page.url).hostname.replace(/^www\./, '');
  return { draft: { ...read.draft, url: page.url, publisher: host }, id: null };
}

/**
 * A page may claim another address as its canonical one; only one on the host it was
 * fetched from is believed. A page cannot pass itself off as another site's article.
 */
function fromFetchedAddress(draft: ArticleDraft, fetched: string): ArticleDraft {
  const claimed = draft.url ? new URL(draft.url).hostname.replace(/^www\./, '') : null;
  const actual = new URL(fetched).hostname.replace(/^www\./, '');
  return claimed === actual ? draft : { ...draft, url: fetched };
}

async function fromUpload(upload: ArticleUpload, url: string | null): Promise<PreparedArticle> {
  const read = readUpload(upload);
  if (read.kind === 'html') return { draft: await extractInWorker(read.html, url), id: null };
  return { draft: url && !read.draft.url ? { ...read.draft, url } : read.draft, id: read.id };
}
