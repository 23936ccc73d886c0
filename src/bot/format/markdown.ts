import { normalizeArticleUrl } from '../../corpus/articleFile.js';

/**
 * Text from an article file shown as written: the characters of Discord's Markdown that
 * can work mid-line (emphasis, strikethrough, spoilers, code, link brackets) are escaped.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\*_~`|[\]<>]/g, '\\$&');
}

/**
 * `[title](<url>)`, or the title alone when there is no usable URL. The URL is parsed and
 * written back out again here too (it was at ingest), so nothing in it can end the link.
 */
export function articleLink(title: string, url: string | null): string {
  const text = escapeMarkdownText(title);
  const target = url ? normalizeArticleUrl(url) : null;
  return target ? `[${text}](<${target}>)` : text;
}
