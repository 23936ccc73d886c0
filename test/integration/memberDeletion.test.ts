import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeudCore } from '../../src/core.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { createLimiter } from '../../src/llm/limiter.js';
import { createOpenAiChatModel } from '../../src/llm/openAiChatModel.js';
import { openCore } from '../../src/openCore.js';
import { copyOfBundledCorpus, silentLogger, tempDir } from '../helpers/corpus.js';
import { type FakeOpenAI, isTranslationRequest, startFakeOpenAI } from '../helpers/fakeOpenAI.js';
import { structured } from '../helpers/llmCore.js';
import { answeredResult } from '../helpers/results.js';

// Issue 21, item 3: after a member's deletion (or under RETENTION_DAYS=0) nothing holds their
// id or their words: no row, no JSON value, no cache key, no byte of the database files.
const MEMBER = '712345678901234567';
const OTHER = '798765432109876543';
const FIRST = 'Why did Musk leave the OpenAI board back then?';
const FOLLOW_UP = 'and when exactly did zebrafinch happen?';
const REWRITE = 'When did Musk quit the OpenAI board, per zebrafinch?';
const THEIRS = 'What does Altman think of Musk?';

let fake: FakeOpenAI;
let work: { path: string; cleanup: () => void };
let corpus: { path: string; cleanup: () => void };
let core: FeudCore | undefined;
beforeEach(async () => {
  fake = await startFakeOpenAI((request) =>
    request.body.messages[0]?.content.startsWith('Rewrite the follow-up')
      ? {
          kind: 'completion',
          content: request.body.messages[1]?.content.includes('zebrafinch') ? REWRITE : 'Why does Altman think so?',
        }
      : isTranslationRequest(request)
        ? { kind: 'completion', content: JSON.stringify({ queries: ['Musk OpenAI Vorstand'] }) }
        : { kind: 'completion', content: structured('He left the board in 2018 [1].', [1]) },
  );
  work = tempDir('feudbot-deletion-');
  corpus = copyOfBundledCorpus();
});
afterEach(async () => {
  core?.close();
  core = undefined;
  await fake.close();
  work.cleanup();
  corpus.cleanup();
});

async function start(retentionDays: number): Promise<FeudCore> {
  return openCore({
    dbPath: join(work.path, 'feudbot.db'),
    corpusDir: corpus.path,
    logger: silentLogger,
    limiter: createLimiter(4, 100),
    retentionDays,
    model: createOpenAiChatModel({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'fake-model-1',
      timeoutMs: 5_000,
      maxRetries: 0,
    }),
  });
}

/** A question, its posted answer and a follow-up in its thread, as the bot's handlers record them. */
async function conversation(c: FeudCore, userId: string, first: string, followUp: string): Promise<void> {
  const asker = { guildId: '1', userId };
  const answer = answeredResult(await c.ask(first, { asker }));
  const answerId = c.savePostedAnswer({ guildId: '1', channelId: '2', userId, isPrivate: false, result: answer });
  c.vote(answerId, userId, 'up');
  const turn = { question: first, answer: answer.answer, passageIds: answer.citations.map((x) => x.passageId) };
  const conversationId = c.startConversation(
    { guildId: '1', channelId: '2', threadId: `thread-${first.length}`, userId, isPrivate: false },
    answerId,
    turn,
  );
  const next = answeredResult(await c.ask(followUp, { asker, history: [turn] }));
  const nextId = c.savePostedAnswer({ guildId: '1', channelId: '3', userId, isPrivate: false, result: next });
  c.addConversationTurn(
    conversationId,
    userId,
    { question: followUp, standalone: next.standalone ?? null, answer: next.answer, passageIds: [] },
    nextId,
  );
}

/** Every column of every table (read from the schema), as text: JSON columns and cache keys included. */
function cellsHolding(db: Db, needle: string): string[] {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%'",
    )
    .pluck()
    .all() as string[];
  const holding: string[] = [];
  for (const table of tables)
    for (const column of db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]) {
      const sql = `SELECT count(*) FROM "${table}" WHERE instr(lower(CAST("${column}" AS TEXT)), lower(?)) > 0`;
      if ((db.prepare(sql).pluck().get(needle) as number) > 0) holding.push(`${table}.${column}`);
    }
  return holding;
}

/** The database file and everything beside it (-wal, -shm), as bytes. */
function filesHold(needle: string): string[] {
  return readdirSync(work.path)
    .filter((name) => readFileSync(join(work.path, name)).includes(Buffer.from(needle)))
    .map((name) => name);
}

describe("a member's deletion with a model, after a follow-up in a thread", () => {
  it('leaves no row, JSON value, cache key or byte of the files with their id or words; the other member keeps theirs', async () => {
    core = await start(90);
    await conversation(core, MEMBER, FIRST, FOLLOW_UP);
    await conversation(core, OTHER, THEIRS, 'and why?');
    const db = openDatabase(join(work.path, 'feudbot.db'));
    try {
      // The rewrite keyed the caches: the mechanism under test is really there.
      expect(cellsHolding(db, REWRITE.toLowerCase().replace(/[?]/g, ''))).toContain('answer_cache.question');
      core.deleteMemberData(MEMBER);
      for (const needle of [MEMBER, 'zebrafinch', 'back then'])
        expect({ needle, cells: cellsHolding(db, needle) }).toEqual({ needle, cells: [] });
      expect(cellsHolding(db, OTHER)).toContain('answer_log.user_id');
    } finally {
      db.close();
    }
    for (const needle of [MEMBER, 'zebrafinch', 'back then'])
      expect({ needle, files: filesHold(needle) }).toEqual({ needle, files: [] });
  });
});

describe('RETENTION_DAYS=0 with a model, after a follow-up in a thread', () => {
  it('keeps no question text, rewrite or member id anywhere, nor in the files', async () => {
    core = await start(0);
    await conversation(core, MEMBER, FIRST, FOLLOW_UP);
    const db = openDatabase(join(work.path, 'feudbot.db'));
    try {
      expect(db.prepare('SELECT count(*) FROM answer_log').pluck().get()).toBe(2);
      for (const needle of ['zebrafinch', 'back then'])
        expect({ needle, cells: cellsHolding(db, needle) }).toEqual({ needle, cells: [] });
      // Posted answers keep the asker's id for their buttons (who may see a private answer); nothing else does.
      expect(cellsHolding(db, MEMBER).sort()).toEqual(['bot_answers.user_id', 'feedback.user_id']);
    } finally {
      db.close();
    }
    for (const needle of ['zebrafinch', 'back then'])
      expect({ needle, files: filesHold(needle) }).toEqual({ needle, files: [] });
  });
});
