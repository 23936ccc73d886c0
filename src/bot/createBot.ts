import { Client, type ClientOptions, Events, GatewayCloseCodes, GatewayIntentBits } from 'discord.js';
import type { FeudCore } from '../core.js';
import type { Logger } from '../logger.js';
import type { BotContext, BotSettings } from './context.js';
import { ArticleDrafts } from './articleDrafts.js';
import { createCooldown } from './cooldown.js';
import { keepStatusFile } from '../runtime/statusFile.js';
import type { AddressInfo } from 'node:net';
import { type MetricsAddress, observe } from './observability.js';
import type { Health } from './metricsServer.js';
import { listen } from './listen.js';
import { createTurns } from './turns.js';
import { NO_MENTIONS } from './reply.js';

export interface BotDeps {
  readonly core: FeudCore;
  readonly settings: BotSettings;
  readonly logger: Logger;
  /** The REST API base (a proxy, or a loopback fake); the gateway address follows from its /gateway/bot. */
  readonly apiUrl?: string | undefined;
  /** REST retries of a 5xx and the per-request timeout (discord.js defaults: 3 and 15 s). */
  readonly rest?: { retries?: number; timeout?: number };
  /** Where to keep the bot's status for `feudbot health`; none when unset. */
  readonly statusFile?: string;
  /** Where to serve /metrics and /healthz; none when unset (the default: no port is opened). */
  readonly metrics?: MetricsAddress;
  /** Delete expired data daily (default true; of several shard processes, only the first does). */
  readonly prunes?: boolean;
}

export interface Bot {
  readonly client: Client;
  readonly context: BotContext;
  /** Log in and resolve once the client is ready. */
  start(token: string): Promise<void>;
  /** Stop taking questions, let those in flight finish (up to `graceMs`), then disconnect. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Settles when Discord has closed the gateway for good (a rejected token, intents not
   * allowed): discord.js will not reconnect, so the process should exit and say why.
   */
  readonly lost: Promise<GatewayLostError>;
  /** Where /metrics and /healthz are served once started (`http://host:port`), or null. */
  metricsUrl(): string | null;
  /** Whether this bot can answer now (its gateway and its database), for /healthz or a shard manager. */
  health(): Health;
}

/** Discord closed the gateway with a code that discord.js does not resume from. */
export class GatewayLostError extends Error {
  constructor(readonly code: number) {
    const name = GatewayCloseCodes[code] ?? 'unknown';
    super(`Discord closed the gateway with ${code} (${name}): ${GATEWAY_HINTS[code] ?? 'it will not reconnect.'}`);
  }
}

// What each close code means for the person running the bot (Discord's "Gateway close event codes").
const GATEWAY_HINTS: Partial<Record<number, string>> = {
  [GatewayCloseCodes.AuthenticationFailed]:
    'the token was rejected. Reset it in the Developer Portal (Bot → Reset Token) and set DISCORD_TOKEN.',
  [GatewayCloseCodes.InvalidShard]: 'the shard settings are invalid.',
  [GatewayCloseCodes.ShardingRequired]: 'the bot is in too many servers to run without sharding.',
  [GatewayCloseCodes.InvalidAPIVersion]: 'this gateway version is no longer supported; update feudbot.',
  [GatewayCloseCodes.InvalidIntents]: 'the requested intents are invalid.',
  [GatewayCloseCodes.DisallowedIntents]:
    'an intent the bot asks for is not enabled for it in the Developer Portal (Bot → Privileged Gateway Intents).',
};

/** The longest Discord rate limit a request waits out; Discord allows 15 minutes to edit an answer. */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000;

