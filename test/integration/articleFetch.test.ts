import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateAddressesToo, publicAddressesOnly } from '../../src/articles/addressPolicy.js';
import { fetchPage } from '../../src/articles/fetchPage.js';
import { prepareArticle } from '../../src/articles/prepareArticle.js';
import { loopbackPolicy, type PageServer, startPageServer } from '../helpers/pageServer.js';
import { prose } from '../helpers/corpus.js';

let site: PageServer;
beforeAll(async () => {
  site = await startPageServer();
});
afterAll(() => site.close());

const limits = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 5 };

describe('which addresses a page may be fetched from', () => {
  it('by default, only the public internet', () => {
    const refused = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '0.0.0.0'];
    const refused6 = ['::1', '::', 'fe80::1', 'fc00::1', 'ff02::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '224.0.0.1'];
    for (const address of [...refused, ...refused6]) expect(publicAddressesOnly(address), address).toBe(false);
    for (const address of ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:8.8.8.8'])
      expect(publicAddressesOnly(address), address).toBe(true);
    expect(publicAddressesOnly('not an address')).toBe(false);
  });

  it('ARTICLE_FETCH_ALLOW_PRIVATE lets a private mirror through, never multicast or the unspecified address', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', 'fc00::1'])
      expect(privateAddressesToo(address), address).toBe(true);
    for (const address of ['0.0.0.0', '224.0.0.1', '::']) expect(privateAddressesToo(address), address).toBe(false);
  });

  it('refuses a loopback page under the default policy, by name as well as by address, before any request', async () => {
    const port = new URL(site.origin).port;
    const before = site.requests.length;
    await expect(fetchPage(`${site.origin}/en/openai-board-rejects-bid`, publicAddressesOnly)).rejects.toThrow(
      /leads to 127\.0\.0\.1, a private or local network address.*ARTICLE_FETCH_ALLOW_PRIVATE/,
    );
    // "localhost" resolves to a loopback address: the check is on what the name resolves to.
    await expect(
      fetchPage(`http://localhost:${port}/en/openai-board-rejects-bid`, publicAddressesOnly),
    ).rejects.toThrow(/a private or local network address/);
    expect(site.requests.length).toBe(before);
  });
});

describe('fetching a page safely', () => {
  it('follows redirects, re-checking each, and refuses one to a private address without contacting it', async () => {
    const policy = loopbackPolicy();
    const page = await fetchPage(`${site.origin}/moved`, policy, { limits });
    expect(page.url).toBe(`${site.origin}/en/openai-board-rejects-bid`);
    expect(page.type).toBe('text/html');
    await expect(fetchPage(`${site.origin}/to-private`, policy, { limits })).rejects.toThrow(/leads to 10\.0\.0\.1/);
    await expect(fetchPage(`${site.origin}/to-mapped`, policy, { limits })).rejects.toThrow(/169\.254\.169\.254/);
    await expect(fetchPage(`${site.origin}/to-file`, policy, { limits })).rejects.toThrow(/Only http and https/);
    await expect(fetchPage(`${site.origin}/loop`, policy, { limits })).rejects.toThrow(/More than 5 redirects/);
    // Nothing but loopback was ever let through.
    expect(new Set(policy.asked.filter((a) => policy(a)))).toEqual(new Set(['127.0.0.1']));
    expect(site.requests.filter((p) => p === '/loop')).toHaveLength(6);
  });

  it('refuses bad addresses, bodies over the size limit while reading, slow drips and types that are not pages', async () => {
    const policy = loopbackPolicy();
    await expect(fetchPage('ftp://example.com/file', policy)).rejects.toThrow(/Only http and https.*not ftp/);
    await expect(fetchPage('not a url', policy)).rejects.toThrow(/not a web address/);
    await expect(fetchPage('http://user:secret@127.0.0.1/', policy)).rejects.toThrow(/user name or password/);
    const started = Date.now();
    await expect(fetchPage(`${site.origin}/huge`, policy, { limits })).rejects.toThrow(/larger than 2 MiB/);
    await expect(fetchPage(`${site.origin}/drip`, policy, { limits: { ...limits, timeoutMs: 1_000 } })).rejects.toThrow(
      /did not send the page within 1 s/,
    );
    expect(Date.now() - started).toBeLessThan(8_000);
    await expect(fetchPage(`${site.origin}/image.png`, policy, { limits })).rejects.toThrow(
      /not a web page \(content type image\/png\)/,
    );
    await expect(fetchPage(`${site.origin}/missing`, policy, { limits })).rejects.toThrow(/answered 404/);
  });
});

