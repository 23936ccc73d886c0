import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeudCore } from '../../src/core.js';
import { createLimiter } from '../../src/llm/limiter.js';
import { createOpenAiChatModel } from '../../src/llm/openAiChatModel.js';
import { openCore } from '../../src/openCore.js';
import { BUNDLED_CORPUS, silentLogger, tempDir } from '../helpers/corpus.js';
import { type FakeOpenAI, isTranslationRequest, startFakeOpenAI, USAGE } from '../helpers/fakeOpenAI.js';
import { structured } from '../helpers/llmCore.js';

// Issue 25, item 4: daily model-token budgets per member and per server, kept in the database.
const QUESTION = 'Why did Musk leave OpenAI?';
const SPENT = USAGE.prompt_tokens + USAGE.completion_tokens;

let fake: FakeOpenAI;
let work: { path: string; cleanup: () => void };
const open: FeudCore[] = [];
beforeEach(async () => {
  fake = await startFakeOpenAI((request) =>
    isTranslationRequest(request)
      ? { kind: 'completion', content: JSON.stringify({ queries: [] }) }
      : { kind: 'completion', content: structured('He left the board in 2018 [1].', [1]) },
  );
  work = tempDir('feudbot-budget-');
});
afterEach(async () => {
  for (const core of open.splice(0)) core.close();
  await fake.close();
  work.cleanup();
});

async function core(
  budgets: { perMember: number | null; perServer: number | null },
  retentionDays = 90,
): Promise<FeudCore> {
  const c = await openCore({
    retentionDays,
    dbPath: join(work.path, 'feudbot.db'),
    corpusDir: BUNDLED_CORPUS,
    logger: silentLogger,
    limiter: createLimiter(4, 32),
    budgets,
    model: createOpenAiChatModel({ apiKey: 'k', baseURL: fake.baseURL, model: 'm', timeoutMs: 5_000, maxRetries: 0 }),
  });
  open.push(c);
  return c;
}

const asker = (userId: string, guildId = '100000000000000001') => ({ asker: { guildId, userId } });

describe('daily model budgets', () => {
  it('past a member budget the member gets the quoted answer saying why; others still get the model', async () => {
    const c = await core({ perMember: SPENT, perServer: null });
    expect(await c.ask(QUESTION, asker('200000000000000001'))).toMatchObject({ mode: 'llm', outcome: 'answered' });
    const over = await c.ask('What did Sutskever write about Musk?', asker('200000000000000001'));
    expect(over).toMatchObject({ mode: 'extractive', outcome: 'answered', budgetReached: 'member' });
    expect(over.answer).toMatch(/\[1\]/);
    expect(await c.ask('What did Sutskever write about Musk?', asker('200000000000000002'))).toMatchObject({
      mode: 'llm',
    });
    const insights = c.insights({ guildId: '100000000000000001', days: 1 });
    expect(insights.totals.budgetReached).toBe(1);
    expect(insights.perDay.reduce((n, d) => n + d.tokens, 0)).toBe(2 * SPENT);
  });

  it('holds a server budget across members, and survives a restart', async () => {
    const first = await core({ perMember: null, perServer: 2 * SPENT });
    await first.ask(QUESTION, asker('200000000000000001'));
    await first.ask('What did Sutskever write about Musk?', asker('200000000000000002'));
    first.close();
    open.splice(0);
    const again = await core({ perMember: null, perServer: 2 * SPENT });
    expect(await again.ask('What is Merge Labs?', asker('200000000000000003'))).toMatchObject({
      budgetReached: 'server',
      mode: 'extractive',
    });
    // Another server is not held by this one's budget.
    expect(await again.ask('What is Merge Labs?', asker('200000000000000003', '100000000000000002'))).toMatchObject({
      mode: 'llm',
    });
  });

  it('a member’s deletion removes what they spent; RETENTION_DAYS=0 keeps no member id for it', async () => {
    for (const retentionDays of [90, 0]) {
      const c = await core({ perMember: SPENT, perServer: null }, retentionDays);
      await c.ask(QUESTION, asker('200000000000000001'));
      const file = openDatabase(join(work.path, 'feudbot.db'));
      const ids = () => file.prepare("SELECT id FROM token_usage WHERE scope = 'member'").pluck().all() as string[];
      expect(ids()).toHaveLength(1);
      if (retentionDays === 0) expect(ids()[0]).not.toContain('200000000000000001');
      // Under RETENTION_DAYS=0 the budget still holds for the same member.
      expect(await c.ask('What is Merge Labs?', asker('200000000000000001'))).toMatchObject({
        budgetReached: 'member',
      });
      c.deleteMemberData('200000000000000001');
      expect(ids()).toEqual([]);
      file.close();
      c.close();
      open.splice(0);
      rmSync(join(work.path, 'feudbot.db'), { force: true });
      rmSync(join(work.path, 'feudbot.db-wal'), { force: true });
      rmSync(join(work.path, 'feudbot.db-shm'), { force: true });
    }
  });
});
