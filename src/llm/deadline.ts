import OpenAI from 'openai';

/** The whole call (every attempt, every wait between them) ran past its deadline. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(ms: number) {
    super(`no complete reply within ${ms} ms`);
  }
}

/** Longest pause between two attempts, whatever a server's Retry-After asks. */
const MAX_WAIT_MS = 10_000;
const BASE_BACKOFF_MS = 500;

/**
 * Run `attempt` until it succeeds, under one deadline that covers headers, body and
 * retries. The SDK's own timeout stops once headers arrive, and its retries honour any
 * Retry-After, so a server that sends headers and then drips, or asks to retry in two
 * minutes, could hold a question for many times OPENAI_TIMEOUT_MS. Here the signal
 * passed to each attempt aborts the request wherever it is (the SDK hands it to fetch,
 * which stops reading the body), and a retry is made only when its wait, capped, fits in
 * what is left. Only transient failures (timeouts, connection errors, 429, 5xx) are retried.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  retries: number,
  attempt: (signal: AbortSignal, attemptTimeoutMs: number) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  for (let tried = 0; ; tried++) {
    try {
      // Each attempt gets an even share of what is left for the time it waits for headers, so that a
      // connection that hangs is retried once or twice instead of holding the whole deadline.
      const left = Math.max(1, deadline - Date.now());
      return await attempt(signal, Math.ceil(left / (retries - tried + 1)));
    } catch (error) {
      if (signal.aborted) throw new DeadlineError(timeoutMs);
      if (tried >= retries || !isTransient(error)) throw error;
      const wait = Math.min(retryWaitMs(error, tried), MAX_WAIT_MS);
      if (Date.now() + wait >= deadline) throw error;
      await sleep(wait, signal);
      if (signal.aborted) throw new DeadlineError(timeoutMs);
    }
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionError) return true; // includes the SDK's own timeout
  if (!(error instanceof OpenAI.APIError) || error.status === undefined) return false;
  return error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
}

/** The server's Retry-After (seconds, or an HTTP date) when it gives one, else exponential backoff. */
function retryWaitMs(error: unknown, tried: number): number {
  // An attempt that timed out has already waited its share: try again at once.
  if (error instanceof OpenAI.APIConnectionTimeoutError) return 0;
  const backoff = BASE_BACKOFF_MS * 2 ** tried;
  const headers: Headers | undefined =
    error instanceof OpenAI.APIError ? (error.headers as Headers | undefined) : undefined;
  const header = headers?.get('retry-after') ?? null;
  if (!header) return backoff;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms >= 0 ? ms : backoff;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
