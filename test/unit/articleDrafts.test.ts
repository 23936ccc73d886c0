import { describe, expect, it } from 'vitest';
import { ArticleDrafts } from '../../src/bot/articleDrafts.js';
import type { ArticlePreview } from '../../src/core.js';

const preview = (title: string): ArticlePreview => ({
  draft: { title, url: null, publisher: null, language: 'en', author: null, published: null, body: 'text' },
  id: title,
  words: 1,
  passages: 1,
  firstPassage: 'text',
  duplicateOf: null,
});

describe('article previews waiting for Add or Cancel', () => {
  it('belong to the moderator who asked, expire, and are taken once', () => {
    let now = 0;
    const drafts = new ArticleDrafts(60_000, () => now);
    const { key } = drafts.put(preview('a'), { userId: 'mod', guildId: 'g' });
    expect(drafts.get(key, 'someone else')).toBeNull();
    expect(drafts.get(key, 'mod')?.preview.id).toBe('a');
    expect(drafts.take(key, 'mod')?.preview.id).toBe('a');
    expect(drafts.take(key, 'mod')).toBeNull();
    const late = drafts.put(preview('b'), { userId: 'mod', guildId: 'g' });
    now = 60_000;
    expect(drafts.get(late.key, 'mod')).toBeNull();
  });

  it('hold at most 50 at once, dropping the oldest', () => {
    const drafts = new ArticleDrafts();
    const keys = Array.from(
      { length: 51 },
      (_, i) => drafts.put(preview(`p${i}`), { userId: 'mod', guildId: null }).key,
    );
    expect(drafts.get(keys[0]!, 'mod')).toBeNull();
    expect(drafts.get(keys[1]!, 'mod')?.preview.id).toBe('p1');
    expect(drafts.get(keys[50]!, 'mod')?.preview.id).toBe('p50');
  });
});
