import { type Aggregator, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AskResult } from '../answer/types.js';

/** Where a question came from. */
export type Surface = 'ask' | 'follow_up' | 'mention' | 'auto';

/** What the running bot reads its gauges from at each scrape. */
export interface MetricSources {
  inFlight(): number;
  model(): { active: number; waiting: number } | null;
  gateway(): { up: boolean; pingMs: number | null };
  corpus(): { articles: number; passages: number; vectorsWaiting: number };
}

/**
 * The bot's metrics in Prometheus' text format, with prom-client: counters and histograms
 * that move as questions are answered, gauges read from the bot when scraped. A registry
 * of its own (not prom-client's global one), so that two bots in one process never mix.
 */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly questions = new Counter({
    name: 'feudbot_questions_total',
    help: 'Questions answered, by where they came from (auto: a help channel), how they ended and how they were answered.',
    labelNames: ['surface', 'outcome', 'mode'] as const,
    registers: [this.registry],
  });
  private readonly answerSeconds = new Histogram({
    name: 'feudbot_answer_seconds',
    help: 'Time from a question to its answer.',
    labelNames: ['surface'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly ackSeconds = new Histogram({
    name: 'feudbot_ack_seconds',
    help: 'Time from an interaction being created to its acknowledgement.',
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
    registers: [this.registry],
  });
  private readonly modelCalls = new Counter({
    name: 'feudbot_model_answers_total',
    help: 'Answers asked of the language model, by result.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly reloadSeconds = new Histogram({
    name: 'feudbot_reload_seconds',
    help: 'Duration of corpus reloads.',
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    // How a shard manager adds up its processes' values (prom-client's aggregators): counts of
    // work add up; the corpus is the same for every process; the gateway is as bad as its worst shard.
    const gauge = (name: string, help: string, aggregator: Aggregator, read: () => number | null) =>
      new Gauge({
        name,
        help,
        aggregator,
        registers: [this.registry],
        collect() {
          const value = read();
          if (value !== null) this.set(value);
        },
      });
    gauge('feudbot_questions_in_flight', 'Questions being answered now.', 'sum', () => sources.inFlight());
    gauge('feudbot_model_calls_active', 'Model calls running now.', 'sum', () => sources.model()?.active ?? null);
    gauge(
      'feudbot_model_calls_waiting',
      'Model calls waiting for a slot.',
      'sum',
      () => sources.model()?.waiting ?? null,
    );
    gauge('feudbot_gateway_up', '1 while the Discord gateway is connected (of every shard).', 'min', () =>
      sources.gateway().up ? 1 : 0,
    );
    gauge('feudbot_gateway_ping_seconds', 'Heartbeat round trip to Discord (the slowest shard).', 'max', () => {
      const ping = sources.gateway().pingMs;
      return ping === null || ping < 0 ? null : ping / 1000;
    });
    gauge('feudbot_articles', 'Articles in the index.', 'max', () => sources.corpus().articles);
    gauge('feudbot_passages', 'Passages in the index.', 'max', () => sources.corpus().passages);
    gauge('feudbot_vectors_waiting', 'Passages waiting for a vector.', 'max', () => sources.corpus().vectorsWaiting);
  }

  /** One question answered (or refused, turned away, failed), and how long it took. */
  answered(surface: Surface, result: AskResult, seconds: number): void {
    const answered = result.outcome === 'answered' ? result : null;
    const judged = answered ?? (result.outcome === 'refused' ? result : null);
    const outcome = answered?.budgetReached ? 'budget' : result.outcome;
    // Turned away or failed before anything answered: no mode.
    const mode = judged?.mode ?? 'none';
    this.questions.inc({ surface, outcome, mode });
    this.answerSeconds.observe({ surface }, seconds);
    if (mode === 'llm' && !judged?.cached) this.modelCalls.inc({ result: 'ok' });
    else if (answered?.fallbackReason && !answered.budgetReached) this.modelCalls.inc({ result: 'failed' });
  }

  acknowledged(seconds: number): void {
    this.ackSeconds.observe(Math.max(0, seconds));
  }

  reloaded(seconds: number): void {
    this.reloadSeconds.observe(seconds);
  }
}