/** The Discord client with the Guilds intent only, wired to the shared core. */
export function createBot(deps: BotDeps): Bot {
  const client = new Client(clientOptions(deps));
  const context: BotContext = {
    core: deps.core,
    settings: deps.settings,
    logger: deps.logger,
    cooldown: createCooldown(deps.settings.cooldownSeconds),
    turns: createTurns(),
    drafts: new ArticleDrafts(),
    state: { inFlight: 0, shuttingDown: false },
    helpRate: new Map(),
  };
  const observed = observe(client, context, deps.core);
  let metricsUrl: string | null = null;
  context.metrics = observed.metrics;
  const pending = listen(client, context);
  const lost = logClientEvents(client, deps.logger);
  const status = deps.statusFile ? keepStatusFile(deps.statusFile, deps.logger) : null;
  if (status) trackGateway(client, status, lost);
  // Retention runs at start-up (openCore) and then once a day for as long as the bot runs.
  const retention = deps.prunes === false ? null : setInterval(() => pruneDaily(deps), RETENTION_INTERVAL_MS).unref();

  return {
    client,
    context,
    lost,
    metricsUrl: () => metricsUrl,
    health: observed.health,
    async start(token) {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      const failed = lost.then((error) => Promise.reject(error));
      await Promise.race([client.login(token), failed]);
      await Promise.race([ready, failed]);
      if (deps.metrics) {
        const address = (await observed.listen(deps.metrics, deps.logger)).address() as AddressInfo;
        metricsUrl = `http://${deps.metrics.host}:${address.port}`;
      }
      deps.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'bot ready');
    },
    async stop(graceMs = 10_000) {
      context.state.shuttingDown = true;
      const deadline = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...pending]), deadline]);
      if (pending.size > 0) deps.logger.warn({ abandoned: pending.size }, 'stopping with questions still in flight');
      if (retention) clearInterval(retention);
      await observed.close();
      await client.destroy();
      status?.remove();
    },
  };
}

const RETENTION_INTERVAL_MS = 86_400_000;

function pruneDaily(deps: BotDeps): void {
  try {
    deps.core.pruneExpired();
  } catch (error) {
    // A busy database today is tried again tomorrow; the next start-up prunes too.
    deps.logger.warn({ err: error }, 'deleting expired data failed');
  }
}

/** The gateway's state, as discord.js reports it, into the status file. */
function trackGateway(client: Client, status: ReturnType<typeof keepStatusFile>, lost: Promise<unknown>): void {
  client.on(Events.ClientReady, () => status.set('connected'));
  client.on(Events.ShardResume, () => status.set('connected'));
  client.on(Events.ShardReconnecting, () => status.set('reconnecting'));
  void lost.then(() => status.set('lost'));
}

function clientOptions(deps: BotDeps): ClientOptions {
  return {
    // GuildMessages (not privileged) brings messages in the bot's threads; of those, Discord fills
    // in the text only where the bot is mentioned, which is all it reads (see handlers/mention.ts).
    // Message Content is privileged (Discord closes the gateway with 4014 unless the portal allows it):
    // asked for only when DISCORD_MESSAGE_CONTENT=true, for help channels.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      ...(deps.settings.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    allowedMentions: NO_MENTIONS,
    rest: {
      // discord.js counts every request against Discord's global limit of 50 per second, but
      // interaction callbacks and edits are exempt from it (Discord's rate-limit docs), and they
      // are nearly all this bot sends: at 50/s a burst of 100 questions waited a second for edits.
      globalRequestsPerSecond: 500,
      // A rate limit longer than this is not waited for: the request fails instead, and the
      // question's slot is freed (a retry_after of 3600 s on edits once filled every slot).
      rejectOnRateLimit: (limit) =>
        Math.max(limit.retryAfter, limit.timeToReset, limit.sublimitTimeout) > MAX_RATE_LIMIT_WAIT_MS,
      ...(deps.apiUrl ? { api: deps.apiUrl } : {}),
      ...(deps.rest?.retries !== undefined ? { retries: deps.rest.retries } : {}),
      ...(deps.rest?.timeout !== undefined ? { timeout: deps.rest.timeout } : {}),
    },
  };
}

/** Log what the client reports; the promise settles if Discord closes the gateway for good. */
function logClientEvents(client: Client, logger: Logger): Promise<GatewayLostError> {
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord rate limit'),
  );
  return new Promise((resolve) => {
    // discord.js emits this only for the close codes it will not reconnect after.
    client.on(Events.ShardDisconnect, (event, shardId) => {
      const error = new GatewayLostError(event.code);
      logger.error({ code: event.code, shardId }, error.message);
      resolve(error);
    });
  });
}
