import { describe, expect, it } from 'vitest';
import { extractArticle, MAX_DEPTH } from '../../src/articles/extractArticle.js';
import { decodePage } from '../../src/articles/fetchPage.js';
import { savedPage } from '../helpers/pageServer.js';

const FETCHED_FROM = 'https://news.example/some/path';

/** Each saved page: the metadata it must yield, text that is the article's, and text around it that is not. */
const PAGES = [
  {
    file: 'en-classic.html',
    meta: {
      title: 'OpenAI board rejects Musk-led $97.4 billion bid',
      publisher: 'The Example Ledger',
      language: 'en',
      published: '2025-02-14',
      author: 'Dana Whitfield',
      url: 'https://ledger.example/tech/2025/02/openai-board-rejects-musk-bid',
    },
    first: 'The board of OpenAI on Friday unanimously rejected',
    last: 'raise tens of billions of dollars from investors such as SoftBank.',
    paragraphs: 5,
    notIn: ['We use cookies', 'Subscribe', 'Related stories', 'techfan99', 'children', 'All rights reserved'],
  },
  {
    file: 'de-magazine.html',
    meta: {
      title: 'Musk gegen OpenAI: Der Prozess rückt näher',
      publisher: 'Beispiel-Rundschau',
      language: 'de',
      published: '2025-03-05',
      author: 'Katrin Vogel',
      url: 'https://rundschau.example/digital/musk-gegen-openai-prozess-rueckt-naeher-a-1234.html',
    },
    first: 'Im Rechtsstreit zwischen Elon Musk',
    last: 'Weggefährten weitergehen.',
    paragraphs: 6,
    notIn: ['Cookies', 'Newsletter', 'Kommentare', 'eskaliert', 'Meistgelesen', 'Impressum', 'Startseite'],
  },
  {
    file: 'de-oldcms.html',
    meta: {
      title: 'Altman über Musk: „Ich glaube, er ist kein glücklicher Mensch“',
      publisher: 'Beispiel-Kurier',
      language: 'de',
      published: '2025-02-11',
      author: null,
      url: 'https://kurier.example/wirtschaft/altman-ueber-musk-100.html',
    },
    first: 'OpenAI-Chef Sam Altman hat sich in einem Interview',
    last: 'gewinnorientierten Firma.',
    paragraphs: 4,
    notIn: ['Cookies', 'Leserkommentare', 'Tesla kümmern', 'Anmelden', 'Datenschutz'],
  },
  {
    file: 'en-longform.html',
    meta: {
      title: 'What Altman and Musk actually disagree about',
      publisher: 'news.example',
      language: 'en',
      published: '2025-04-22',
      author: 'Priya Raman',
      url: FETCHED_FROM,
    },
    first: 'Behind the insults traded online',
    last: 'only one place where the argument is being fought.',
    paragraphs: 10,
    notIn: ['Support independent journalism', 'Donate', 'Share on X', 'nonprofit publication'],
  },
  {
    file: 'en-liveblog.html',
    meta: {
      title: 'Musk and Altman trade barbs over Stargate project',
      publisher: 'Example Daily',
      language: 'en',
      published: '2025-01-23',
      author: 'Tom Ellery',
      url: 'https://news.example/news/technology/musk-altman-stargate',
    },
    first: 'Elon Musk has cast doubt on a huge artificial intelligence infrastructure project',
    last: 'reaches into politics as well as business and the courts.',
    paragraphs: 5,
    notIn: ['842 partners', 'Sign in', 'More on this story', 'never add up', 'Copyright Example Daily', 'Read more'],
  },
  {
    file: 'en-table-print.html',
    meta: {
      title: 'Why Elon Musk left the OpenAI board',
      publisher: 'Example Tech Wire',
      language: 'en',
      published: '2018-02-21',
      // article:author is a profile address, not a name.
      author: null,
      url: 'https://techwire.example/2018/02/21/musk-leaves-openai-board/',
    },
    first: 'Elon Musk is leaving the board of OpenAI',
    last: 'before it becomes a danger to the public.',
    paragraphs: 4,
    notIn: ['Advertisement', 'Buy the new phone', 'Print edition', 'syndication desk'],
  },
] as const;

