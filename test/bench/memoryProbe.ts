import MiniSearch from 'minisearch';
import { openDatabase } from '../../src/db/database.js';
import { readEvalQuestions } from '../../src/evaluation/runEval.js';
import { searchPassages } from '../../src/retrieval/searchPassages.js';
import { collectGarbage } from './stats.js';

// Run in a fresh process by the benchmark: how much resident memory serving the eval questions
// adds, for feudbot (SQLite on disk, its page cache) or for MiniSearch (an in-memory index).
// Usage: memoryProbe.ts feudbot|minisearch <database> <questions.jsonl>

const [engine, dbPath, questionsPath] = process.argv.slice(2) as [string, string, string];
const questions = readEvalQuestions(questionsPath);
const db = openDatabase(dbPath);
const rss = () => process.memoryUsage().rss;

if (engine === 'feudbot') {
  collectGarbage();
  const before = rss();
  for (let round = 0; round < 3; round++) for (const q of questions) searchPassages(db, q.q, { limit: 5 });
  collectGarbage();
  process.send?.({ megabytes: (rss() - before) / 1e6 });
} else {
  collectGarbage();
  const before = rss();
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
  // Feed the index in pages so the documents themselves need not stay in memory.
  const page = db.prepare('SELECT rowid AS id, text FROM passages WHERE rowid > ? ORDER BY rowid LIMIT 5000');
  for (let last = 0; ;) {
    const rows = page.all(last) as { id: number; text: string }[];
    if (rows.length === 0) break;
    index.addAll(rows);
    last = rows.at(-1)!.id;
  }
  for (let round = 0; round < 3; round++) for (const q of questions) index.search(q.q);
  collectGarbage();
  process.send?.({ megabytes: (rss() - before) / 1e6 });
}
db.close();
