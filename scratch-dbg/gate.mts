import { readFileSync } from 'node:fs';
import { openCore } from '../src/core.js';
import { createLogger } from '../src/logger.js';
import { buildQueryWords } from '../src/retrieval/queryTerms.js';
import { weighWords } from '../src/retrieval/weighWords.js';
import { corpusStats } from '../src/retrieval/corpusStats.js';
import { cleanQuestion } from '../src/retrieval/cleanQuestion.js';
import { detectLanguage } from '../src/text/detectLanguage.js';
const core = await openCore({ dbPath: '/tmp/ev/b.db', corpusDir: 'corpus', logger: createLogger('silent') });
for (const f of process.argv.slice(2)) {
const qs = readFileSync(f,'utf8').trim().split('\n').map(l=>JSON.parse(l));
for (const q of qs) {
  const stats = corpusStats(core.db);
  const c = cleanQuestion(q.q);
  const words = weighWords(core.db, buildQueryWords(c, detectLanguage(c), stats.languages), stats);
  const hits = core.search(q.q, {limit: 5});
  const top = hits[0];
  const known = words.filter(w=>w.weight>0);
  const maxIdf = Math.max(0,...known.map(w=>w.idf));
  const matchedIdf = top ? known.filter(w=>w.alternatives.some(a=>top.matchedTerms.includes(a))).map(w=>w.idf) : [];
  const mw = top? known.filter(w=>w.alternatives.some(a=>top.matchedTerms.includes(a))).map(w=>w.word+':'+w.df):[];
  console.log([mw.join(','), q.gold.length? 'A':'U', q.kind.padEnd(14), (top?.coverage??0).toFixed(2), 'known', known.length+'/'+words.length, 'maxMatchedIdf', Math.max(0,...matchedIdf).toFixed(2), 'sumMatched', matchedIdf.reduce((a,b)=>a+b,0).toFixed(2), q.q.slice(0,60)].join(' '));
}}
