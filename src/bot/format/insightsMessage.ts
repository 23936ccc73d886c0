import type { APIEmbed } from 'discord-api-types/v10';
import type { Insights } from '../../insights/insightsQuery.js';
import { say } from '../../i18n/words.js';
import type { Language } from '../../text/languages.js';
import { EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX } from '../limits.js';
import { EMBED_COLOR, embedLength } from './embeds.js';
import { escapeMarkdownText } from './markdown.js';
import { truncate } from './truncate.js';

/** The chart's file name, as the summary embed refers to it. */
export const CHART_FILE = 'answers-per-day.png';
/** Longest question or comment shown on one line of the report. */
const LINE_TEXT_MAX = 200;
const EMBEDS_PER_MESSAGE = 10;

/**
 * /insights as embeds grouped into messages within Discord's limits (10 embeds and 6,000
 * characters a message, 4,096 a description): a summary with the chart, then the questions
 * the articles did not cover, then the answers voted down with their reasons and links.
 * Longer lists continue in further embeds and messages (pages) rather than being cut.
 */
export function insightsMessages(
  insights: Insights,
  ui: Language,
  retentionDays: number,
  withChart: boolean,
): APIEmbed[][] {
  const { totals, votes } = insights;
  const number = (n: number) => n.toLocaleString(ui);
  const voted = votes.up + votes.down;
  const share = voted > 0 ? `${Math.round((100 * votes.up) / voted)} %` : '—';
  const summary: APIEmbed = {
    color: EMBED_COLOR,
    title: say('insightsTitle', ui, { days: insights.days }),
    fields: [
      { name: say('insightsAsked', ui), value: number(totals.asked), inline: true },
      { name: say('insightsAnswered', ui), value: number(totals.answered), inline: true },
      { name: say('insightsRefused', ui), value: number(totals.refused), inline: true },
      { name: say('insightsFallback', ui), value: number(totals.fallback), inline: true },
      {
        name: say('insightsTokens', ui),
        value: say('insightsTokensValue', ui, {
          tokens: number(insights.perDay.reduce((n, d) => n + d.tokens, 0)),
          reached: number(totals.budgetReached),
        }),
        inline: true,
      },
      {
        name: say('insightsVotes', ui),
        value: say('insightsVotesValue', ui, { up: number(votes.up), down: number(votes.down), share }),
        inline: true,
      },
    ],
    ...(withChart ? { image: { url: `attachment://${CHART_FILE}` } } : {}),
    ...(insights.days > retentionDays && retentionDays > 0
      ? { footer: { text: say('insightsRetention', ui, { days: retentionDays }) } }
      : {}),
  };
  const short = (text: string) => escapeMarkdownText(truncate(text.replace(/\s+/g, ' '), LINE_TEXT_MAX));
  const grouped = (groups: Insights['uncovered']) =>
    groups.map(
      (g) => `**${g.count}×** ${short(g.question)}${g.wordings.length > 1 ? ` (+${g.wordings.length - 1})` : ''}`,
    );
  const downvoted = insights.downvoted.map((d) => downvotedLine(d, short, ui));
  const embeds = [
    summary,
    ...listEmbeds(say('insightsUncovered', ui), grouped(insights.uncovered), ui),
    ...listEmbeds(say('insightsUnsure', ui), grouped(insights.unsure), ui),
    ...listEmbeds(say('insightsDownvoted', ui), downvoted, ui),
    ...listEmbeds(
      say('insightsLeftToPeople', ui),
      insights.leftToPeople.map((p) => `<t:${Math.floor(p.at / 1000)}:d> <#${p.threadId}>`),
      ui,
    ),
  ];
  return intoMessages(embeds);
}

/** One 👎 answer: when, the question (linked to its message), the reason and the comment. */
function downvotedLine(d: Insights['downvoted'][number], short: (text: string) => string, ui: Language): string {
  const question = d.message
    ? `[${short(d.question) || '…'}](https://discord.com/channels/${d.message.guildId}/${d.message.channelId}/${d.message.messageId})`
    : `${short(d.question) || '…'} (${say('insightsPrivateAnswer', ui)})`;
  const reason = d.reason ? ` — ${say(`reason.${d.reason}`, ui)}` : '';
  const comment = d.comment ? ` — “${short(d.comment)}”` : '';
  return `<t:${Math.floor(d.at / 1000)}:d> ${question}${reason}${comment}`;
}

/** A titled list over as many embeds as it needs, each description within its limit. */
function listEmbeds(title: string, lines: readonly string[], ui: Language): APIEmbed[] {
  if (lines.length === 0) return [{ color: EMBED_COLOR, title, description: say('insightsNone', ui) }];
  const embeds: APIEmbed[] = [];
  let current = '';
  const push = () =>
    embeds.push({ color: EMBED_COLOR, title: embeds.length === 0 ? title : `${title} (…)`, description: current });
  for (const line of lines) {
    if (current && current.length + 1 + line.length > EMBED_DESCRIPTION_MAX) {
      push();
      current = '';
    }
    current = current ? `${current}\n${line}` : truncate(line, EMBED_DESCRIPTION_MAX);
  }
  push();
  return embeds;
}

function intoMessages(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  for (const embed of embeds) {
    const last = messages.at(-1);
    const size = (last ?? []).reduce((n, e) => n + embedLength(e), 0);
    if (last && last.length < EMBEDS_PER_MESSAGE && size + embedLength(embed) <= EMBEDS_TOTAL_MAX) last.push(embed);
    else messages.push([embed]);
  }
  return messages;
}
