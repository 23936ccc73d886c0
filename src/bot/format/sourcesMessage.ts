import { type APIEmbed, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { SourcesListing } from '../../corpus/listSources.js';
import type { Language } from '../../text/languages.js';
import { say } from '../../i18n/words.js';
import { customId } from '../customIds.js';
import { EMBED_DESCRIPTION_MAX } from '../limits.js';
import { articleLink, escapeMarkdownText } from './markdown.js';
import { EMBED_COLOR, type MessagePayload } from './embeds.js';
import { truncate } from './truncate.js';

export const SOURCES_PER_PAGE = 10;
/** Room per article on a page: ten of them stay well inside the description limit. */
const LINE_MAX = Math.floor(EMBED_DESCRIPTION_MAX / SOURCES_PER_PAGE) - 10;

/** One page of /sources: linked titles, publisher, language, date and passage count, with paging buttons. */
export function sourcesMessage(
  listing: SourcesListing,
  requestedPage: number,
  filter: Language | undefined,
  ui: Language,
): MessagePayload {
  const pages = Math.max(1, Math.ceil(listing.articles.length / SOURCES_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const slice = listing.articles.slice((page - 1) * SOURCES_PER_PAGE, page * SOURCES_PER_PAGE);
  const lines = slice.map((a) => sourceEntry(a, ui));
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: say('sourcesTitle', ui, { count: listing.articles.length }),
    description: lines.length > 0 ? lines.join('\n\n') : say('sourcesEmpty', ui),
    footer: {
      text: [
        say('page', ui, { page, pages }),
        listing.version ? say('corpusVersion', ui, { version: listing.version }) : null,
      ]
        .filter(Boolean)
        .join(' · '),
    },
  };
  if (pages === 1) return { embeds: [embed], components: [] };
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: say('previous', ui),
            custom_id: customId({ kind: 'sources', page: page - 1, language: filter }),
            disabled: page <= 1,
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: say('next', ui),
            custom_id: customId({ kind: 'sources', page: page + 1, language: filter }),
            disabled: page >= pages,
          },
        ],
      },
    ],
  };
}

/** An article's entry: its linked title, then publisher, language, date, passages. */
function sourceEntry(a: SourcesListing['articles'][number], ui: Language): string {
  const linked = `**${articleLink(truncate(a.title, 150), a.url)}**`;
  const details = [
    a.publisher && escapeMarkdownText(a.publisher),
    a.language.toUpperCase(),
    a.published ?? say('undated', ui),
    say('passages', ui, { count: a.passages }),
    a.editorialTitle ? say('editorialTitle', ui) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return truncate(`${linked}\n${details}`, LINE_MAX);
}
