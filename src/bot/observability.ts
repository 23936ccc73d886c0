import type { Server } from 'node:http';
import { type Client, Events } from 'discord.js';
import type { FeudCore } from '../core.js';
import type { Logger } from '../logger.js';
import type { BotContext } from './context.js';
import { BotMetrics } from './metrics.js';
import { startMetricsServer } from './metricsServer.js';

/** Where `/metrics` and `/healthz` are served (METRICS_PORT, METRICS_HOST). */
export interface MetricsAddress {
  readonly port: number;
  readonly host: string;
}

/** The bot's metrics, read from its client, its state and the core, and their HTTP server. */
export function observe(client: Client, context: BotContext, core: FeudCore) {
  // As discord.js reports it: ready or resumed is up; reconnecting or disconnected is down.
  let up = false;
  client.on(Events.ClientReady, () => (up = true));
  client.on(Events.ShardReady, () => (up = true));
  client.on(Events.ShardResume, () => (up = true));
  client.on(Events.ShardReconnecting, () => (up = false));
  client.on(Events.ShardDisconnect, () => (up = false));
  const gatewayUp = () => up && client.isReady();
  const metrics = new BotMetrics({
    inFlight: () => context.state.inFlight,
    model: () => core.modelLoad(),
    gateway: () => ({ up: gatewayUp(), pingMs: client.isReady() ? client.ws.ping : null }),
    corpus: () => {
      const listing = core.sources();
      const vectors = core.embeddings();
      return {
        articles: listing.articles.length,
        passages: listing.articles.reduce((n, a) => n + a.passages, 0),
        vectorsWaiting: vectors ? vectors.total - vectors.embedded : 0,
      };
    },
  });
  const health = () => {
    if (!gatewayUp()) return { ok: false as const, reason: 'the Discord gateway is not connected' };
    try {
      if (!core.sources().version) return { ok: false as const, reason: 'the database holds no corpus' };
    } catch (error) {
      return { ok: false as const, reason: `the database does not answer: ${(error as Error).message}` };
    }
    return { ok: true as const };
  };
  let server: Server | null = null;
  return {
    metrics,
    health,
    async listen(address: MetricsAddress, logger: Logger): Promise<Server> {
      server = await startMetricsServer(metrics.registry, health, { ...address, logger });
      return server;
    },
    async close(): Promise<void> {
      const open = server;
      server = null;
      if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
    },
  };
}
