import { AttachmentBuilder, type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { outcomeChartPng } from '../../insights/chart.js';
import { say } from '../../i18n/words.js';
import { INSIGHTS_OPTIONS } from '../commands/definitions.js';
import type { BotContext } from '../context.js';
import { CHART_FILE, insightsMessages } from '../format/insightsMessage.js';
import { uiLanguage } from '../locale.js';
import { isModerator } from '../permissions.js';
import { privately, quietly } from '../reply.js';

const DEFAULT_DAYS = 30;

/**
 * /insights [days]: moderators only, privately. Deferred first, so that a large log
 * never misses Discord's 3-second window; then the report, in as many messages as it takes.
 */
export async function handleInsights(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  if (!isModerator(interaction, ctx.settings.moderatorRoleIds)) {
    ctx.logger.warn({ userId: interaction.user.id, guildId: interaction.guildId }, 'insights refused: not a moderator');
    await interaction.reply(privately({ content: say('notModeratorInsights', ui) }));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const days = interaction.options.getInteger(INSIGHTS_OPTIONS.days) ?? DEFAULT_DAYS;
  const insights = ctx.core.insights({ guildId: interaction.guildId, days });
  const withChart = insights.totals.asked > 0;
  const files = withChart
    ? [
        new AttachmentBuilder(
          outcomeChartPng(insights.perDay, insights.since, Date.now(), {
            title: say('chartTitle', ui),
            answered: say('insightsAnswered', ui),
            fallback: say('insightsFallback', ui),
            refused: say('insightsRefused', ui),
          }),
          { name: CHART_FILE },
        ),
      ]
    : [];
  const [first = [], ...rest] = insightsMessages(insights, ui, ctx.core.retentionDays, withChart);
  await interaction.editReply(quietly({ embeds: first, files }));
  for (const embeds of rest) await interaction.followUp(privately({ embeds }));
}
