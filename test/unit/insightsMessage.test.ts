import { describe, expect, it } from 'vitest';
import { insightsMessages } from '../../src/bot/format/insightsMessage.js';
import { embedLength } from '../../src/bot/format/embeds.js';
import type { Insights } from '../../src/insights/insightsQuery.js';

const insights = (uncovered: number, downvoted: number): Insights => ({
  days: 30,
  since: 0,
  totals: { asked: 10_000, answered: 8_000, refused: 1_900, fallback: 100, budgetReached: 3 },
  votes: { up: 30, down: 10 },
  perDay: [],
  unsure: [],
  leftToPeople: [],
  uncovered: Array.from({ length: uncovered }, (_, i) => ({
    question: `Question number ${i} about something the articles ${'never '.repeat(20)}cover`,
    count: uncovered - i,
    wordings: [`q${i}`],
  })),
  downvoted: Array.from({ length: downvoted }, (_, i) => ({
    answerId: i,
    question: `Answer ${i} ${'x'.repeat(150)}`,
    reason: 'wrong' as const,
    comment: 'c'.repeat(400),
    at: 1_700_000_000_000,
    message: { guildId: '1', channelId: '2', messageId: String(i) },
  })),
});

describe('the /insights report in Discord messages', () => {
  it('pages long lists over embeds and messages, each within Discord limits, losing no line', () => {
    const messages = insightsMessages(insights(400, 50), 'en', 90, true);
    expect(messages.length).toBeGreaterThan(2);
    for (const embeds of messages) {
      expect(embeds.length).toBeLessThanOrEqual(10);
      expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6_000);
      for (const e of embeds) expect(e.description?.length ?? 0).toBeLessThanOrEqual(4_096);
    }
    const text = JSON.stringify(messages);
    expect(text).toContain('Question number 399 about');
    expect(text).toContain('https://discord.com/channels/1/2/49');
    expect(messages[0]![0]!.image?.url).toBe('attachment://answers-per-day.png');
  });

  it('says when there is nothing, in German too, and notes a period longer than what is kept', () => {
    const [[summary, uncovered, downvoted]] = insightsMessages({ ...insights(0, 0), days: 365 }, 'de', 90, false) as [
      [{ title: string; footer?: { text: string } }, { description: string }, { description: string }],
    ];
    expect(summary.title).toBe('Einblicke: die letzten 365 Tage');
    expect(summary.footer?.text).toBe('Nur die letzten 90 Tage werden aufbewahrt.');
    expect(uncovered.description).toBe('Keine in diesem Zeitraum.');
    expect(downvoted.description).toBe('Keine in diesem Zeitraum.');
  });
});
