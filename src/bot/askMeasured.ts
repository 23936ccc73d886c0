import type { AskOptions } from '../core.js';
import type { AskResult } from '../answer/types.js';
import type { BotContext } from './context.js';
import type { Surface } from './metrics.js';

/** Ask the core, and count the question and its time in the bot's metrics. */
export async function askMeasured(
  ctx: BotContext,
  surface: Surface,
  question: string,
  options: AskOptions,
): Promise<AskResult> {
  const started = performance.now();
  const result = await ctx.core.ask(question, options);
  ctx.metrics?.answered(surface, result, (performance.now() - started) / 1000);
  return result;
}
