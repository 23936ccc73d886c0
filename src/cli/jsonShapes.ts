import type { EmbeddingStatus } from '../embeddings/semanticSearch.js';
import { type AskResult, confidenceOf } from '../answer/types.js';
import type { SourcesListing } from '../corpus/listSources.js';
import type { ReloadReport } from '../corpus/reloadCorpus.js';
import type { SearchHit } from '../retrieval/searchPassages.js';

// The documented, stable JSON of the CLI (see docs/cli.md, "JSON output"). Fields are only ever added.

export function searchJson(query: string, hits: readonly SearchHit[]) {
  return {
    query,
    results: hits.map((h) => ({
      articleId: h.articleId,
      title: h.title,
      url: h.url,
      publisher: h.publisher,
      language: h.language,
      passageId: h.passageId,
      ordinal: h.ordinal,
      text: h.text,
      snippet: h.snippet,
      score: h.score,
    })),
  };
}

export function askJson(result: AskResult) {
  const answered = result.outcome === 'answered' ? result : null;
  const judged = answered ?? (result.outcome === 'refused' ? result : null);
  return {
    question: result.question,
    ...(result.standalone ? { standalone: result.standalone } : {}),
    // answered, refused (the articles do not cover it), busy (try again shortly) or failed.
    outcome: result.outcome,
    answered: answered !== null,
    ...(result.outcome === 'refused' ? { refusal: result.refusal } : {}),
    ...(judged ? { mode: judged.mode } : {}),
    ...(judged?.model ? { model: judged.model } : {}),
    language: result.language,
    answer: result.answer,
    // How sure the answer is, 0–1; 0 for anything but an answer (see docs/quality.md).
    confidence: confidenceOf(result),
    citations: result.citations.map((c) => ({
      n: c.n,
      articleId: c.articleId,
      title: c.title,
      url: c.url,
      publisher: c.publisher,
      passageId: c.passageId,
      quote: c.quote,
    })),
    corpusVersion: result.corpusVersion,
    ...(answered?.fallbackReason ? { fallbackReason: answered.fallbackReason } : {}),
    ...(judged?.cached ? { cached: true } : {}),
  };
}

export function sourcesJson(listing: SourcesListing) {
  return {
    version: listing.version,
    articles: listing.articles.map((a) => ({
      id: a.id,
      title: a.title,
      url: a.url,
      publisher: a.publisher,
      language: a.language,
      author: a.author,
      published: a.published,
      passages: a.passages,
      editorialTitle: a.editorialTitle,
    })),
  };
}

export function reloadJson(report: ReloadReport, embeddings: EmbeddingStatus | null = null) {
  return {
    version: report.version,
    previousVersion: report.previousVersion,
    added: report.added,
    updated: report.updated,
    removed: report.removed,
    unchanged: report.unchanged,
    rejected: report.rejected,
    keptFromBefore: report.keptFromBefore,
    articles: report.articles,
    passages: report.passages,
    ms: report.ms,
    warnings: report.warnings,
    ...(embeddings ? { embeddings } : {}),
  };
}
