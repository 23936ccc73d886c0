import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { UserFacingError } from '../errors.js';
import { detectLanguage } from '../text/detectLanguage.js';
import { isSupportedLanguage, LANGUAGE_NAMES, type Language } from '../text/languages.js';
import { type ArticleDraft, wordCount } from './articleDraft.js';
import type { DomDocument, DomElement, DomNode } from './dom.js';
import { byline, clean, dateOnly, hostOf, readMetadata } from './pageMetadata.js';

/** Fewer words than this is a teaser, a paywall or a login page, not an article. */
export const MIN_ARTICLE_WORDS = 80;

/**
 * Readability's work grows with the number of elements and steeply with their depth
 * (measured here with linkedom: 20,000 links 3.5 s; 500 nested divs 2.2 s, 2,000 nested
 * 113 s). Real news pages stay far below both; beyond them a page is refused.
 */
export const MAX_ELEMENTS = 30_000;
export const MAX_DEPTH = 200;

/** Elements whose content is never article text; dropped before anything is counted or read. */
// JSON-LD scripts stay: Readability reads the headline, author, publisher and date from them.
const NEVER_TEXT = 'script:not([type="application/ld+json"]), style, noscript, template, svg, iframe, object, canvas';

/** Elements that start and end a paragraph of the corpus file. */
const BLOCKS = new Set(
  'p h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre figcaption figure div section article header footer table tr td th br hr'.split(
    ' ',
  ),
);
/** Blocks that hold text; text outside all of them (a stray caption, an ad's label) is left out. */
const TEXT_BLOCKS = new Set('p h1 h2 h3 h4 h5 h6 li dt dd blockquote pre figcaption'.split(' '));
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The article in a web page: its paragraphs, by Mozilla's Readability (the extractor of
 * Firefox's Reader View) over a linkedom DOM, and its metadata from the page's own tags
 * (Open Graph, `article:*`, JSON-LD, `<html lang>`, the canonical link). `pageUrl` is
 * where the page was fetched from, or null for an uploaded file.
 */
export function extractArticle(html: string, pageUrl: string | null): ArticleDraft {
  const document = (parseHTML(html) as unknown as { document: DomDocument }).document;
  const meta = readMetadata(document, pageUrl);
  checkSize(document);
  dropPageFurniture(document);
  const parsed = new Readability<DomElement>(document, {
    serializer: (node: unknown) => node as DomElement,
  }).parse();
  const body = parsed?.content ? paragraphs(parsed.content) : '';
  const words = wordCount(body);
  if (words < MIN_ARTICLE_WORDS)
    throw new UserFacingError(
      `The page has no article text the bot can read (${words} words found): a paywall, a login page or a page built by JavaScript?`,
    );
  // A page without any title gets its first words; the moderator can correct it in the preview.
  const title = meta.title ?? clean(parsed?.title) ?? clean(document.title) ?? firstWords(body);
  const language = pageLanguage(meta.lang ?? clean(parsed?.lang), body);
  return {
    title,
    url: meta.canonical,
    publisher: meta.siteName ?? clean(parsed?.siteName) ?? hostOf(meta.canonical ?? pageUrl),
    language,
    author: meta.author ?? byline(parsed?.byline),
    published: dateOnly(meta.published ?? clean(parsed?.publishedTime)),
    body,
  };
}

/** Refuses a page too large or too deeply nested to read in reasonable time (after dropping scripts and the like). */
function checkSize(document: DomDocument): void {
  for (const el of [...document.querySelectorAll(NEVER_TEXT)]) el.remove();
  const elements = [...document.querySelectorAll('*')].length;
  if (elements > MAX_ELEMENTS)
    throw new UserFacingError(
      `The page has ${elements.toLocaleString('en')} elements, more than the ${MAX_ELEMENTS.toLocaleString('en')} a news article has; it was not read.`,
    );
  // Depth by an explicit stack: a recursive walk is what a deep page would overflow.
  const stack: [DomElement, number][] = [[document.documentElement, 1]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth > MAX_DEPTH)
      throw new UserFacingError(`The page's HTML is nested more than ${MAX_DEPTH} levels deep; it was not read.`);
    for (let i = 0; i < el.children.length; i += 1) stack.push([el.children[i]!, depth + 1]);
  }
}

/**
 * Consent banners, cookie notices, subscription and newsletter boxes, modal dialogs: named so
 * by their id, class, role or label in every language sites use (the words are the
 * technical ones: cookie, consent, GDPR, CMP). Readability keeps such a box when it sits
 * beside the article rather than inside it, as the article's first paragraph.
 */
const FURNITURE = /cookie|consent|gdpr|dsgvo|\bcmp\b|newsletter|subscri|paywall/i;
const NEVER_DROPPED = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);

function dropPageFurniture(document: DomDocument): void {
  for (const el of [...document.querySelectorAll('[id], [class], [role], [aria-label], [aria-modal]')]) {
    if (NEVER_DROPPED.has(el.tagName.toUpperCase()) || el.querySelector('article, main')) continue;
    const names = ['id', 'class', 'role', 'aria-label'].map((a) => el.getAttribute(a) ?? '').join(' ');
    if (FURNITURE.test(names) || el.getAttribute('role') === 'dialog' || el.getAttribute('aria-modal') === 'true')
      el.remove();
  }
}

/**
 * The article's text as paragraphs separated by blank lines, whitespace collapsed: a
 * paragraph ends wherever a block element starts or ends, so text is never lost when
 * malformed HTML nests one paragraph inside another. A block that is only a date (a
 * dateline's `<time>`) is metadata, not text.
 */
function paragraphs(root: DomElement): string {
  const anyTextBlock = [...TEXT_BLOCKS].some((tag) => root.querySelector(tag));
  const dates = new Set([...root.querySelectorAll('time')].map((el) => clean(el.textContent)));
  const out: string[] = [];
  let buffer = '';
  const flush = () => {
    const text = clean(buffer);
    if (text && !dates.has(text)) out.push(text);
    buffer = '';
  };
  // Without any text block (text in bare divs), all text counts.
  const visit = (node: DomNode, inText: boolean): void => {
    if (node.nodeType === TEXT_NODE && inText) buffer += node.textContent ?? '';
    if (node.nodeType !== ELEMENT_NODE) return;
    const tag = node.nodeName.toLowerCase();
    const block = BLOCKS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) visit(child, inText || TEXT_BLOCKS.has(tag));
    if (block) flush();
  };
  visit(root, !anyTextBlock);
  flush();
  return out.join('\n\n');
}

function firstWords(text: string): string {
  const words = text.split(/\s+/);
  return words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : text;
}

/** The language the page declares ("de-DE" → de), else the one its text is in; refused when unsupported. */
function pageLanguage(declared: string | null, body: string): Language {
  const code = declared?.toLowerCase().split(/[-_]/)[0] ?? '';
  if (!declared || !/^[a-z]{2,3}$/.test(code)) return detectLanguage(body);
  if (isSupportedLanguage(code)) return code;
  const supported = Object.values(LANGUAGE_NAMES).join(' and ');
  throw new UserFacingError(`The page is in "${declared}"; the bot answers from articles in ${supported} only.`);
}