describe('extracting the article from a saved news page', () => {
  it.each(PAGES)('$file: its paragraphs and metadata, nothing of the page around it', (page) => {
    const draft = extractArticle(decodePage(savedPage(page.file), undefined, true), FETCHED_FROM);
    const { body, ...meta } = draft;
    expect(meta).toEqual(page.meta);
    const paragraphs = body.split('\n\n');
    expect(paragraphs[0]).toMatch(new RegExp(`^${page.first}`));
    expect(paragraphs.at(-1)).toMatch(new RegExp(`${page.last.replace(/[.$?]/g, '\\$&')}$`));
    // The article's paragraphs, headings and list items, each whole; a dateline is not one.
    expect(paragraphs).toHaveLength(page.paragraphs);
    for (const text of page.notIn) expect(body).not.toContain(text);
  });

  it('refuses pages that are not an article, saying why', () => {
    const refuse = (html: string) => () => extractArticle(html, null);
    expect(refuse('<html><body><div id="root"></div><script>app()</script></body></html>')).toThrow(
      /no article text the bot can read \(0 words/,
    );
    const links = `<html><body>${'<a href="/x">x</a>'.repeat(100_000)}</body></html>`;
    expect(refuse(links)).toThrow(/100,00\d elements, more than the 30,000/);
    const deep = `<html><body>${'<div>'.repeat(MAX_DEPTH + 5)}${'<p>word word word</p>'.repeat(50)}</body></html>`;
    expect(refuse(deep)).toThrow(/nested more than 200 levels/);
    const french = `<html lang="fr"><head><title>Le conflit</title></head><body><article>${'<p>Les deux fondateurs se disputent le contrôle du laboratoire et de son argent depuis des années.</p>'.repeat(10)}</article></body></html>`;
    expect(refuse(french)).toThrow(/in "fr"; the bot answers from articles in English and German only/);
  });

  it('reads malformed HTML as browsers would, without failing', () => {
    const html = `<html><body><div><p>Unclosed <b>bold <i>${'The lawsuit about the founding of the lab goes on. '.repeat(20)}<p>Second paragraph &bogus; &#xFFFFFF; about the court.</span></div></body>`;
    const draft = extractArticle(html, 'https://news.example/a');
    expect(draft.body).toContain('The lawsuit about the founding of the lab goes on.');
    expect(draft.body).toContain('Second paragraph');
    expect(draft.title).toBeTruthy();
  });
});

describe('page furniture beside the article (issue 25, item 5)', () => {
  it('leaves out a cookie consent box and a newsletter box that sit beside the article, not in it', () => {
    const paragraph =
      '<p>Der Streit zwischen Elon Musk und Sam Altman ging am Montag vor Gericht weiter, wo beide Seiten ihre Sicht auf die Gründung von OpenAI darlegten.</p>';
    const html = `<html lang="de"><head><title>Musk gegen Altman</title></head><body>
      <div id="cmp-consent-banner" class="consent-layer"><p>Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und Werbung zu messen. Mit Klick auf Alle akzeptieren stimmen Sie der Verarbeitung zu, die Sie jederzeit in den Datenschutz-Einstellungen widerrufen können.</p><button>Alle akzeptieren</button></div>
      <div class="newsletter-box"><p>Abonnieren Sie unseren Newsletter und erhalten Sie jeden Morgen die wichtigsten Nachrichten aus der Technologiewelt direkt in Ihr Postfach.</p></div>
      <article><h1>Musk gegen Altman</h1>${paragraph.repeat(5)}</article></body></html>`;
    const draft = extractArticle(html, FETCHED_FROM);
    expect(draft.body).toContain('Der Streit zwischen Elon Musk und Sam Altman');
    expect(draft.body).not.toMatch(/Cookies|Alle akzeptieren|Newsletter/);
  });
});
