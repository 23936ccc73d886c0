import { randomBytes } from 'node:crypto';
import type { ArticlePreview } from '../core.js';
import { INTERACTION_TOKEN_MS } from './limits.js';

/** A preview a moderator has not yet added or cancelled. */
export interface PendingArticle {
  readonly preview: ArticlePreview;
  /** Only the moderator who asked for the preview may add it. */
  readonly userId: string;
  readonly guildId: string | null;
  readonly expiresAt: number;
}

/** Previews held at once: each can hold half a megabyte of text, so the oldest makes room. */
const MAX_DRAFTS = 50;

/** A preview lives a minute less than the interaction whose message shows it, so its buttons still answer. */
export const DRAFT_LIFETIME_MS = INTERACTION_TOKEN_MS - 60_000;

/**
 * Previews waiting for Add or Cancel, in memory: nothing of a draft is written anywhere
 * until it is added, and a restart or the expiry forgets it.
 */
export class ArticleDrafts {
  private readonly drafts = new Map<string, PendingArticle>();

  constructor(
    private readonly lifetimeMs = DRAFT_LIFETIME_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keep a preview; returns its key (16 hex digits, for the buttons' custom ids). */
  put(preview: ArticlePreview, owner: { userId: string; guildId: string | null }): PendingArticle & { key: string } {
    this.prune();
    // Map order is insertion order: the first key is the oldest preview.
    while (this.drafts.size >= MAX_DRAFTS) this.drafts.delete(this.drafts.keys().next().value!);
    const key = randomBytes(8).toString('hex');
    const pending = { preview, ...owner, expiresAt: this.now() + this.lifetimeMs };
    this.drafts.set(key, pending);
    return { ...pending, key };
  }

  /** The preview, if it has not expired and belongs to this member. */
  get(key: string, userId: string): PendingArticle | null {
    this.prune();
    const pending = this.drafts.get(key);
    return pending && pending.userId === userId ? pending : null;
  }

  replace(key: string, preview: ArticlePreview): void {
    const pending = this.drafts.get(key);
    if (pending) this.drafts.set(key, { ...pending, preview });
  }

  /** Take the preview out (Add, Cancel): a second click finds nothing. */
  take(key: string, userId: string): PendingArticle | null {
    const pending = this.get(key, userId);
    if (pending) this.drafts.delete(key);
    return pending;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, pending] of this.drafts) if (pending.expiresAt <= now) this.drafts.delete(key);
  }
}
