import {
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  RateLimitError,
  type RepliableInteraction,
  RESTJSONErrorCodes,
} from 'discord.js';
import { type CommandName, COMMANDS, isCommandName } from './commands/definitions.js';
import { optionViolation } from './commands/checkOptions.js';
import { UserFacingError } from '../errors.js';
import type { BotContext } from './context.js';
import { handleArticle, handleArticleAutocomplete } from './handlers/article.js';
import { handleArticleModal } from './handlers/articleButtons.js';
import { handleAsk } from './handlers/ask.js';
import { handleFeedbackModal } from './handlers/feedback.js';
import { handleFollowUpModal } from './handlers/followUp.js';
import { handleInsights } from './handlers/insights.js';
import { handlePrivacy } from './handlers/privacy.js';
import { handleAutoreply } from './handlers/autoreply.js';
import { handleSaveAnswer } from './handlers/saveAnswer.js';
import { saveAnswerCommand } from './commands/autoreplyCommand.js';
import { handleButton } from './handlers/buttons.js';
import { handleReload } from './handlers/reload.js';
import { handleSources } from './handlers/sources.js';
import { say } from '../i18n/words.js';
import { newErrorId } from './errorId.js';
import { uiLanguage } from './locale.js';
import { privately, quietly } from './reply.js';

type CommandHandler = (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;

/** One handler per registered command: leaving one out does not compile. */
const COMMAND_HANDLERS: Record<CommandName, CommandHandler> = {
  ask: handleAsk,
  sources: handleSources,
  reload: handleReload,
  article: handleArticle,
  insights: handleInsights,
  privacy: handlePrivacy,
  autoreply: handleAutoreply,
};

/**
 * The one entry for every interaction: route it, and whatever fails, log it with an error
 * id and tell the user privately, with that id. Never rejects.
 */
export async function routeInteraction(interaction: Interaction, shared: BotContext): Promise<void> {
  const started = performance.now();
  // Every line logged while handling it names the interaction, without each handler adding it.
  const ctx: BotContext = { ...shared, logger: shared.logger.child({ interactionId: interaction.id }) };
  try {
    if (interaction.isChatInputCommand()) {
      const name = interaction.commandName;
      if (!isCommandName(name)) throw new Error(`no handler for /${name}`);
      if (await refusedOptions(interaction, ctx, name)) return;
      await COMMAND_HANDLERS[name](interaction, ctx);
    } else if (interaction.isMessageContextMenuCommand()) {
      if (interaction.commandName !== saveAnswerCommand.name)
        throw new Error(`no handler for ${interaction.commandName}`);
      await handleSaveAnswer(interaction, ctx);
    } else if (interaction.isButton()) {
      if (!(await handleButton(interaction, ctx))) throw new Error(`no handler for button ${interaction.customId}`);
    } else if (interaction.isModalSubmit()) {
      const handled =
        (await handleArticleModal(interaction, ctx)) ||
        (await handleFeedbackModal(interaction, ctx)) ||
        (await handleFollowUpModal(interaction, ctx));
      if (!handled) throw new Error(`no handler for modal ${interaction.customId}`);
    } else if (interaction.isAutocomplete()) {
      // Only /article remove has an option that completes.
      await handleArticleAutocomplete(interaction, ctx);
    } else {
      return;
    }
    ctx.logger.debug({ ms: Math.round(performance.now() - started) }, 'interaction handled');
  } catch (error) {
    await reportFailure(interaction, ctx, error);
  }
}

/** Options outside what the command declares (a forged interaction) are refused before any work. */
async function refusedOptions(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  name: CommandName,
): Promise<boolean> {
  const command = COMMANDS.find((c) => c.name === name)!;
  const problem = optionViolation(interaction.options.data, command);
  if (!problem) return false;
  ctx.logger.warn({ command: name, problem }, 'options outside the declared limits');
  await interaction.reply(privately({ content: say('badOptions', uiLanguage(interaction.locale), { problem }) }));
  return true;
}

async function reportFailure(interaction: Interaction, ctx: BotContext, error: unknown): Promise<void> {
  const errorId = newErrorId();
  const summary = {
    errorId,
    type: interaction.type,
    command: interaction.isChatInputCommand() ? interaction.commandName : undefined,
    customId: interaction.isButton() || interaction.isModalSubmit() ? interaction.customId : undefined,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
  };
  if (error instanceof RateLimitError) {
    // Discord asked for a longer wait than MAX_RATE_LIMIT_WAIT_MS: the reply is abandoned, and a
    // follow-up would go to the same rate-limited webhook.
    ctx.logger.warn(
      { ...summary, route: error.route, retryAfterMs: error.retryAfter, scope: error.scope },
      'Discord rate limit too long to wait; reply abandoned',
    );
    return;
  }
  if (isGone(error)) {
    // The interaction expired or its message was deleted: nobody is left to tell.
    ctx.logger.warn({ ...summary, err: error }, 'interaction gone before we answered');
    return;
  }
  ctx.logger.error({ ...summary, err: error }, 'interaction failed');
  if (!interaction.isRepliable()) return;
  const ui = uiLanguage(interaction.locale);
  const content = error instanceof UserFacingError ? error.message : say('error', ui, { id: errorId });
  try {
    if (interaction.deferred && !interaction.replied) await apologiseInPlace(interaction, content);
    else if (interaction.replied) await interaction.followUp(privately({ content }));
    else await interaction.reply(privately({ content }));
  } catch (replyError) {
    ctx.logger.warn({ errorId, err: replyError }, 'could not tell the user about the failure');
  }
}

/** A deferred reply still says "thinking…", so it becomes the apology; if Discord refuses that edit, a private follow-up. */
async function apologiseInPlace(interaction: RepliableInteraction, content: string): Promise<void> {
  try {
    await interaction.editReply(quietly({ content, embeds: [], components: [] }));
  } catch {
    await interaction.followUp(privately({ content }));
  }
}

function isGone(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === RESTJSONErrorCodes.UnknownInteraction ||
      error.code === RESTJSONErrorCodes.UnknownMessage ||
      error.code === RESTJSONErrorCodes.UnknownWebhook ||
      error.code === RESTJSONErrorCodes.InvalidWebhookToken)
  );
}
