import type { EvalQuestion } from '../../src/evaluation/runEval.js';
import type { ChatModel } from '../../src/llm/chatModel.js';
import { type Harness, startHarness } from '../helpers/botHarness.js';
import { percentile, round } from './stats.js';
import type { Latency } from './retrievalBench.js';

export interface BotLoadResult {
  questions: number;
  lost: number;
  ack: Latency;
  final: Latency;
}

/** A model that answers at once, citing the first passage: the bot's own cost, without a model's. */
export const instantModel: ChatModel = {
  model: 'instant-fake',
  chat: (request) =>
    Promise.resolve({
      content: request.jsonSchema
        ? JSON.stringify(
            request.jsonSchema.name === 'feudbot_queries'
              ? { queries: [] }
              : { answered: true, answer: 'An instant answer [1].', citations: [1] },
          )
        : 'An instant answer [1].',
      finishReason: 'stop',
      refusal: null,
      usage: null,
    }),
};

/**
 * `count` /ask interactions sent at once through the loopback Discord to the real bot with an
 * instant model; time from sending each to its acknowledgement and to its final edit.
 */
export async function benchBot(count: number, questions: readonly EvalQuestion[]): Promise<BotLoadResult> {
  const h: Harness = await startHarness({
    model: instantModel,
    settings: { cooldownSeconds: 0, maxQuestionsInFlight: count * 2 },
  });
  try {
    const users = Object.values(h.discord.users);
    const answerable = questions.filter((q) => q.gold.length > 0);
    const records = Array.from({ length: count }, (_, i) =>
      h.discord.slash(users[i % users.length]!, 'ask', {
        question: answerable[i % answerable.length]!.q.slice(0, 300),
      }),
    );
    const finals = await Promise.allSettled(records.map((r) => h.answered(r, 60_000)));
    const finalAt = (r: (typeof records)[number]) => {
      const patches = h.discord.calls.filter((c) => c.method === 'PATCH' && c.path.includes(r.token));
      return patches.at(-1)?.at;
    };
    const ack = records.filter((r) => r.callbackAt !== null).map((r) => r.callbackAt! - r.sentAt);
    const final = records.flatMap((r) => {
      const at = finalAt(r);
      return at === undefined ? [] : [at - r.sentAt];
    });
    const lat = (xs: number[]) => ({
      p50: round(percentile(xs, 50), 1),
      p95: round(percentile(xs, 95), 1),
      p99: round(percentile(xs, 99), 1),
    });
    return {
      questions: count,
      lost: finals.filter((f) => f.status === 'rejected').length,
      ack: lat(ack),
      final: lat(final),
    };
  } finally {
    await h.close();
  }
}
