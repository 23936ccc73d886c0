import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { openCore } from '../../src/openCore.js';
import { createCore } from '../../src/core.js';
import { pruneExpired } from '../../src/privacy/retention.js';
import { queryInsights, UNSURE_BELOW } from '../../src/insights/insightsQuery.js';
import { BUNDLED_CORPUS, migratedMemoryDb, silentLogger, tempDir } from '../helpers/corpus.js';
import { seedAnswerLog } from '../helpers/insightsSeed.js';
import { answeredResult } from '../helpers/results.js';

const DAY_MS = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);

describe('insights over a large answer log', () => {
  it('counts 100,000 logged questions per server and period, on indexes', () => {
    const db = migratedMemoryDb();
    seedAnswerLog(db, 100_000, NOW);
    const insights = queryInsights(db, { guildId: '100000000000000001', days: 30, now: NOW });
    // A third of a third of the rows: one server, 30 of 90 days.
    expect(insights.totals.asked).toBeGreaterThan(11_000);
    expect(insights.totals.asked).toBeLessThan(11_300);
    expect(insights.totals.refused / insights.totals.asked).toBeCloseTo(0.2, 1);
    expect(insights.perDay.length).toBeGreaterThanOrEqual(30);
    // Two wordings of each refused question are grouped as one.
    expect(insights.uncovered[0]!.wordings).toHaveLength(2);
    expect(insights.uncovered.length).toBeLessThanOrEqual(400);

    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT count(*) FROM answer_log WHERE guild_id = ? AND created_at >= ?', 'g', 0)).toMatch(
      /USING (COVERING )?INDEX answer_log_guild_created/,
    );
    expect(plan('SELECT count(*) FROM answer_log WHERE created_at >= ?', 0)).toMatch(
      /USING (COVERING )?INDEX answer_log_created/,
    );
    expect(
      plan(
        "SELECT f.vote FROM feedback f JOIN bot_answers b ON b.id = f.answer_id WHERE f.updated_at >= ? AND f.vote = 'down'",
        0,
      ),
    ).toMatch(/SEARCH f USING INDEX feedback_updated/);
    expect(plan('DELETE FROM answer_log WHERE user_id = ?', 'u')).toMatch(/USING (COVERING )?INDEX answer_log_user/);
    expect(plan('SELECT 1 FROM bot_answers WHERE user_id = ?', 'u')).toMatch(
      /USING (COVERING )?INDEX bot_answers_user/,
    );
  });
});

describe('answers given with little confidence (issue 22, item 3)', () => {
  it('are listed for moderators, grouped; sure answers and refusals are not', async () => {
    const db = migratedMemoryDb();
    const core = createCore({ db, corpusDir: BUNDLED_CORPUS, logger: silentLogger });
    await core.reload();
    const asker = { guildId: '100000000000000001', userId: '200000000000000001' };
    const unsure = answeredResult(await core.ask('did the jury side with musk', { asker }));
    const sure = answeredResult(await core.ask('How much did Musk donate to OpenAI?', { asker }));
    await core.ask('What is the capital of France?', { asker });
    expect(unsure).toMatchObject({ outcome: 'answered', confidence: expect.any(Number) });
    expect(unsure.confidence).toBeLessThan(UNSURE_BELOW);
    expect(sure.confidence).toBeGreaterThanOrEqual(UNSURE_BELOW);
    const insights = core.insights({ guildId: asker.guildId, days: 1 });
    expect(insights.unsure.map((g) => g.question)).toEqual(['did the jury side with musk']);
    expect(db.prepare('SELECT confidence FROM answer_log ORDER BY id').pluck().all()).toEqual([
      unsure.confidence,
      sure.confidence,
      null,
    ]);
    core.close();
  });
});

