import { normalizeArticleUrl } from '../corpus/articleFile.js';
import type { DomDocument } from './dom.js';

/** What a page says about itself in its tags (Open Graph, article:*, <html lang>, the canonical link). */
export interface PageMetadata {
  title: string | null;
  siteName: string | null;
  author: string | null;
  published: string | null;
  lang: string | null;
  canonical: string | null;
}

export function readMetadata(document: DomDocument, pageUrl: string | null): PageMetadata {
  const metaContent = (...keys: string[]): string | null => {
    for (const key of keys) {
      const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
      const value = clean(el?.getAttribute('content'));
      if (value) return value;
    }
    return null;
  };
  const link = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? metaContent('og:url');
  const author = metaContent('author', 'article:author', 'parsely-author', 'dc.creator');
  return {
    title: metaContent('og:title', 'twitter:title'),
    siteName: metaContent('og:site_name', 'application-name'),
    // article:author is often a profile URL, which says nothing as a name.
    author: author && !/^https?:/i.test(author) ? byline(author) : null,
    published:
      metaContent('article:published_time', 'datePublished', 'date', 'dc.date', 'pubdate') ??
      clean(document.querySelector('time[datetime]')?.getAttribute('datetime')),
    lang:
      clean(document.documentElement.getAttribute('lang')) ?? metaContent('og:locale', 'language', 'content-language'),
    canonical: absoluteUrl(link, pageUrl) ?? (pageUrl ? normalizeArticleUrl(pageUrl) : null),
  };
}

export function clean(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

export function byline(value: string | null | undefined): string | null {
  const text = clean(value)?.replace(/^(by|von)\s+/i, '');
  return text ? text.slice(0, 200) : null;
}

/** 2024-05-01T10:00:00Z → 2024-05-01; anything that is not a date → null (the moderator can add it). */
export function dateOnly(value: string | null): string | null {
  const match = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  if (match) return match[1]!;
  const parsed = value ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString().slice(0, 10) : null;
}

function absoluteUrl(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    return normalizeArticleUrl(new URL(href, base ?? undefined).href);
  } catch {
    return null;
  }
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
