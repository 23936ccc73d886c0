import { normalizeArticleUrl } from '../../corpus/articleFile.js';
import { customId } from '../customIds.js';
import { citationNumbers, citedArticles, type CitedArticle } from '../../answer/citedArticles.js';
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import type { AskResult } from '../../answer/types.js';
import type { Language } from '../../text/languages.js';
import { message } from '../../answer/messages.js';
import { label } from '../i18n.js';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FOOTER_MAX,
  EMBED_TITLE_MAX,
  EMBEDS_TOTAL_MAX,
} from '../limits.js';
import { truncate } from './truncate.js';

export interface MessagePayload {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

const COLOR = 0x5865f2;

/**
 * The reply to /ask: an embed with the answer and its [n] markers, the cited sources only
 * (numbered, linked without previews), a footer with the mode and corpus version, and the
 * quote and feedback buttons. Everything is cut to Discord's limits at a boundary.
 */
export function answerMessage(result: AskResult, answerId: number | null, ui: Language): MessagePayload {
  const lang = result.language;
  let description = result.answer;
  if (result.fallbackReason) description = `${description}\n\n*${message('fallbackNotice', lang)}*`;

  const footer = truncate(
    [
      result.mode === 'llm' && result.model
        ? label('modelFooter', lang, { model: result.model })
        : result.answered
          ? label('quotedFooter', lang)
          : null,
      result.corpusVersion ? label('corpusVersion', lang, { version: result.corpusVersion }) : null,
    ]
      .filter(Boolean)
      .join(' · '),
    EMBED_FOOTER_MAX,
  );
  const title = truncate(result.question, EMBED_TITLE_MAX);
  const fields = packFields(
    citedArticles(result.citations).map(sourceLine),
    message('sources', lang),
    label('sourcesMore', lang),
  );
  const embed = fitEmbed({ title, description, fields, footer });
  const components =
    answerId !== null && result.answered && result.citations.length > 0 ? [answerButtons(answerId, ui)] : [];
  return { embeds: [embed], components };
}

/** The answer while a model is still writing it. */
export function partialAnswerMessage(question: string, text: string, language: Language): MessagePayload {
  return {
    embeds: [
      {
        color: COLOR,
        title: truncate(question, EMBED_TITLE_MAX),
        description: truncate(`${text} …`, EMBED_DESCRIPTION_MAX),
        footer: { text: label('thinking', language) },
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
        label: label('showQuotes', ui),
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

/**
 * Text from an article file shown as written: the characters of Discord's Markdown that
 * can work mid-line (emphasis, strikethrough, spoilers, code, link brackets) are escaped.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\\*_~`|[\]<>]/g, '\\$&');
}

/**
 * `[title](<url>)`, or the title alone when there is no usable URL. The URL is parsed and
 * written back out again here too (it was at ingest), so nothing in it can end the link.
 */
export function articleLink(title: string, url: string | null): string {
  const text = escapeMarkdownText(title);
  const target = url ? normalizeArticleUrl(url) : null;
  return target ? `[${text}](<${target}>)` : text;
}

/** Lines packed into as few fields as fit, each within the field limit. */
export function packFields(
  lines: readonly string[],
  name: string,
  continuedName: string,
): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, EMBED_FIELD_VALUE_MAX);
    if (current && current.length + 1 + line.length > EMBED_FIELD_VALUE_MAX) {
      fields.push({ name: fields.length === 0 ? name : continuedName, value: current });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) fields.push({ name: fields.length === 0 ? name : continuedName, value: current });
  return fields;
}

/** Keep an embed within the per-field, field-count and 6000-character total limits. */
export function fitEmbed(parts: {
  title: string;
  description: string;
  fields: { name: string; value: string }[];
  footer: string;
}): APIEmbed {
  let fields = parts.fields.slice(0, EMBED_FIELDS_MAX);
  const fixed = parts.title.length + parts.footer.length;
  const fieldsLength = () => fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  // Sources beyond the total are dropped first, keeping at least one field; then the answer is shortened.
  while (fields.length > 1 && fixed + fieldsLength() + 200 > EMBEDS_TOTAL_MAX) fields = fields.slice(0, -1);
  const room = Math.max(0, Math.min(EMBED_DESCRIPTION_MAX, EMBEDS_TOTAL_MAX - fixed - fieldsLength()));
  return {
    color: COLOR,
    title: parts.title,
    description: truncate(parts.description, room),
    ...(fields.length > 0 ? { fields: fields.map((f) => ({ ...f, inline: false })) } : {}),
    ...(parts.footer ? { footer: { text: parts.footer } } : {}),
  };
}

/** The total characters Discord counts against EMBEDS_TOTAL_MAX. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}
