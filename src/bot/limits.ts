// Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits
// and the component reference). A payload over any of them is rejected with a 400.

export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_MAX = 2048;
export const EMBED_FIELDS_MAX = 25;
/** All titles, descriptions, field names and values, footers and author names of a message's embeds together. */
export const EMBEDS_TOTAL_MAX = 6000;
export const MESSAGE_CONTENT_MAX = 2000;
export const CUSTOM_ID_MAX = 100;
/** The longest question /ask takes (our own limit, set on the option so Discord enforces it too). */
export const QUESTION_MAX = 300;
/** Autocomplete: at most 25 choices, each name and value at most 100 characters (application commands reference). */
export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const CHOICE_NAME_MAX = 100;
/** A text input's value in a modal (component reference: max_length up to 4000). */
export const TEXT_INPUT_MAX = 4000;
/** A channel's (and so a thread's) name (channel resource reference). */
export const THREAD_NAME_MAX = 100;
/** An interaction token is valid for 15 minutes (receiving-and-responding reference); a preview ends before it. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;
