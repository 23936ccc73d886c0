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
];

/**
 * The project's logger: JSON lines on stderr, so that a command's stdout stays clean
 * for `--json` and pipes.
 */
export function createLogger(level = 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
