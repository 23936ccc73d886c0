import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandInteractionOption } from 'discord.js';

/**
 * What is wrong with the options of an interaction, against the limits its command
 * declares (min/max values, lengths, choices, types), or null. Discord enforces these in
 * its own client, but an interaction can be sent without it: the bot checks again, so a
 * forged `/insights days:999999` (declared 1–365) is refused rather than run.
 */
export function optionViolation(
  received: readonly CommandInteractionOption[],
  command: RESTPostAPIChatInputApplicationCommandsJSONBody,
): string | null {
  return check(received, command.options ?? []);
}

function check(
  received: readonly CommandInteractionOption[],
  declared: readonly APIApplicationCommandOption[],
): string | null {
  for (const option of received) {
    const definition = declared.find((d) => d.name === option.name);
    if (!definition) return `unknown option "${option.name}"`;
    if (definition.type !== option.type) return `option "${option.name}" has the wrong type`;
    const nested = 'options' in definition ? (definition.options ?? []) : [];
    if (option.options && option.options.length > 0) {
      const inner = check(option.options, nested);
      if (inner) return inner;
    }
    const problem = valueProblem(option.value, definition);
    if (problem) return `option "${option.name}" ${problem}`;
  }
  return null;
}

function valueProblem(value: unknown, definition: APIApplicationCommandOption): string | null {
  switch (definition.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a number';
      if (definition.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value))
        return 'is not a whole number';
      if (definition.min_value !== undefined && value < definition.min_value) return `is below ${definition.min_value}`;
      if (definition.max_value !== undefined && value > definition.max_value) return `is above ${definition.max_value}`;
      if (definition.choices && !definition.choices.some((c) => c.value === value)) return 'is not one of its choices';
      return null;
    }
    case ApplicationCommandOptionType.String: {
      if (typeof value !== 'string') return 'is not text';
      // Discord counts a string's length in characters (code points), as its clients do.
      const length = [...value].length;
      if (definition.min_length !== undefined && length < definition.min_length) return 'is too short';
      if (definition.max_length !== undefined && length > definition.max_length) return 'is too long';
      if (definition.choices && !definition.choices.some((c) => c.value === value)) return 'is not one of its choices';
      return null;
    }
    case ApplicationCommandOptionType.Boolean:
      return typeof value === 'boolean' ? null : 'is not true or false';
    default:
      return null;
  }
}
