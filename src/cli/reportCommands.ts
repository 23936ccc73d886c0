import { existsSync, writeFileSync } from 'node:fs';
import { UserFacingError } from '../errors.js';
import type { FeudCore } from '../core.js';
import type { Insights } from '../insights/insightsQuery.js';

type Print = (json: unknown, text: string) => void;

/** `feudbot report [--days N]`: /insights for the operator, over every server. */
export function report(core: FeudCore, days: number, print: Print): void {
  const insights = core.insights({ guildId: null, days });
  print(insights, formatReport(insights, core.retentionDays));
}

/** `feudbot eval export --from-feedback FILE`: the 👎 and refused questions as eval lines to fill in. */
export function exportFeedback(core: FeudCore, file: string, days: number, print: Print): void {
  if (existsSync(file))
    throw new UserFacingError(`${file} exists already; give a new file name (it is never overwritten).`);
  const lines = core.feedbackForEval(days);
  writeFileSync(file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''), { flag: 'wx' });
  print(
    { file, questions: lines.length },
    `Wrote ${lines.length} questions to ${file}. Fill in each "gold" with phrases of the passage that answers it.`,
  );
}

function formatReport(insights: Insights, retentionDays: number): string {
  const { totals, votes } = insights;
  const lines = [
    `The last ${insights.days} days${insights.days > retentionDays && retentionDays > 0 ? ` (only ${retentionDays} are kept)` : ''}:`,
    `asked ${totals.asked}, answered ${totals.answered}, not covered ${totals.refused}, quoted because the model failed ${totals.fallback}`,
    `votes: ${votes.up} up, ${votes.down} down`,
    `model tokens: ${insights.perDay.reduce((n, d) => n + d.tokens, 0)}; daily budget reached ${totals.budgetReached} times`,
    '',
    'Per day (answered / quoted after a model failure / not covered; model tokens):',
    ...insights.perDay.map((d) => `  ${d.day}  ${d.answered} / ${d.fallback} / ${d.refused}; ${d.tokens}`),
    '',
    'Asked most, not covered:',
    ...(insights.uncovered.length > 0
      ? insights.uncovered.slice(0, 20).map((g) => `  ${String(g.count).padStart(4)}× ${g.question}`)
      : ['  none']),
    '',
    'Answered with little confidence:',
    ...(insights.unsure.length > 0
      ? insights.unsure.slice(0, 20).map((g) => `  ${String(g.count).padStart(4)}× ${g.question}`)
      : ['  none']),
    '',
    `Help-channel posts left to people: ${insights.leftToPeople.length}`,
    ...insights.leftToPeople.map((p) => `  https://discord.com/channels/${p.guildId}/${p.threadId}`),
    '',
    'Answers voted down:',
    ...(insights.downvoted.length > 0
      ? insights.downvoted.map((d) => {
          const where = d.message
            ? `https://discord.com/channels/${d.message.guildId}/${d.message.channelId}/${d.message.messageId}`
            : '(private answer)';
          return `  ${new Date(d.at).toISOString().slice(0, 10)} ${d.question} [${d.reason ?? 'no reason'}]${d.comment ? ` "${d.comment}"` : ''} ${where}`;
        })
      : ['  none']),
  ];
  return lines.join('\n');
}
