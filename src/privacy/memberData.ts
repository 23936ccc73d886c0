import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import { normalizeQuestion } from '../text/normalizeQuestion.js';
import { spenderOf } from '../llm/tokenBudget.js';

/** What the bot holds about one member. */
export interface MemberData {
  readonly questions: number;
  readonly postedAnswers: number;
  readonly votes: number;
  /** Articles they added or removed as a moderator. */
  readonly corpusChanges: number;
}

export function describeMemberData(db: Db, userId: string): MemberData {
  const count = (sql: string) => Number(statement(db, sql).pluck().get(userId));
  return {
    questions: count('SELECT count(*) FROM answer_log WHERE user_id = ?'),
    postedAnswers: count('SELECT count(*) FROM bot_answers WHERE user_id = ?'),
    votes: count('SELECT count(*) FROM feedback WHERE user_id = ?'),
    corpusChanges: count("SELECT count(*) FROM corpus_changes WHERE actor_via = 'discord' AND actor_id = ?"),
  };
}

/**
 * Delete everything that holds a member's id or questions, in one transaction: their logged
 * questions, their posted answers (with the votes on them), their votes, and the cached
 * answers and translations of their questions. The corpus history keeps what was added or
 * removed, with the member's id and name replaced.
 */
export function deleteMemberData(db: Db, userId: string): MemberData {
  return db.transaction(() => {
    const before = describeMemberData(db, userId);
    for (const question of questionsOf(db, userId)) {
      statement(db, 'DELETE FROM answer_cache WHERE question = ?').run(question);
      statement(db, 'DELETE FROM query_translations WHERE question = ?').run(question);
    }
    statement(db, 'DELETE FROM feedback WHERE user_id = ?').run(userId);
    statement(db, 'DELETE FROM bot_answers WHERE user_id = ?').run(userId);
    statement(db, 'DELETE FROM answer_log WHERE user_id = ?').run(userId);
    statement(db, 'DELETE FROM conversation_turns WHERE user_id = ?').run(userId);
    statement(db, 'DELETE FROM help_posts WHERE asker_id = ?').run(userId);
    statement(db, "UPDATE help_channels SET enabled_by = 'deleted' WHERE enabled_by = ?").run(userId);
    // What they spent of their model budget, under their id or (RETENTION_DAYS=0) its keyed hash.
    const hashed = spenderOf(db, { guildId: null, userId }, false)?.userId ?? userId;
    statement(db, "DELETE FROM token_usage WHERE scope = 'member' AND id IN (?, ?)").run(userId, hashed);
    // Others may have continued a conversation the member started: it stays, without their id.
    statement(db, "UPDATE conversations SET user_id = 'deleted' WHERE user_id = ?").run(userId);
    statement(
      db,
      "UPDATE corpus_changes SET actor_id = 'deleted', actor_name = 'deleted' WHERE actor_via = 'discord' AND actor_id = ?",
    ).run(userId);
    return before;
  })();
}

/**
 * Every wording of the member's questions that a cache may be keyed by: as asked, and as a
 * follow-up was understood on its own (its rewrite), from every table that keeps either.
 */
function questionsOf(db: Db, userId: string): Set<string> {
  const texts = statement(
    db,
    `SELECT question FROM answer_log WHERE user_id = @id
     UNION SELECT standalone FROM answer_log WHERE user_id = @id
     UNION SELECT question FROM bot_answers WHERE user_id = @id
     UNION SELECT json_extract(result, '$.standalone') FROM bot_answers WHERE user_id = @id
     UNION SELECT question FROM conversation_turns WHERE user_id = @id
     UNION SELECT standalone FROM conversation_turns WHERE user_id = @id`,
  )
    .pluck()
    .all({ id: userId }) as (string | null)[];
  return new Set(texts.filter((t): t is string => Boolean(t)).map(normalizeQuestion));
}

/**
 * After a deletion, the deleted bytes must leave the files too: secure_delete (on for every
 * connection) zeroes them in the database pages, and a truncating checkpoint empties the
 * write-ahead log, whose older frames still hold them. False when a reader kept the log
 * from being emptied; the next deletion or daily pruning tries again.
 */
export function eraseFromFiles(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return result?.busy === 0;
}
