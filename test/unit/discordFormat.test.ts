import { citedArticles } from '../../src/answer/citedArticles.js';
import { describe, expect, it } from 'vitest';
import type { Answered } from '../../src/answer/types.js';
import { aCitation, anAnswer } from '../helpers/builders.js';
import { answerMessage, sourceLine } from '../../src/bot/format/answerMessage.js';
import { embedLength } from '../../src/bot/format/embeds.js';
import { type ButtonAction, customId, parseCustomId } from '../../src/bot/customIds.js';
import { sourcesMessage } from '../../src/bot/format/sourcesMessage.js';
import { truncate } from '../../src/bot/format/truncate.js';
import { languageForLocale } from '../../src/bot/locale.js';
import { say } from '../../src/i18n/words.js';
import {
  CUSTOM_ID_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_TOTAL_MAX,
} from '../../src/bot/limits.js';

const citation = aCitation;
const result = (over: Partial<Answered> = {}): Answered =>
  anAnswer({ question: 'q?', answer: 'An answer [1].', ...over });

describe('truncate', () => {
  it('keeps short text and cuts long text at a boundary with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('One sentence here. Another sentence that is long.', 30);
    expect(cut).toBe('One sentence here.…');
    expect(truncate('x'.repeat(50), 10)).toHaveLength(10);
  });
});

describe('answerMessage', () => {
  it('links sources without previews, shows publisher for an article without a URL, and escapes brackets', () => {
    const [first, second] = citedArticles([
      citation(1),
      citation(2, { url: null, title: 'A [weird] title', language: 'de' }),
    ]);
    expect(sourceLine(first!)).toBe('[1] [Title 1](<https://example.org/1>) — Example · EN');
    expect(sourceLine(second!)).toBe('[2] A \\[weird\\] title — Example · DE');
  });

  it('never lets an article file add Markdown or links of its own (issue 15, item 11)', () => {
    // A URL stored before ingest normalized them, and Markdown in a title and a publisher.
    const [hostile] = citedArticles([
      citation(1, {
        url: 'https://news.example/a>) **INJECTED** [phish](https://evil.example',
        title: '**Big** news [here](https://evil.example) ||x||',
        publisher: '__Pub__',
      }),
    ]);
    const line = sourceLine(hostile!);
    expect(line).toBe(
      '[1] [\\*\\*Big\\*\\* news \\[here\\](https://evil.example) \\|\\|x\\|\\|](<https://news.example/a%3E%29%20**INJECTED**%20[phish]%28https://evil.example>) — \\_\\_Pub\\_\\_ · EN',
    );
    const [unusable] = citedArticles([citation(2, { url: 'javascript:alert(1)' })]);
    expect(sourceLine(unusable!)).toBe('[2] Title 2 — Example · EN');
  });

  it('lists an article once, with every number that cites one of its passages', () => {
    const sameArticle = { articleId: 'a-1', title: 'Title 1', url: 'https://example.org/1' };
    const articles = citedArticles([citation(1, sameArticle), citation(2), citation(3, sameArticle)]);
    expect(articles.map(sourceLine)).toEqual([
      '[1, 3] [Title 1](<https://example.org/1>) — Example · EN',
      expect.stringMatching(/^\[2\] /),
    ]);
  });

  it('stays within every Discord limit for an enormous answer and many long sources', () => {
    const huge = result({
      question: 'Q'.repeat(500),
      answer: 'Word [1]. '.repeat(2_000),
      citations: Array.from({ length: 60 }, (_, i) =>
        citation(i + 1, { title: 'T'.repeat(400), url: `https://example.org/${'x'.repeat(300)}` }),
      ),
      fallbackReason: 'timed out',
    });
    const { embeds, components } = answerMessage(huge, 123);
    const embed = embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(embed.description!.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(embed.description!.endsWith('…')).toBe(true);
    expect(embed.fields!.length).toBeLessThanOrEqual(EMBED_FIELDS_MAX);
    for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBEDS_TOTAL_MAX);
    for (const c of components[0]!.components)
      expect(('custom_id' in c ? c.custom_id : '').length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
  });

  it('gives a refusal no sources and no buttons', () => {
    const { embeds, components } = answerMessage(
      { ...result(), outcome: 'refused', refusal: 'weak-match', answer: 'Not covered.', citations: [] },
      null,
    );
    expect(embeds[0]!.fields).toBeUndefined();
    expect(components).toEqual([]);
  });
});

describe('sourcesMessage', () => {
  it('pages 10 at a time within the description limit', () => {
    const articles = Array.from({ length: 25 }, (_, i) => ({
      id: `a${i}`,
      title: 'Very long title '.repeat(30),
      editorialTitle: false,
      url: `https://example.org/${'y'.repeat(400)}`,
      publisher: 'P',
      language: 'en' as const,
      author: null,
      published: '2024-12-24',
      passages: 3,
    }));
    const page = sourcesMessage({ version: 'v', articles }, 3, undefined, 'en');
    expect(page.embeds[0]!.description!.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(page.embeds[0]!.footer!.text).toContain('Page 3 of 3');
    const page1 = sourcesMessage({ version: 'v', articles }, 1, undefined, 'en');
    expect(page1.embeds[0]!.description!.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
  });
});

describe('locales', () => {
  it('maps Discord locales to answer languages', () => {
    expect(languageForLocale('de')).toBe('de');
    expect(languageForLocale('en-GB')).toBe('en');
    expect(languageForLocale('fr')).toBeUndefined();
    expect(say('page', 'de', { page: 1, pages: 2 })).toBe('Seite 1 von 2');
  });
});

describe('custom ids', () => {
  it('reads back every id the bot builds, and nothing it did not', () => {
    const actions: ButtonAction[] = [
      { kind: 'quotes', answerId: 281474976710655 },
      { kind: 'vote', answerId: 7, vote: 'down' },
      { kind: 'sources', page: 3, language: 'de' },
      { kind: 'sources', page: 1, language: undefined },
    ];
    for (const action of actions) expect(parseCustomId(customId(action))).toEqual(action);
    for (const forged of [
      'quotes:',
      'quotes:1:2',
      'vote:1:sideways',
      'sources:2:fr',
      'frobnicate:1',
      'quotes:-1',
      'quotes:1e9',
    ])
      expect(parseCustomId(forged)).toBeNull();
  });
});
