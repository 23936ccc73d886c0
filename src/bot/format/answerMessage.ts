import { customId } from '../customIds.js';
import { citationNumbers, citedArticles, type CitedArticle } from '../../answer/citedArticles.js';
import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { AskResult } from '../../answer/types.js';
import type { Language } from '../../text/languages.js';
import { say } from '../../i18n/words.js';
import { EMBED_DESCRIPTION_MAX, EMBED_FOOTER_MAX, EMBED_TITLE_MAX } from '../limits.js';
import { escapeMarkdownText, articleLink } from './markdown.js';
import { EMBED_COLOR, fitEmbed, type MessagePayload, packFields } from './embeds.js';
import { truncate } from './truncate.js';

/**
 * The reply to /ask: an embed with the answer and its [n] markers, the cited sources only
 * (numbered, linked without previews), a footer with the mode and corpus version, and the
 * quote and feedback buttons. Everything is cut to Discord's limits at a boundary. Every
 * label is in the answer's own language: one message, one language, whatever the locale.
 */
export function answerMessage(result: AskResult, answerId: number | null): MessagePayload {
  const lang = result.language;
  const answered = result.outcome === 'answered' ? result : null;
  let description = result.answer;
  if (answered?.fallbackReason)
    description = `${description}\n\n*${say(answered.budgetReached ? 'budgetNotice' : 'fallbackNotice', lang)}*`;

  const footer = truncate(
    [
      answered?.mode === 'llm' && answered.model
        ? say('modelFooter', lang, { model: answered.model })
        : answered
          ? say('quotedFooter', lang)
          : null,
      result.corpusVersion ? say('corpusVersion', lang, { version: result.corpusVersion }) : null,
    ]
      .filter(Boolean)
      .join(' · '),
    EMBED_FOOTER_MAX,
  );
  const title = truncate(result.question, EMBED_TITLE_MAX);
  const fields = packFields(
    citedArticles(result.citations).map(sourceLine),
    say('sources', lang),
    say('sourcesMore', lang),
  );
  const embed = fitEmbed({ title, description, fields, footer });
  const components =
    answerId !== null && answered && answered.citations.length > 0 ? [answerButtons(answerId, lang)] : [];
  return { embeds: [embed], components };
}

/** The answer while a model is still writing it. */
export function partialAnswerMessage(question: string, text: string, language: Language): MessagePayload {
  return {
    embeds: [
      {
        color: EMBED_COLOR,
        title: truncate(question, EMBED_TITLE_MAX),
        description: truncate(`${text} …`, EMBED_DESCRIPTION_MAX),
        footer: { text: say('thinking', language) },
      },
    ],
    components: [],
  };
}

function answerButtons(answerId: number, ui: Language): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: say('showQuotes', ui),
        custom_id: customId({ kind: 'quotes', answerId }),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        emoji: { name: '👍' },
        custom_id: customId({ kind: 'vote', answerId, vote: 'up' }),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        emoji: { name: '👎' },
        custom_id: customId({ kind: 'vote', answerId, vote: 'down' }),
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        label: say('buttonFollowUp', ui),
        custom_id: customId({ kind: 'followUp', answerId }),
      },
    ],
  };
}

/** `[n] [Title](<url>) — publisher · DE`; an article without a URL shows its publisher only. */
export function sourceLine(a: CitedArticle): string {
  const linked = articleLink(truncate(a.title, 200), a.url);
  const details = [a.publisher && escapeMarkdownText(a.publisher), a.language.toUpperCase()]
    .filter(Boolean)
    .join(' · ');
  return `${citationNumbers(a)} ${linked} — ${details}`;
}
