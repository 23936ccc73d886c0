import { citationNumbers, citedArticles, type CitedArticle } from '../answer/citedArticles.js';
import type { EmbeddingStatus } from '../embeddings/semanticSearch.js';
import { say } from '../i18n/words.js';
import type { AskResult } from '../answer/types.js';
import type { SourcesListing } from '../corpus/listSources.js';
import type { ReloadReport } from '../corpus/reloadCorpus.js';
import type { EvalReport, EvalScores } from '../evaluation/runEval.js';
import type { SearchHit } from '../retrieval/searchPassages.js';

/** The answer as a person reads it in a terminal: text, the mode line, then the numbered sources. */
export function formatAnswer(result: AskResult): string {
  const lines = [result.answer];
  if (result.outcome !== 'answered') return lines.join('\n');
  lines.push('');
  if (result.mode === 'extractive') {
    lines.push(
      say(
        result.budgetReached ? 'budgetNotice' : result.fallbackReason ? 'fallbackNotice' : 'quotedNotice',
        result.language,
      ),
    );
  } else if (result.model) {
    lines.push(say('modelAnswered', result.language, { model: result.model }));
  }
  lines.push('', `${say('sources', result.language)}:`);
  for (const article of citedArticles(result.citations)) lines.push(formatCitedArticle(article));
  return lines.join('\n');
}

function formatCitedArticle(a: CitedArticle): string {
  const where = [a.publisher, a.language].filter(Boolean).join(', ');
  return `${citationNumbers(a)} ${a.title}${where ? ` (${where})` : ''}${a.url ? `\n    ${a.url}` : ''}`;
}

export function formatSearch(hits: readonly SearchHit[]): string {
  if (hits.length === 0) return 'No passage matches that.';
  return hits
    .map((h, i) => `${i + 1}. ${h.title} (${h.language}) · ${h.passageId} · score ${h.score}\n   ${h.snippet}`)
    .join('\n');
}

export function formatSources(listing: SourcesListing): string {
  const lines = listing.articles.map((a) => {
    const details = [a.publisher, a.language, a.published ?? 'undated', `${a.passages} passages`]
      .filter(Boolean)
      .join(' · ');
    return `- ${a.title}${a.editorialTitle ? ` [${say('editorialTitle', 'en')}]` : ''}\n  ${details}${a.url ? `\n  ${a.url}` : ''}`;
  });
  return [`Corpus version ${listing.version ?? '(empty)'}: ${listing.articles.length} articles`, ...lines].join('\n');
}

export function formatReload(report: ReloadReport, embeddings: EmbeddingStatus | null = null): string {
  const list = (label: string, ids: readonly string[]) =>
    ids.length > 0 ? `${label}: ${ids.join(', ')}` : `${label}: none`;
  const lines = [
    `Corpus version ${report.previousVersion ?? '(none)'} → ${report.version} (${report.articles} articles, ${report.passages} passages, ${report.ms} ms)`,
    list('added', report.added),
    list('updated', report.updated),
    list('removed', report.removed),
    `unchanged: ${report.unchanged.length}`,
  ];
  if (report.keptFromBefore.length > 0)
    lines.push(list('kept from before (their file is now invalid)', report.keptFromBefore));
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  if (embeddings) lines.push(formatEmbeddings(embeddings));
  lines.push(report.rejected.length > 0 ? 'rejected:' : 'rejected: none');
  for (const r of report.rejected) lines.push(`  ${r.file}: ${r.reason}`);
  return lines.join('\n');
}

export function formatEval(report: EvalReport): string {
  const pct = (x: number | null) => (x === null ? '   -' : x.toFixed(3));
  const typed = (s: EvalScores) => (s.typeAsked === 0 ? '   -' : `${s.typeHeld}/${s.typeAsked}`.padStart(5));
  const row = (name: string, s: EvalScores) =>
    `${name.padEnd(16)} ${String(s.questions).padStart(3)}  ${pct(s.recallAt1)}  ${pct(s.recallAt5)}  ${pct(s.mrr)}  ${String(s.answered).padStart(8)}  ${String(s.refused).padStart(7)}  ${String(s.right).padStart(5)}  ${typed(s)}`;
  const lines = [`${'kind'.padEnd(16)}   n  R@1    R@5    MRR    answered  refused  right  type held`];
  for (const [kind, s] of Object.entries(report.byKind)) lines.push(row(kind, s));
  lines.push(row('overall', report.overall));
  if (report.k !== 5) lines.push(`recall@${report.k} overall: ${pct(report.overall.recallAtK)}`);
  lines.push('', 'confidence   answers  right');
  for (const bin of report.calibration)
    lines.push(
      `${bin.from.toFixed(1)}–${bin.to.toFixed(1)}    ${String(bin.answers).padStart(7)}  ${bin.answers === 0 ? '    -' : (bin.right / bin.answers).toFixed(2).padStart(5)}`,
    );
  if (report.failures.length > 0) {
    lines.push('', 'Misses:');
    for (const f of report.failures) lines.push(`  ${f.id} [${f.kind}] ${f.problem}: ${f.q}`);
  }
  return lines.join('\n');
}

/** "embeddings (bge-m3): 812 of 3000 passages, paused: HTTP 500" */
export function formatEmbeddings(status: EmbeddingStatus): string {
  const why = status.lastError ? `: ${status.lastError}` : '';
  return `embeddings (${status.model}): ${status.embedded} of ${status.total} passages, ${status.state}${why}`;
}
