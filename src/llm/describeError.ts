/** A short cause of a failed call to a model or embeddings server, for logs and `fallbackReason`: no request details, no keys. */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object') {
    const name = (error as { constructor?: { name?: string } }).constructor?.name ?? 'Error';
    const status = (error as { status?: unknown }).status;
    if (name === 'APIConnectionTimeoutError' || name === 'DeadlineError') return 'timed out';
    if (name === 'APIConnectionError') return 'could not connect';
    if (typeof status === 'number') return `HTTP ${status}${status === 429 ? ' (rate limited)' : ''}`;
    if (error instanceof Error) return `${name}: ${error.message.slice(0, 200)}`;
  }
  return String(error).slice(0, 200);
}
