import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord-api-types/v10';
import type { ArticlePreview } from '../../core.js';
import { say } from '../../i18n/words.js';
import { LANGUAGE_NAMES, type Language } from '../../text/languages.js';
import { customId } from '../customIds.js';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, EMBED_TITLE_MAX } from '../limits.js';
import { EMBED_COLOR } from './embeds.js';
import { escapeMarkdownText } from './markdown.js';
import { truncate } from './truncate.js';

/** The first passage shown in a preview: enough to recognise the article. */
const PREVIEW_PASSAGE_MAX = 1_000;

/** The moderator's private preview of an article: its fields, what will be indexed, and Add / Correct / Cancel. */
export function articlePreviewMessage(preview: ArticlePreview, key: string, expiresAt: number, ui: Language) {
  const d = preview.draft;
  const field = (name: string, value: string | null) => ({
    name,
    value: truncate(value ? escapeMarkdownText(value) : `*${say('unknown', ui)}*`, EMBED_FIELD_VALUE_MAX),
    inline: true,
  });
  const indexed = say('fieldIndexedValue', ui, {
    file: `${preview.id}.md`,
    words: preview.words.toLocaleString(ui),
    passages: preview.passages.toLocaleString(ui),
  });
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: truncate(d.title, EMBED_TITLE_MAX),
    ...(d.url ? { url: d.url } : {}),
    description: truncate(
      `>>> ${escapeMarkdownText(preview.firstPassage)}`,
      Math.min(PREVIEW_PASSAGE_MAX, EMBED_DESCRIPTION_MAX),
    ),
    fields: [
      field(say('fieldPublisher', ui), d.publisher),
      field(say('fieldLanguage', ui), LANGUAGE_NAMES[d.language]),
      field(say('fieldPublished', ui), d.published),
      field(say('fieldAuthor', ui), d.author),
      { name: say('fieldIndexed', ui), value: truncate(indexed, EMBED_FIELD_VALUE_MAX) },
    ],
  };
  const notes = [say('articlePreviewNote', ui, { at: Math.floor(expiresAt / 1000) })];
  if (preview.duplicateOf) notes.push(say('articleDuplicate', ui, { id: preview.duplicateOf }));
  const buttons: APIButtonComponent[] = [
    button(
      customId({ kind: 'articleAdd', draft: key }),
      say('buttonAdd', ui),
      ButtonStyle.Success,
      !!preview.duplicateOf,
    ),
    button(customId({ kind: 'articleEdit', draft: key }), say('buttonEdit', ui), ButtonStyle.Secondary),
    button(customId({ kind: 'articleCancel', draft: key }), say('buttonCancel', ui), ButtonStyle.Danger),
  ];
  return { content: notes.join('\n'), embeds: [embed], components: [row(buttons)] };
}

/** The confirmation before an article is removed: Remove / Keep. */
export function removeConfirmMessage(article: { id: string; title: string }, ui: Language) {
  return {
    content: say('articleRemoveConfirm', ui, { id: article.id, title: escapeMarkdownText(article.title) }),
    components: [
      row([
        button(customId({ kind: 'articleRemove', articleId: article.id }), say('buttonRemove', ui), ButtonStyle.Danger),
        button(customId({ kind: 'articleKeep' }), say('buttonKeep', ui), ButtonStyle.Secondary),
      ]),
    ],
  };
}

/** The custom ids of the modal's fields, for the modal and its submit alike. */
export const FIELD_IDS = {
  title: 'title',
  publisher: 'publisher',
  language: 'language',
  published: 'published',
  author: 'author',
} as const;

/** The front-matter fields of a preview, prefilled, for a moderator to correct (a modal holds at most five). */
export function articleFieldsModal(
  preview: ArticlePreview,
  key: string,
  ui: Language,
): APIModalInteractionResponseCallbackData {
  const d = preview.draft;
  const input = (id: string, label: string, value: string | null, max: number, required = false) => ({
    type: ComponentType.Label as const,
    label,
    component: {
      type: ComponentType.TextInput as const,
      custom_id: id,
      style: TextInputStyle.Short,
      required,
      max_length: max,
      ...(value ? { value: value.slice(0, max) } : {}),
    },
  });
  return {
    custom_id: customId({ kind: 'articleFields', draft: key }),
    title: say('modalTitle', ui),
    components: [
      input(FIELD_IDS.title, say('fieldTitle', ui), d.title, 300, true),
      input(FIELD_IDS.publisher, say('fieldPublisher', ui), d.publisher, 200),
      input(FIELD_IDS.language, say('modalLanguage', ui), d.language, 2, true),
      input(FIELD_IDS.published, say('modalPublished', ui), d.published, 10),
      input(FIELD_IDS.author, say('fieldAuthor', ui), d.author, 200),
    ],
  };
}

function button(
  custom_id: string,
  label: string,
  style: ButtonStyle.Success | ButtonStyle.Secondary | ButtonStyle.Danger,
  disabled = false,
): APIButtonComponent {
  return { type: ComponentType.Button, custom_id, label, style, disabled };
}

function row(components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components };
}
