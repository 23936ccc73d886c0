import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

const statements = new WeakMap<Db, Map<string, Statement>>();

/** A prepared statement, prepared once per connection: preparing is a large share of a small query's cost. */
export function statement(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map<string, Statement>()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}
