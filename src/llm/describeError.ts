import type { Logger } from '../logger.js';

/**
 * What a peer's text may hold of a credential: an Authorization header's value, an API key
 * in the common `sk-…` form, a `key=`/`token=` pair. Peers echo requests back in error
 * messages, so anything taken from an error is scrubbed before it is kept or logged.
 */
const CREDENTIALS: readonly [RegExp, string][] = [
  [
    /\b(authorization|api[-_ ]?key|token|secret|password)(["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic|Bot)\s+)?[^\s"',;}]+/giu,
    '$1$2[redacted]',
  ],
  [/\b(Bearer|Basic|Bot)\s+[A-Za-z0-9._~+/=-]{6,}/giu, '$1 [redacted]'],
  [/\bsk-[A-Za-z0-9._-]{6,}/gu, '[redacted]'],
];

/** A peer's text, cut to a length fit for a log line, with anything that looks like a credential replaced. */
export function scrubCredentials(text: string): string {
  // Cut first: the patterns then run over a bounded text whatever the peer sent.
  let out = text.slice(0, 500);
  for (const [pattern, replacement] of CREDENTIALS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A short cause of a failed call to a model or embeddings server, for logs and
 * `fallbackReason`: the status or the kind of failure, never the request, and a message
 * only after its credentials are scrubbed.
 */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const name = (error as { constructor?: { name?: string } }).constructor?.name ?? 'Error';
    const status = (error as { status?: unknown }).status;
    if (name === 'APIConnectionTimeoutError' || name === 'DeadlineError') return 'timed out';
    if (name === 'APIConnectionError') return 'could not connect';
    if (typeof status === 'number') return `HTTP ${status}${status === 429 ? ' (rate limited)' : ''}`;
    if (error instanceof Error) return `${name}: ${scrubCredentials(error.message).slice(0, 200)}`;
  }
  return scrubCredentials(String(error)).slice(0, 200);
}

/** The one way a failed call to a peer (model, embeddings, page server) is logged. */
export function logPeerFailure(
  logger: Logger,
  error: unknown,
  message: string,
  fields: Record<string, unknown> = {},
): string {
  const reason = describeError(error);
  logger.warn({ ...fields, reason }, message);
  return reason;
}
