import type { Shard } from 'discord.js';
import { AggregatorRegistry, Counter, Gauge, Registry } from 'prom-client';
import type { Health } from '../metricsServer.js';
import type { ToManager } from './ipcMessages.js';

/** How long the manager waits for a shard's report before it counts the shard as not answering. */
const REPORT_TIMEOUT_MS = 2_000;

type Report = Extract<ToManager, { feudbot: 'report' }>;

/**
 * The manager's view of its shards for /metrics and /healthz: it asks each process for a
 * report (health, ping, metrics) and adds them up; its own registry counts restarts and
 * shows each shard's state.
 */
export class ShardQueries {
  private nextId = 1;
  private readonly pending = new Map<number, (report: Report) => void>();
  private readonly own = new Registry();
  private readonly restarts = new Counter({
    name: 'feudbot_shard_restarts_total',
    help: 'Shard processes that exited and were started again.',
    labelNames: ['shard'] as const,
    registers: [this.own],
  });
  private readonly up = new Gauge({
    name: 'feudbot_shard_up',
    help: '1 while the shard process answers and its gateway is connected.',
    labelNames: ['shard'] as const,
    registers: [this.own],
  });
  private readonly ping = new Gauge({
    name: 'feudbot_shard_ping_seconds',
    help: "Heartbeat round trip to Discord of each shard's gateway.",
    labelNames: ['shard'] as const,
    registers: [this.own],
  });

  constructor(
    private readonly shardCount: number,
    private readonly shards: () => ReadonlyMap<number, Shard>,
  ) {}

  /** A report arrived from a shard process. */
  received(report: Report): void {
    this.pending.get(report.id)?.(report);
    this.pending.delete(report.id);
  }

  restarted(shardId: number): void {
    this.restarts.inc({ shard: String(shardId) });
  }

  /** What /metrics serves: every shard's metrics added up, and the manager's own. */
  readonly registry = {
    contentType: this.own.contentType,
    metrics: async (): Promise<string> => {
      const reports = await this.reports();
      reports.forEach((report, i) => {
        const shard = String(i);
        this.up.set({ shard }, report?.health.ok ? 1 : 0);
        if (report?.pingMs != null && report.pingMs >= 0) this.ping.set({ shard }, report.pingMs / 1000);
      });
      const parts = reports.flatMap((r) => (r ? [r.metrics] : []));
      return Registry.merge([AggregatorRegistry.aggregate(parts), this.own]).metrics();
    },
  };

  /** Healthy while every shard answers and reports its gateway and database fine. */
  readonly health = async (): Promise<Health> => {
    const problems = (await this.reports()).flatMap((report, i) =>
      !report
        ? [`shard ${i} does not answer (starting or restarting)`]
        : report.health.ok
          ? []
          : [`shard ${i}: ${report.health.reason ?? 'not ready'}`],
    );
    return problems.length === 0 ? { ok: true } : { ok: false, reason: problems.join('; ') };
  };

  private reports(): Promise<(Report | null)[]> {
    return Promise.all(Array.from({ length: this.shardCount }, (_, i) => this.ask(this.shards().get(i))));
  }

  private ask(shard: Shard | undefined): Promise<Report | null> {
    return new Promise((resolve) => {
      if (!shard?.process) return resolve(null);
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, REPORT_TIMEOUT_MS);
      this.pending.set(id, (report) => {
        clearTimeout(timer);
        resolve(report);
      });
      shard.send({ feudbot: 'query', id }).catch(() => undefined);
    });
  }
}