describe('preparing an article from a link', () => {
  it('extracts an English and a Latin-1 German page with their metadata', async () => {
    const policy = loopbackPolicy();
    const en = await prepareArticle({ kind: 'link', url: `${site.origin}/moved` }, { policy, limits });
    expect(en.draft).toMatchObject({
      title: 'OpenAI board rejects Musk-led $97.4 billion bid',
      publisher: 'The Example Ledger',
      language: 'en',
      // Its canonical link names another host (where the page was saved from): the address fetched stands.
      url: `${site.origin}/en/openai-board-rejects-bid`,
    });
    const de = await prepareArticle({ kind: 'link', url: `${site.origin}/de/kurier` }, { policy, limits });
    expect(de.draft.title).toBe('Altman über Musk: „Ich glaube, er ist kein glücklicher Mensch“');
    expect(de.draft.body).toContain('verließ den Verwaltungsrat drei Jahre später');
  });

  it('takes a plain-text page with its first line as the title and its address as the link', async () => {
    const { draft } = await prepareArticle(
      { kind: 'link', url: `${site.origin}/plain.txt` },
      { policy: loopbackPolicy(), limits },
    );
    expect(draft).toMatchObject({
      title: 'Musk and Altman, a timeline',
      url: `${site.origin}/plain.txt`,
      language: 'en',
    });
  });

  it('never lets a fetched page set its id, address or publisher, in the corpus format or by a canonical link (issue 21, item 7)', async () => {
    const policy = loopbackPolicy();
    const forged = await prepareArticle({ kind: 'link', url: `${site.origin}/forged.txt` }, { policy, limits });
    expect(forged.id).toBeNull();
    expect(forged.draft).toMatchObject({ url: `${site.origin}/forged.txt`, publisher: '127.0.0.1' });
    const canonical = await prepareArticle(
      { kind: 'link', url: `${site.origin}/forged-canonical` },
      { policy, limits },
    );
    expect(canonical.draft.url).toBe(`${site.origin}/forged-canonical`);
    // An uploaded file in the corpus format, by a moderator, keeps its fields.
    const bytes = Buffer.from(
      `---\nid: reuters-exclusive\ntitle: "Exclusive"\nurl: "https://www.reuters.com/exclusive"\npublisher: "Reuters"\nlanguage: en\n---\n\n${prose(80)}`,
    );
    const uploaded = await prepareArticle(
      { kind: 'file', upload: { name: 'a.md', bytes, type: 'text/markdown' } },
      { policy, limits },
    );
    expect(uploaded).toMatchObject({
      id: 'reuters-exclusive',
      draft: { url: 'https://www.reuters.com/exclusive', publisher: 'Reuters' },
    });
  });

  it('refuses pages without article text, saying why', async () => {
    const deps = { policy: loopbackPolicy(), limits };
    await expect(prepareArticle({ kind: 'link', url: `${site.origin}/paywall` }, deps)).rejects.toThrow(
      /no article text the bot can read \(\d+ words found\): a paywall/,
    );
    await expect(prepareArticle({ kind: 'link', url: `${site.origin}/app` }, deps)).rejects.toThrow(
      /no article text the bot can read \(0 words/,
    );
  });
});
