import type { FeudCore } from '../core.js';
import type { Logger } from '../logger.js';
import type { ArticleDrafts } from './articleDrafts.js';
import type { Cooldown } from './cooldown.js';
import type { Turns } from './turns.js';
import type { BotMetrics } from './metrics.js';

/** The bot's settings, from the configuration. */
export interface BotSettings {
  readonly moderatorRoleIds: readonly string[];
  readonly allowedChannelIds: readonly string[];
  readonly cooldownSeconds: number;
  readonly maxQuestionsInFlight: number;
  /** Least time between two edits of a streamed answer (Discord rate-limits message edits). */
  readonly streamEditIntervalMs: number;
  /** A conversation without a question for this long takes no more follow-ups. */
  readonly followUpHours: number;
  /** The bot asked for the privileged Message Content intent (DISCORD_MESSAGE_CONTENT=true): it can read posts. */
  readonly messageContent?: boolean;
}

/** What every handler gets: the shared core and the bot's own state. Discord objects stay in the handlers. */
export interface BotContext {
  readonly core: FeudCore;
  readonly settings: BotSettings;
  readonly logger: Logger;
  readonly cooldown: Cooldown;
  /** Answers take turns so that acknowledgements of other questions go out in between. */
  readonly turns: Turns;
  /** Article previews waiting for a moderator's Add or Cancel. */
  readonly drafts: ArticleDrafts;
  /** When each help channel last got automatic answers (for its per-minute cap). */
  readonly helpRate: Map<string, number[]>;
  /** Counters and timings for /metrics (set by createBot). */
  metrics?: BotMetrics;
  readonly state: {
    /** Questions being answered now. */
    inFlight: number;
    /** Set on SIGINT/SIGTERM: new questions are turned away politely. */
    shuttingDown: boolean;
  };
}
