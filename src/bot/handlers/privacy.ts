import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { say } from '../../i18n/words.js';
import type { BotContext } from '../context.js';
import { customId } from '../customIds.js';
import { EMBED_COLOR } from '../format/embeds.js';
import { uiLanguage } from '../locale.js';
import { privately, quietly } from '../reply.js';

/** /privacy: what is kept about the member who asks, for how long, and a button to delete it all now. */
export async function handlePrivacy(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  const data = ctx.core.memberData(interaction.user.id);
  const counts = { questions: data.questions, answers: data.postedAnswers, votes: data.votes };
  const { retentionDays } = ctx.core;
  const lines = [
    say('privacyStored', ui, counts),
    retentionDays === 0 ? say('privacyNoText', ui) : say('privacyRetention', ui, { days: retentionDays }),
    say('privacyModel', ui),
    say('privacyCommunityAnswers', ui),
  ];
  const deleteButton: APIActionRowComponent<APIButtonComponent> = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Danger,
        // The button names no one: it deletes the data of whoever clicks it, so it cannot be aimed at another member.
        custom_id: customId({ kind: 'privacyDelete' }),
        label: say('privacyDeleteButton', ui),
      },
    ],
  };
  await interaction.reply(
    privately({
      embeds: [{ color: EMBED_COLOR, title: say('privacyTitle', ui), description: lines.join('\n\n') }],
      components: [deleteButton],
    }),
  );
}

/** The delete button: everything that holds the clicking member's id goes, now. */
export async function handlePrivacyDelete(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  const deleted = ctx.core.deleteMemberData(interaction.user.id);
  const counts = { questions: deleted.questions, answers: deleted.postedAnswers, votes: deleted.votes };
  await interaction.update(quietly({ content: say('privacyDeleted', ui, counts), embeds: [], components: [] }));
  // Answers a moderator saved from their replies leave the corpus too (a reload: after the reply above).
  const removed = await ctx.core.removeAnswersBy(interaction.user.id);
  if (removed.length > 0)
    await interaction.followUp(privately({ content: say('privacyAnswersRemoved', ui, { count: removed.length }) }));
}
