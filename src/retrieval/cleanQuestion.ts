/**
 * A question as a member typed it, reduced to the words they asked: Discord mentions,
 * `@everyone`/`@here`, custom and Unicode emoji, links, and Markdown syntax (bold,
 * italics, strikethrough, spoilers, code, quotes, headings, subtext) are removed, so
 * `@everyone why did Musk leave **OpenAI**? <@123>` is searched exactly as
 * `why did Musk leave OpenAI?`. The text inside formatting is kept: a member who writes
 * `GPT-2` in backticks or a ||spoiler|| still asks about it.
 */
export function cleanQuestion(text: string): string {
  return (
    text
      // Discord's mention and emoji syntax: <@id>, <@!id>, <@&role>, <#channel>, <:name:id>, <a:name:id>,
      // </command:id>, <t:unix:style> (documented under "Message Formatting" in Discord's API reference).
      .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
      .replace(/<a?:\w+:\d+>/g, ' ')
      .replace(/<\/[\w -]+:\d+>/g, ' ')
      .replace(/<t:-?\d+(?::[a-zA-Z])?>/g, ' ')
      .replace(/(^|[^\w])@(?:everyone|here)\b/gi, '$1 ')
      // Links: a masked link keeps its text; a bare address is not part of the question's words.
      // Both parts are bounded, so a run of "[" or "[a](" costs linear time, not quadratic.
      .replace(/\[([^[\]]{0,256})\]\(\s{0,8}<?[^()\s<>]{0,512}>?\s{0,8}\)/g, '$1')
      .replace(/<?\b(?:https?:\/\/|www\.)[^\s>]+>?/gi, ' ')
      // Line prefixes: quotes, headings, subtext, list bullets.
      .replace(/^[ \t]*(?:>>>|>|-#|#{1,3})[ \t]+/gm, '')
      // Inline formatting marks; the words between them stay.
      .replace(/```[\w+-]*\n?|```|`|\|\||\*\*|\*|__|~~/g, ' ')
      .replace(/(^|\s)_([^_\s][^_]*)_(?=\s|$|[?!.,])/g, '$1$2')
      // Emoji and the joiners and variation selectors that build them.
      .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f|\u20e3/gu, ' ')
      .replace(/[\u{1f1e6}-\u{1f1ff}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
