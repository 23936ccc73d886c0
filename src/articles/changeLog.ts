import type { Db } from '../db/database.js';
import { statement } from '../db/statements.js';
import type { CorpusChange } from './corpusEditor.js';

/** Keep one add or remove in the history (table corpus_changes). */
export function recordCorpusChange(db: Db, change: CorpusChange): void {
  statement(
    db,
    `INSERT INTO corpus_changes (action, article_id, title, url, actor_via, actor_id, actor_name)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    change.action,
    change.articleId,
    change.title,
    change.url,
    change.actor.via,
    change.actor.id,
    change.actor.name,
  );
}
