import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import type { FeudCore } from '../core.js';
import type { Logger } from '../logger.js';
import type { BotContext, BotSettings } from './context.js';
import { createCooldown } from './cooldown.js';
import { createTurns } from './turns.js';
import { NO_MENTIONS } from './reply.js';
import { routeInteraction } from './router.js';

export interface BotDeps {
  readonly core: FeudCore;
  readonly settings: BotSettings;
  readonly logger: Logger;
  /** The REST API base (a proxy, or a loopback fake); the gateway address follows from its /gateway/bot. */
  readonly apiUrl?: string | undefined;
  /** REST retries of a 5xx and the per-request timeout (discord.js defaults: 3 and 15 s). */
  readonly rest?: { retries?: number; timeout?: number };
}

export interface Bot {
  readonly client: Client;
  readonly context: BotContext;
  /** Log in and resolve once the client is ready. */
  start(token: string): Promise<void>;
  /** Stop taking questions, let those in flight finish (up to `graceMs`), then disconnect. */
  stop(graceMs?: number): Promise<void>;
}

/** The Discord client with the Guilds intent only, wired to the shared core. */
export function createBot(deps: BotDeps): Bot {
  const options: ClientOptions = {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    rest: {
      // discord.js counts every request against Discord's global limit of 50 per second, but
      // interaction callbacks and edits are exempt from it (Discord's rate-limit docs), and they
      // are nearly all this bot sends: at 50/s a burst of 100 questions waited a second for edits.
      globalRequestsPerSecond: 500,
      ...(deps.apiUrl ? { api: deps.apiUrl } : {}),
      ...(deps.rest?.retries !== undefined ? { retries: deps.rest.retries } : {}),
      ...(deps.rest?.timeout !== undefined ? { timeout: deps.rest.timeout } : {}),
    },
  };
  const client = new Client(options);
  const context: BotContext = {
    core: deps.core,
    settings: deps.settings,
    logger: deps.logger,
    cooldown: createCooldown(deps.settings.cooldownSeconds),
    turns: createTurns(),
    state: { inFlight: 0, shuttingDown: false },
  };
  const pending = new Set<Promise<void>>();

  client.on(Events.InteractionCreate, (interaction) => {
    const work = routeInteraction(interaction, context);
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  client.on(Events.Error, (error) => deps.logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => deps.logger.warn({ message }, 'discord client warning'));
  client.rest.on('rateLimited', (info) =>
    deps.logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord rate limit'),
  );

  return {
    client,
    context,
    async start(token) {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(token);
      await ready;
      deps.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'bot ready');
    },
    async stop(graceMs = 10_000) {
      context.state.shuttingDown = true;
      const deadline = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...pending]), deadline]);
      if (pending.size > 0) deps.logger.warn({ abandoned: pending.size }, 'stopping with questions still in flight');
      await client.destroy();
    },
  };
}
