import type { Db } from '../../src/db/database.js';

const DAY_MS = 86_400_000;

/**
 * `rows` logged questions spread evenly over `days` days before `now` and over three
 * servers: every fifth refused (one of 400 questions, asked in two wordings), every
 * tenth answered by quoting after a model failure, the rest answered. Deterministic.
 */
export function seedAnswerLog(db: Db, rows: number, now: number, days = 90): void {
  const insert = db.prepare(
    `INSERT INTO answer_log (created_at, question, language, mode, model, answered, cached, ms, fallback_reason, guild_id, user_id, refusal)
     VALUES (?, ?, 'en', ?, NULL, ?, 0, 12, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const at = now - Math.floor(((i + 0.5) / rows) * days * DAY_MS);
      const guild = `10000000000000000${i % 3}`;
      const user = `20000000000000${String(i % 997).padStart(4, '0')}`;
      const refused = i % 5 === 0;
      const fallback = !refused && i % 10 === 1;
      const topic = (i / 5) % 400;
      const question = refused
        ? Math.floor(i / 2_000) % 2 === 0
          ? `What did topic ${topic} say about the launch?`
          : `what did topic ${topic} say about the launch`
        : `Answered question ${i % 50}`;
      insert.run(
        at,
        question,
        fallback ? 'extractive' : 'llm',
        refused ? 0 : 1,
        fallback ? 'timeout' : null,
        guild,
        user,
        refused ? 'not-covered' : null,
      );
    }
  })();
}
