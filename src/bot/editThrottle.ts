/**
 * Edits of one message, at most one per `intervalMs`, in order. Partial edits may be
 * dropped (only the newest waiting one is sent); the final edit is always sent last, after
 * any partial edit already on its way. A failed partial edit is reported, not thrown.
 */
export function createEditThrottle<T>(
  edit: (payload: T) => Promise<unknown>,
  intervalMs: number,
  onPartialError: (error: unknown) => void,
) {
  let chain: Promise<unknown> = Promise.resolve();
  let lastSentAt = 0;
  let pending: T | null = null;
  let timer: NodeJS.Timeout | null = null;
  let finished = false;

  const sendPending = () => {
    timer = null;
    if (pending === null || finished) return;
    const payload = pending;
    pending = null;
    lastSentAt = Date.now();
    chain = chain.then(() => edit(payload)).catch(onPartialError);
  };

  return {
    /** Show this progress soon (or drop it for a newer one). */
    partial(payload: T): void {
      if (finished) return;
      pending = payload;
      if (timer) return;
      timer = setTimeout(sendPending, Math.max(0, lastSentAt + intervalMs - Date.now()));
    },
    /** Send the final state after everything before it; rejects if that edit fails. */
    final(payload: T): Promise<unknown> {
      finished = true;
      if (timer) clearTimeout(timer);
      pending = null;
      const wait = Math.max(0, lastSentAt + intervalMs - Date.now());
      const result = chain
        .then(() => new Promise((resolve) => setTimeout(resolve, lastSentAt ? wait : 0)))
        .then(() => edit(payload));
      chain = result.catch(() => undefined);
      return result;
    },
  };
}
