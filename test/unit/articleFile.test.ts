import { describe, expect, it } from 'vitest';
import { contentHash, parseArticleFile } from '../../src/corpus/articleFile.js';
import { articleFile, prose } from '../helpers/corpus.js';

const parse = (text: string) => parseArticleFile(Buffer.from(text, 'utf8'));

describe('parseArticleFile', () => {
  it('reads the front matter fields and the body', () => {
    const result = parse(
      '---\nid: one\ntitle: "A title"\nurl: https://example.org/a\npublisher: Example\nlanguage: de\nauthor: Jo\npublished: 2024-12-24\n---\n\nBody text.\n',
    );
    expect(result).toEqual({
      ok: true,
      article: {
        id: 'one',
        title: 'A title',
        editorialTitle: false,
        url: 'https://example.org/a',
        publisher: 'Example',
        language: 'de',
        author: 'Jo',
        published: '2024-12-24',
        body: 'Body text.',
      },
    });
  });

  it('rejects dates that do not exist instead of moving them (issue 15, item 12)', () => {
    const dated = (published: string) =>
      parse(`---\nid: d\ntitle: T\nlanguage: en\npublished: ${published}\n---\nText.\n`);
    for (const bad of ['2024-13-45', '2023-02-29', '2024-00-10', '"2024-04-31"'])
      expect(dated(bad)).toEqual({ ok: false, reason: expect.stringContaining('not a real date') });
    expect(dated('2024-02-29')).toMatchObject({ ok: true, article: { published: '2024-02-29' } });
    expect(dated('2024')).toMatchObject({ ok: true, article: { published: '2024' } });
    expect(dated('24.12.2024')).toEqual({ ok: false, reason: expect.stringContaining('YYYY-MM-DD') });
  });

  it('stores a URL as a browser reads it, and titles as single lines (issue 15, item 11)', () => {
    const withUrl = (url: string, title = 'T') =>
      parse(`---\nid: u\ntitle: ${JSON.stringify(title)}\nlanguage: en\nurl: ${JSON.stringify(url)}\n---\nText.\n`);
    const injected = withUrl('https://news.example/a>) **INJECTED** [phish](https://evil.example');
    const url = injected.ok ? injected.article.url! : '';
    expect(url).toBe('https://news.example/a%3E%29%20**INJECTED**%20[phish]%28https://evil.example');
    expect(url).not.toMatch(/[\s<>()]/);
    expect(withUrl('HTTPS://News.Example/x')).toMatchObject({ article: { url: 'https://news.example/x' } });
    expect(withUrl('ftp://news.example/x')).toEqual({ ok: false, reason: 'url must be an http(s) address' });
    expect(withUrl('not a url')).toEqual({ ok: false, reason: 'url must be an http(s) address' });
    expect(withUrl('https://news.example/', 'Line one\n# Heading\n\nmore')).toMatchObject({
      article: { title: 'Line one # Heading more' },
    });
  });

  it('leaves unknown fields empty rather than inventing them', () => {
    const result = parse('---\nid: two\ntitle: T\nlanguage: en\nurl:\nauthor:\npublished:\n---\nText.\n');
    expect(result.ok && result.article).toMatchObject({ url: null, author: null, published: null, publisher: null });
  });

  it.each([
    ['a missing title', articleFile({ id: 'x', language: 'en' }, 'b'), 'missing title'],
    ['a missing id', articleFile({ title: 't', language: 'en' }, 'b'), 'missing id'],
    ['an id with spaces', articleFile({ id: 'a b', title: 't', language: 'en' }, 'b'), 'id must be'],
    ['a missing language', articleFile({ id: 'x', title: 't' }, 'b'), 'missing language'],
    ['an unknown language', articleFile({ id: 'x', title: 't', language: 'fr' }, 'b'), 'unknown language "fr"'],
    [
      'a javascript: url',
      articleFile({ id: 'x', title: 't', language: 'en', url: 'javascript:alert(1)' }, 'b'),
      'url must be',
    ],
    [
      'a bad date',
      articleFile({ id: 'x', title: 't', language: 'en', published: 'yesterday' }, 'b'),
      'published must be',
    ],
    ['an empty body', articleFile({ id: 'x', title: 't', language: 'en' }, ' \n '), 'empty body'],
    ['no front matter', 'Just text', 'no front matter'],
  ])('rejects %s', (_name, text, reason) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('rejects bytes that are not UTF-8 and files over the size limit', () => {
    expect(parseArticleFile(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xc3, 0x28]))).toEqual({
      ok: false,
      reason: 'file is not valid UTF-8 text',
    });
    const big = parse(articleFile({ id: 'x', title: 't', language: 'en' }, prose(120_000)));
    expect(!big.ok && big.reason).toContain('larger than');
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    const result = parse('\uFEFF---\r\nid: x\r\ntitle: t\r\nlanguage: en\r\n---\r\nBody.\r\n');
    expect(result.ok).toBe(true);
  });

  it('hashes content so that any change to the article changes the hash', () => {
    const a = parse(articleFile({ id: 'x', title: 't', language: 'en' }, 'Body.'));
    const b = parse(articleFile({ id: 'x', title: 't2', language: 'en' }, 'Body.'));
    if (!a.ok || !b.ok) throw new Error('fixtures must parse');
    expect(contentHash(a.article)).toBe(contentHash(a.article));
    expect(contentHash(a.article)).not.toBe(contentHash(b.article));
  });
});