describe('retention', () => {
  it('deletes questions, answers, votes and cached answers older than the period and keeps the rest', () => {
    const db = migratedMemoryDb();
    seedAnswerLog(db, 1_000, NOW, 100);
    const answer = db.prepare(
      `INSERT INTO bot_answers (id, created_at, guild_id, channel_id, user_id, question, language, mode, result) VALUES (?, ?, 'g', 'c', 'u', 'q', 'en', 'llm', '{}')`,
    );
    answer.run(1, NOW - 91 * DAY_MS);
    answer.run(2, NOW - 89 * DAY_MS);
    const vote = db.prepare(`INSERT INTO feedback (answer_id, user_id, vote, updated_at) VALUES (?, 'v', 'down', ?)`);
    vote.run(1, NOW - 91 * DAY_MS);
    vote.run(2, NOW - 89 * DAY_MS);
    db.prepare(
      `INSERT INTO answer_cache VALUES ('old q', 'en', 'v1', 'm', '{}', ?), ('new q', 'en', 'v1', 'm', '{}', ?)`,
    ).run(NOW - 95 * DAY_MS, NOW - DAY_MS);

    const pruned = pruneExpired(db, 90, NOW);
    expect(pruned).toMatchObject({ answer_log: 100, bot_answers: 1, feedback: 1, answer_cache: 1 });
    expect(db.prepare('SELECT min(created_at) FROM answer_log').pluck().get()).toBeGreaterThanOrEqual(
      NOW - 90 * DAY_MS,
    );
    expect(db.prepare('SELECT count(*) FROM answer_log').pluck().get()).toBe(900);
    expect(db.prepare('SELECT id FROM bot_answers').pluck().all()).toEqual([2]);
    expect(db.prepare('SELECT answer_id FROM feedback').pluck().all()).toEqual([2]);
    expect(db.prepare('SELECT question FROM answer_cache').pluck().all()).toEqual(['new q']);
    expect(pruneExpired(db, 90, NOW)).toMatchObject({ answer_log: 0, bot_answers: 0 });
  });

  it('RETENTION_DAYS=0 keeps no question text and no member id with it, only the counts', async () => {
    const db = migratedMemoryDb();
    const core = createCore({ db, corpusDir: BUNDLED_CORPUS, logger: silentLogger, retentionDays: 0 });
    await core.reload();
    const asker = { guildId: '100000000000000001', userId: '200000000000000001' };
    const answered = answeredResult(await core.ask('why did Musk leave OpenAI', { asker }));
    await core.ask('What is the capital of France?', { asker });
    core.savePostedAnswer({
      guildId: asker.guildId,
      channelId: 'c',
      userId: asker.userId,
      isPrivate: false,
      result: answered,
    });
    core.close.bind(core);
    const text =
      JSON.stringify(db.prepare('SELECT * FROM answer_log').all()) +
      JSON.stringify(db.prepare('SELECT * FROM bot_answers').all());
    expect(text).not.toMatch(/leave OpenAI|capital of France/);
    expect(JSON.stringify(db.prepare('SELECT * FROM answer_log').all())).not.toContain(asker.userId);
    expect(core.insights({ guildId: asker.guildId, days: 1 }).totals).toMatchObject({
      asked: 2,
      answered: 1,
      refused: 1,
    });
    expect(core.insights({ guildId: asker.guildId, days: 1 }).uncovered).toEqual([]);
    core.close();
  });
});

describe('retention at start-up', () => {
  it('does not stop a start while another process holds the write lock; the next start prunes', async () => {
    const dir = tempDir();
    const dbPath = join(dir.path, 'feudbot.db');
    try {
      (await openCore({ dbPath, corpusDir: BUNDLED_CORPUS, logger: silentLogger })).close();
      const other = openDatabase(dbPath);
      other
        .prepare(
          'INSERT INTO answer_log (created_at, question, language, mode, answered, cached, ms) VALUES (0, ?, ?, ?, 0, 0, 1)',
        )
        .run('old', 'en', 'extractive');
      other.exec('BEGIN IMMEDIATE');
      const started = Date.now();
      const core = await openCore({ dbPath, corpusDir: BUNDLED_CORPUS, logger: silentLogger });
      // Not the 5-second busy wait: the pruning is skipped at once.
      expect(Date.now() - started).toBeLessThan(4_000);
      core.close();
      other.exec('COMMIT');
      expect(other.prepare('SELECT count(*) FROM answer_log').pluck().get()).toBe(1);
      (await openCore({ dbPath, corpusDir: BUNDLED_CORPUS, logger: silentLogger })).close();
      expect(other.prepare('SELECT count(*) FROM answer_log').pluck().get()).toBe(0);
      other.close();
    } finally {
      dir.cleanup();
    }
  });
});
