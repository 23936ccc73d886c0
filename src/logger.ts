import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths of log fields that may hold secrets. pino replaces them before anything is
 * written, so a token or key never reaches the log even inside a logged object.
 */
export const REDACTED_PATHS = [
  'token',
  'apiKey',
  'authorization',
  'password',
  '*.token',
  '*.apiKey',
  '*.authorization',
  '*.password',
  'headers.authorization',
  '*.headers.authorization',
  'config.discord.token',
  'config.openai.apiKey',
  'interaction.token',
  'err.config.headers.Authorization',
  'err.requestBody',
];

// Interaction tokens travel in URL paths (/interactions/<id>/<token>/callback,
// /webhooks/<application>/<token>/…), and discord.js errors carry those URLs in `url` and
// in their messages and stacks.
const TOKEN_IN_PATH = /\/(interactions|webhooks)\/(\d+)\/[^/\s?"']+/g;

/** Text with interaction tokens in URL paths replaced. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN_IN_PATH, '/$1/$2/[redacted]');
}

function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  for (const [key, value] of Object.entries(serialized)) {
    if (typeof value === 'string') serialized[key] = scrubTokens(value);
  }
  return serialized;
}

/**
 * The project's logger: JSON lines on stderr, so that a command's stdout stays clean
 * for `--json` and pipes.
 */
export function createLogger(level = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: serializeError } },
    destination,
  );
}
