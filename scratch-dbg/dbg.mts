import { readFileSync } from 'node:fs';
import { openCore } from '../src/core.js';
import { createLogger } from '../src/logger.js';
import { buildQueryWords } from '../src/retrieval/queryTerms.js';
import { detectLanguage } from '../src/text/detectLanguage.js';
const core = await openCore({ dbPath: '/tmp/ev/b.db', corpusDir: '/work/main/corpus', logger: createLogger('silent') });
const ids = process.argv.slice(2);
const qs = readFileSync('/work/shared/eval/member-questions.jsonl','utf8').trim().split('\n').map(l=>JSON.parse(l)).filter(q=>ids.includes(q.id));
const df = core.db.prepare('select df from term_df where term=?').pluck();
for (const q of qs) {
  const words = buildQueryWords(q.q, detectLanguage(q.q), ['de','en']);
  console.log('\n##', q.id, q.q, detectLanguage(q.q));
  console.log(words.map(w=>w.word+'{'+w.alternatives.map(a=>a+':'+(df.get(a)??0)).join(',')+'}').join(' '));
  const hits = core.search(q.q, {limit: 50});
  const gi = hits.findIndex(h=>q.gold.some((g:string)=>h.text.toLowerCase().includes(g.toLowerCase())));
  console.log('gold rank', gi+1, 'of', hits.length, gi>=0 ? JSON.stringify(hits[gi]!.matchedTerms)+' cov '+hits[gi]!.coverage+' score '+hits[gi]!.score : '');
  for (const h of hits.slice(0,3)) console.log('  ', h.score, h.coverage, h.lexicalRank, h.matchedTerms.join(','), '|', h.text.slice(0,80));
}
