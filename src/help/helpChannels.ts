import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';

/** A channel where the bot answers questions on its own. */
export interface HelpChannel {
  readonly channelId: string;
  readonly guildId: string;
  readonly kind: 'forum' | 'text';
  /** The role "Ask a human" mentions; without one there is no such button. */
  readonly helpersRoleId: string | null;
  /** The forum tag "Solved" applies. */
  readonly solvedTagId: string | null;
}

/** A question the bot took in a help channel. */
export interface HelpPost {
  readonly threadId: string;
  readonly channelId: string;
  readonly questionId: string;
  readonly askerId: string;
  readonly answered: boolean;
  readonly humanPinged: boolean;
}

interface ChannelRow {
  channel_id: string;
  guild_id: string;
  kind: 'forum' | 'text';
  helpers_role_id: string | null;
  solved_tag_id: string | null;
}

interface PostRow {
  thread_id: string;
  channel_id: string;
  question_id: string;
  asker_id: string;
  answered: number;
  human_pinged: number;
}

const toChannel = (r: ChannelRow): HelpChannel => ({
  channelId: r.channel_id,
  guildId: r.guild_id,
  kind: r.kind,
  helpersRoleId: r.helpers_role_id,
  solvedTagId: r.solved_tag_id,
});

const toPost = (r: PostRow): HelpPost => ({
  threadId: r.thread_id,
  channelId: r.channel_id,
  questionId: r.question_id,
  askerId: r.asker_id,
  answered: r.answered === 1,
  humanPinged: r.human_pinged === 1,
});

/**
 * Help channels: turning the bot's own answers on and off, and the posts it took. Survives
 * restarts. Writes about posts go through the write gate (`write`), so that a reload never
 * blocks a message; what they will hold is known at once from memory.
 */
export function createHelpChannels(db: Db, write: (fn: () => void) => void) {
  return { ...helpChannelSettings(db), ...helpPosts(db, write) };
}

/** Which channels the bot answers in on its own, and how. */
function helpChannelSettings(db: Db) {
  return {
    enableHelpChannel(channel: HelpChannel, enabledBy: string): void {
      statement(
        db,
        `INSERT INTO help_channels (channel_id, guild_id, kind, helpers_role_id, solved_tag_id, enabled_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET kind = excluded.kind, helpers_role_id = excluded.helpers_role_id,
           solved_tag_id = excluded.solved_tag_id, enabled_by = excluded.enabled_by`,
      ).run(
        channel.channelId,
        channel.guildId,
        channel.kind,
        channel.helpersRoleId,
        channel.solvedTagId,
        enabledBy,
        Date.now(),
      );
    },
    disableHelpChannel(channelId: string): boolean {
      return statement(db, 'DELETE FROM help_channels WHERE channel_id = ?').run(channelId).changes > 0;
    },
    helpChannel(channelId: string): HelpChannel | null {
      const row = statement(db, 'SELECT * FROM help_channels WHERE channel_id = ?').get(channelId);
      return row ? toChannel(row as ChannelRow) : null;
    },
    helpChannels(guildId: string): HelpChannel[] {
      const rows = statement(db, 'SELECT * FROM help_channels WHERE guild_id = ? ORDER BY created_at').all(guildId);
      return (rows as ChannelRow[]).map(toChannel);
    },
  };
}

/** The posts the bot took in help channels. */
function helpPosts(db: Db, write: (fn: () => void) => void) {
  const claimed = new Set<string>();
  const pinged = new Set<string>();
  return {
    /** Take a post once: false when it was already taken (a redelivered event, a second message, before a restart). */
    claimHelpPost(post: Pick<HelpPost, 'threadId' | 'channelId' | 'questionId' | 'askerId'>): boolean {
      if (
        claimed.has(post.threadId) ||
        statement(db, 'SELECT 1 FROM help_posts WHERE thread_id = ?').get(post.threadId)
      )
        return false;
      claimed.add(post.threadId);
      const now = Date.now();
      write(() =>
        statement(
          db,
          `INSERT INTO help_posts (thread_id, channel_id, question_id, asker_id, answered, created_at)
           VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING`,
        ).run(post.threadId, post.channelId, post.questionId, post.askerId, now),
      );
      return true;
    },
    helpPostAnswered(threadId: string): void {
      write(() => statement(db, 'UPDATE help_posts SET answered = 1 WHERE thread_id = ?').run(threadId));
    },
    helpPost(threadId: string): HelpPost | null {
      const row = statement(db, 'SELECT * FROM help_posts WHERE thread_id = ?').get(threadId);
      return row ? toPost(row as PostRow) : null;
    },
    /** Mark that the helpers were called: true the first time only, so they are never pinged twice. */
    claimHumanPing(threadId: string): boolean {
      if (pinged.has(threadId)) return false;
      const row = statement(db, 'SELECT human_pinged FROM help_posts WHERE thread_id = ?').pluck().get(threadId);
      if (row === 1) return false;
      pinged.add(threadId);
      write(() => statement(db, 'UPDATE help_posts SET human_pinged = 1 WHERE thread_id = ?').run(threadId));
      return true;
    },
  };
}

export type HelpChannelActions = ReturnType<typeof createHelpChannels>;
