import type { APIEmbed } from 'discord-api-types/v10';
import type { ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { parseCustomId } from '../customIds.js';
import { embedLength } from '../format/embeds.js';
import { truncate } from '../format/truncate.js';
import { say } from '../../i18n/words.js';
import { uiLanguage } from '../locale.js';
import { EMBED_DESCRIPTION_MAX, EMBED_TITLE_MAX, EMBEDS_TOTAL_MAX } from '../limits.js';
import { privately } from '../reply.js';
import { handleArticleButton, isArticleAction } from './articleButtons.js';
import { answerForClick, vote } from './feedback.js';
import { openFollowUp } from './followUp.js';
import { handlePrivacyDelete } from './privacy.js';
import { handleHelpButton } from './helpButtons.js';
import { handleSourcesPage } from './sources.js';

/** Routes a button click by its custom id. Returns false for an id the bot never made. */
export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<boolean> {
  const action = parseCustomId(interaction.customId);
  if (!action) return false;
  if (isArticleAction(action)) await handleArticleButton(interaction, action, ctx);
  else if (action.kind === 'quotes') await showQuotes(interaction, ctx, action.answerId);
  else if (action.kind === 'vote') await vote(interaction, ctx, action.answerId, action.vote);
  else if (action.kind === 'privacyDelete') await handlePrivacyDelete(interaction, ctx);
  else if (action.kind === 'followUp') await openFollowUp(interaction, ctx, action.answerId);
  else if (action.kind === 'helpHuman' || action.kind === 'helpSolved')
    await handleHelpButton(interaction, ctx, action.kind, action.threadId);
  // Modal ids on a button: only a crafted click gets here.
  else if (action.kind === 'feedback' || action.kind === 'followUpAsk') return false;
  else await handleSourcesPage(interaction, ctx, action.page, action.language);
  return true;
}

/** "Show quotes": each cited passage's exact text, privately, one embed per passage. */
async function showQuotes(interaction: ButtonInteraction, ctx: BotContext, answerId: number): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  const answer = (await answerForClick(interaction, ctx, answerId))?.result;
  if (!answer) return;
  const embeds: APIEmbed[] = answer.citations.map((c) => ({
    color: 0x99aab5,
    title: truncate(`[${c.n}] ${c.title}`, EMBED_TITLE_MAX),
    ...(c.url ? { url: c.url } : {}),
    description: truncate(c.quote, EMBED_DESCRIPTION_MAX),
    footer: { text: [c.publisher, c.language.toUpperCase(), c.passageId].filter(Boolean).join(' · ') },
  }));
  // Discord allows 10 embeds and 6000 characters per message: send as many messages as that takes.
  const messages: APIEmbed[][] = [];
  for (const embed of embeds) {
    const last = messages.at(-1);
    if (
      last &&
      last.length < 10 &&
      last.reduce((n, e) => n + embedLength(e), 0) + embedLength(embed) <= EMBEDS_TOTAL_MAX
    )
      last.push(embed);
    else messages.push([embed]);
  }
  const [first = [], ...rest] = messages;
  await interaction.reply(privately({ content: say('quotesTitle', ui), embeds: first }));
  for (const more of rest) await interaction.followUp(privately({ embeds: more }));
}
