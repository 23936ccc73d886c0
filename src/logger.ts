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

/** Secrets shorter than this are not searched for in log lines: they would match ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * A line with every configured secret replaced. The last guard behind the redacted paths:
 * a peer can echo a key inside any text (an error message, a refusal), and a line is
 * checked as a whole just before it is written.
 */
function withoutSecrets(secrets: readonly string[]): ((line: string) => string) | undefined {
  // JSON-escaped, as the secret appears inside a written line.
  const forms = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).map((s) => JSON.stringify(s).slice(1, -1));
  if (forms.length === 0) return undefined;
  return (line) => forms.reduce((out, secret) => out.split(secret).join('[redacted]'), line);
}

/**
 * The project's logger: JSON lines on stderr, so that a command's stdout stays clean
 * for `--json` and pipes. `secrets` (the token and keys in use) never appear in a line.
 */
export function createLogger(
  level = 'info',
  destination: pino.DestinationStream = pino.destination(2),
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const streamWrite = withoutSecrets(secrets.filter((s): s is string => Boolean(s)));
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      ...(streamWrite ? { hooks: { streamWrite } } : {}),
    },
    destination,
  );
}

/** The token and keys of a configuration: the logger replaces them wherever they would appear in a line. */
export function secretsOf(config: {
  readonly discord: { readonly token: string | undefined };
  readonly openai: { readonly apiKey: string | undefined };
  readonly embeddings: { readonly apiKey: string | undefined } | null;
}): (string | undefined)[] {
  return [config.discord.token, config.openai.apiKey, config.embeddings?.apiKey];
}
