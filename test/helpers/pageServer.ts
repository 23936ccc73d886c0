import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressPolicy } from '../../src/articles/addressPolicy.js';
import { listenOnLoopback } from './loopback.js';

/** The saved news pages the tests serve: six layouts, English and German. */
export const PAGES_DIR = new URL('../fixtures/pages/', import.meta.url);

export function savedPage(name: string): Buffer {
  return readFileSync(new URL(name, PAGES_DIR));
}

export interface PageServer {
  /** http://127.0.0.1:port */
  readonly origin: string;
  /** Every path requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

type Route = (res: ServerResponse, origin: string) => void;

const html =
  (body: Buffer | string, charset = 'utf-8'): Route =>
  (res) => {
    res.writeHead(200, { 'content-type': `text/html; charset=${charset}` });
    res.end(body);
  };

/** A page as a paywall shows it: a headline, two sentences, and a sign-in box. */
const PAYWALL = `<html lang="en"><head><title>Inside the Musk deal</title><meta property="og:title" content="Inside the Musk deal"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Inside the Musk deal</h1><p>The offer came late on a Monday. What happened next surprised everyone.</p>
<div class="paywall"><p>Subscribe to keep reading. Already a subscriber? Sign in.</p></div></article></body></html>`;

/** A JavaScript-only app: no text until a browser runs it. */
const SCRIPT_APP = `<!doctype html><html lang="en"><head><title>News</title></head><body><div id="root"></div>
<script src="/app.js"></script><script>window.__STATE__ = {"articles": []}</script></body></html>`;

/**
 * A news site on 127.0.0.1: the saved pages, and the ways a page can go wrong (redirects,
 * a slow drip, an oversized body, a non-HTML type, a redirect to a private address).
 */
export async function startPageServer(): Promise<PageServer> {
  const requests: string[] = [];
  const routes: Record<string, Route> = {
    '/en/openai-board-rejects-bid': html(savedPage('en-classic.html')),
    '/de/prozess': html(savedPage('de-magazine.html')),
    '/de/kurier': html(savedPage('de-oldcms.html'), 'iso-8859-1'),
    '/plain.txt': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        `Musk and Altman, a timeline\n\n${'The two founders of OpenAI argued about control of the lab and its money. '.repeat(12)}`,
      );
    },
    // A page that claims to be another site's article: in the corpus format, and by a canonical link.
    '/forged.txt': (res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        `---\nid: reuters-exclusive\ntitle: "Exclusive: Musk and Altman settle"\nurl: "https://www.reuters.com/exclusive"\npublisher: "Reuters"\nlanguage: en\n---\n\n${'The two founders of OpenAI argued about control of the lab and its money. '.repeat(12)}`,
      );
    },
    '/forged-canonical': html(
      `<html lang="en"><head><title>Musk and Altman settle</title><link rel="canonical" href="https://www.reuters.com/exclusive"></head><body><article><h1>Musk and Altman settle</h1>${'<p>The two founders of OpenAI argued about control of the lab and its money, and then they argued about it again in court.</p>'.repeat(6)}</article></body></html>`,
    ),
    '/moved': (res) => redirect(res, '/en/openai-board-rejects-bid'),
    '/loop': (res) => redirect(res, '/loop'),
    '/to-private': (res) => redirect(res, 'http://10.0.0.1/internal'),
    '/to-mapped': (res) => redirect(res, 'http://[::ffff:169.254.169.254]/latest/meta-data'),
    '/to-file': (res) => redirect(res, 'file:///etc/passwd'),
    '/paywall': html(PAYWALL),
    '/app': html(SCRIPT_APP),
    '/image.png': (res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    },
    '/huge': (res) => {
      // No content-length: the limit must hold while reading.
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const more = () => {
        while (sent < 8 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    },
    '/drip': (res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('<p>a</p>')), 200);
      res.on('close', () => clearInterval(timer));
    },
  };
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const route = routes[path];
    if (route) return route(res, origin);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end('<h1>Not found</h1>');
  });
  const { baseURL, close } = await listenOnLoopback(server);
  const origin = baseURL.replace(/\/v1$/, '');
  return { origin, requests, close };
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

/**
 * The tests' address policy: 127.0.0.1 only (the public internet is refused as well, so no
 * test can reach beyond this machine), with every address it was asked about recorded.
 */
export function loopbackPolicy(): AddressPolicy & { asked: string[] } {
  const asked: string[] = [];
  const policy = (address: string) => {
    asked.push(address);
    return address === '127.0.0.1';
  };
  return Object.assign(policy, { asked });
}
