import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { outcomeChartPng } from '../../src/insights/chart.js';
import { queryInsights } from '../../src/insights/insightsQuery.js';
import { seedAnswerLog } from '../helpers/insightsSeed.js';

export interface InsightsResult {
  readonly rows: number;
  /** One server, the last 30 days: the report's queries and grouping, median of 5. */
  readonly queryMs: number;
  readonly chartMs: number;
  /** What /insights has before Discord's 3-second window closes, were it not deferred first. */
  readonly shareOfWindow: number;
}

/** /insights on a log of `rows` questions in a database file (the bot's case), timed. */
export function benchInsights(rows: number, workDir: string): InsightsResult {
  const db = openDatabase(join(workDir, 'insights.db'));
  try {
    migrate(db);
    const now = Date.now();
    seedAnswerLog(db, rows, now);
    const times: number[] = [];
    let last = queryInsights(db, { guildId: '100000000000000001', days: 30, now });
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      last = queryInsights(db, { guildId: '100000000000000001', days: 30, now });
      times.push(performance.now() - started);
    }
    const started = performance.now();
    outcomeChartPng(last.perDay, last.since, now, {
      title: 'Answers per day',
      answered: 'a',
      fallback: 'f',
      refused: 'r',
    });
    const chartMs = Math.round(performance.now() - started);
    const queryMs = Math.round(times.sort((a, b) => a - b)[2]!);
    return { rows, queryMs, chartMs, shareOfWindow: Math.round(((queryMs + chartMs) / 3000) * 100) / 100 };
  } finally {
    db.close();
  }
}
