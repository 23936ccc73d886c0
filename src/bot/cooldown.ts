/**
 * Per-user cooldown between questions. `take` either admits the user (and starts their
 * cooldown) or says when they may ask again.
 */
export interface Cooldown {
  take(userId: string, now?: number): { ok: true } | { ok: false; retryAt: number };
}

export function createCooldown(seconds: number): Cooldown {
  const last = new Map<string, number>();
  const ms = seconds * 1000;
  return {
    take(userId, now = Date.now()) {
      if (ms <= 0) return { ok: true };
      const previous = last.get(userId);
      if (previous !== undefined && now - previous < ms) return { ok: false, retryAt: previous + ms };
      last.set(userId, now);
      // Forget users whose cooldown is long over, so the map stays small on a busy server.
      if (last.size > 10_000) for (const [id, at] of last) if (now - at >= ms) last.delete(id);
      return { ok: true };
    },
  };
}
