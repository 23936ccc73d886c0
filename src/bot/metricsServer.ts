import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { Registry } from 'prom-client';

/** Whether the bot can answer now, and if not, why. */
export type Health = { ok: true } | { ok: false; reason: string };
export type HealthCheck = () => Health | Promise<Health>;

/**
 * `/metrics` (Prometheus' text format) and `/healthz` (200 while the gateway is connected and
 * the database answers, else 503 with the reason) on METRICS_HOST:METRICS_PORT; nothing else.
 * Off unless METRICS_PORT is set; bound to 127.0.0.1 unless METRICS_HOST says otherwise.
 */
export async function startMetricsServer(
  registry: Pick<Registry, 'metrics' | 'contentType'>,
  health: HealthCheck,
  options: { port: number; host: string; logger: Logger },
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/metrics') {
      void registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: unknown) => {
          options.logger.warn({ err: error }, 'metrics could not be collected');
          res.writeHead(500).end();
        },
      );
      return;
    }
    if (path === '/healthz') {
      void Promise.resolve(health()).then((state) =>
        res
          .writeHead(state.ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' })
          .end(state.ok ? 'ok\n' : `${state.reason}\n`),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  options.logger.info({ host: options.host, port: options.port }, 'metrics and health served');
  return server;
}
