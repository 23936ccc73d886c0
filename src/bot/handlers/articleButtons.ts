import type { ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { ArticleDraft } from '../../core.js';
import { UserFacingError } from '../../errors.js';
import { say } from '../../i18n/words.js';
import { isSupportedLanguage, SUPPORTED_LANGUAGES, type Language } from '../../text/languages.js';
import type { BotContext } from '../context.js';
import { type ButtonAction, parseCustomId } from '../customIds.js';
import { articleFieldsModal, articlePreviewMessage, FIELD_IDS } from '../format/articlePreview.js';
import { reloadMessage } from '../format/reloadMessage.js';
import { truncate } from '../format/truncate.js';
import { MESSAGE_CONTENT_MAX } from '../limits.js';
import { uiLanguage } from '../locale.js';
import { isModerator } from '../permissions.js';
import { privately, quietly } from '../reply.js';

type ArticleAction = Extract<
  ButtonAction,
  { kind: 'articleAdd' | 'articleEdit' | 'articleCancel' | 'articleFields' | 'articleRemove' | 'articleKeep' }
>;

/** A moderator, or a private refusal (logged: it takes a crafted click or a changed role). */
async function moderatorOnly(interaction: ButtonInteraction | ModalSubmitInteraction, ctx: BotContext, ui: Language) {
  if (isModerator(interaction, ctx.settings.moderatorRoleIds)) return true;
  const who = { userId: interaction.user.id, guildId: interaction.guildId, customId: interaction.customId };
  ctx.logger.warn(who, 'article action refused: not a moderator');
  await interaction.reply(privately({ content: say('notModeratorArticles', ui) }));
  return false;
}

/** Whether a button or modal id belongs to /article's previews and confirmations. */
export function isArticleAction(action: ButtonAction): action is ArticleAction {
  return action.kind.startsWith('article');
}

/**
 * The buttons of a preview (Add, Correct fields, Cancel), its modal, and the confirmation
 * of a removal. Each checks again that the member is a moderator: a button's id can be
 * replayed by anyone who can craft a click.
 */
export async function handleArticleButton(
  interaction: ButtonInteraction,
  action: ArticleAction,
  ctx: BotContext,
): Promise<void> {
  const ui = uiLanguage(interaction.locale);
  if (!(await moderatorOnly(interaction, ctx, ui))) return;
  const userId = interaction.user.id;
  const actor = { via: 'discord' as const, id: userId, name: interaction.user.username };
  const gone = { content: say('articleExpired', ui), embeds: [], components: [] };
  if (action.kind === 'articleKeep') {
    await interaction.update(quietly({ content: say('articleKept', ui), embeds: [], components: [] }));
  } else if (action.kind === 'articleRemove') {
    await interaction.update(quietly({ content: say('articleRemoving', ui), components: [] }));
    await settle(interaction, ui, 'articleRemoveFailed', async () => {
      const removed = await ctx.core.removeArticle(action.articleId, actor);
      const words = { id: removed.id, title: removed.title };
      return { content: say('articleRemoved', ui, words), ...reloadMessage(removed.report, ui) };
    });
  } else if (action.kind === 'articleCancel') {
    ctx.drafts.take(action.draft, userId);
    await interaction.update(quietly({ content: say('articleCancelled', ui), embeds: [], components: [] }));
  } else if (action.kind === 'articleAdd') {
    const pending = ctx.drafts.take(action.draft, userId);
    if (!pending) return void (await interaction.update(quietly(gone)));
    await interaction.update(quietly({ content: say('articleAdding', ui), components: [] }));
    await settle(interaction, ui, 'articleReadFailed', async () => {
      const added = await ctx.core.addArticle(pending.preview.draft, actor, pending.preview.id);
      return {
        content: say('articleAdded', ui, { id: added.id }),
        ...reloadMessage(added.report, ui, ctx.core.embeddings()),
      };
    });
  } else if (action.kind === 'articleEdit') {
    const pending = ctx.drafts.get(action.draft, userId);
    if (!pending) return void (await interaction.update(quietly(gone)));
    await interaction.showModal(articleFieldsModal(pending.preview, action.draft, ui));
  } else {
    // A modal's id on a button: only a crafted click gets here.
    await interaction.update(quietly(gone));
  }
}

/** The submitted "Correct fields" modal of a preview. */
export async function handleArticleModal(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<boolean> {
  const action = parseCustomId(interaction.customId);
  if (action?.kind !== 'articleFields') return false;
  const ui = uiLanguage(interaction.locale);
  if (await moderatorOnly(interaction, ctx, ui)) await correctFields(interaction, action.draft, ctx, ui);
  return true;
}

/** Run a change of the corpus and show its outcome in place of the preview; a refusal says why. */
async function settle(
  interaction: ButtonInteraction,
  ui: Language,
  failure: 'articleReadFailed' | 'articleRemoveFailed',
  change: () => Promise<{ content: string; embeds: object[] }>,
): Promise<void> {
  try {
    await interaction.editReply(quietly({ ...(await change()), components: [] }));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const content = truncate(say(failure, ui, { reason: error.message }), MESSAGE_CONTENT_MAX);
    await interaction.editReply(quietly({ content, embeds: [], components: [] }));
  }
}

/** The modal's fields applied to the preview, checked as a corpus file is; the preview shows the result. */
async function correctFields(interaction: ModalSubmitInteraction, key: string, ctx: BotContext, ui: Language) {
  const pending = ctx.drafts.get(key, interaction.user.id);
  if (!pending) {
    await interaction.reply(privately({ content: say('articleExpired', ui) }));
    return;
  }
  const value = (id: string) => interaction.fields.getTextInputValue(id).replace(/\s+/g, ' ').trim() || null;
  const language = (value(FIELD_IDS.language) ?? '').toLowerCase();
  try {
    if (!isSupportedLanguage(language))
      throw new UserFacingError(`the language must be one of ${SUPPORTED_LANGUAGES.join(', ')}.`);
    const draft: ArticleDraft = {
      ...pending.preview.draft,
      title: value(FIELD_IDS.title) ?? pending.preview.draft.title,
      publisher: value(FIELD_IDS.publisher),
      language,
      published: value(FIELD_IDS.published),
      author: value(FIELD_IDS.author),
    };
    // The id follows the corrected publisher and title.
    const preview = await ctx.core.previewArticle(draft);
    ctx.drafts.replace(key, preview);
    const message = articlePreviewMessage(preview, key, pending.expiresAt, ui);
    if (interaction.isFromMessage()) await interaction.update(quietly(message));
    else await interaction.reply(privately(message));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const content = truncate(say('articleFieldsInvalid', ui, { reason: error.message }), MESSAGE_CONTENT_MAX);
    await interaction.reply(privately({ content }));
  }
}
