import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord-api-types/v10';
import { EMBED_DESCRIPTION_MAX, EMBED_FIELD_VALUE_MAX, EMBED_FIELDS_MAX, EMBEDS_TOTAL_MAX } from '../limits.js';
import { truncate } from './truncate.js';

/** Discord's blurple: the colour of feudbot's embeds. */
export const EMBED_COLOR = 0x5865f2;

export interface MessagePayload {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
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
    color: EMBED_COLOR,
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
