import type { EmbeddingStatus } from '../../embeddings/semanticSearch.js';
import type { APIEmbed } from 'discord-api-types/v10';
import type { ReloadReport } from '../../corpus/reloadCorpus.js';
import type { Language } from '../../text/languages.js';
import { say } from '../../i18n/words.js';
import { EMBED_FIELD_VALUE_MAX } from '../limits.js';
import { fitEmbed } from './embeds.js';
import { truncate } from './truncate.js';

/** The moderator's private report of a reload. */
export function reloadMessage(
  report: ReloadReport,
  ui: Language,
  embeddings: EmbeddingStatus | null = null,
): { embeds: APIEmbed[] } {
  const list = (ids: readonly string[]) =>
    truncate(ids.length > 0 ? ids.map((id) => `\`${id}\``).join(', ') : '—', EMBED_FIELD_VALUE_MAX);
  const rejected = report.rejected.map((r) => `\`${r.file}\`: ${r.reason}`).join('\n');
  const fields = [
    { name: say('reloadAdded', ui, { count: report.added.length }), value: list(report.added) },
    { name: say('reloadUpdated', ui, { count: report.updated.length }), value: list(report.updated) },
    { name: say('reloadRemoved', ui, { count: report.removed.length }), value: list(report.removed) },
    { name: say('reloadUnchanged', ui), value: String(report.unchanged.length) },
    {
      name: say('reloadRejected', ui, { count: report.rejected.length }),
      value: truncate(rejected || '—', EMBED_FIELD_VALUE_MAX),
    },
  ];
  if (report.warnings.length > 0)
    fields.unshift({ name: '⚠', value: truncate(report.warnings.join('\n'), EMBED_FIELD_VALUE_MAX) });
  if (embeddings) fields.push(embeddingsField(embeddings, ui));
  if (report.keptFromBefore.length > 0)
    fields.push({ name: say('reloadKept', ui), value: list(report.keptFromBefore) });
  const summary = say('reloadSummary', ui, {
    previous: report.previousVersion ?? '—',
    version: report.version,
    articles: report.articles.toLocaleString(ui),
    passages: report.passages.toLocaleString(ui),
    ms: report.ms,
  });
  return { embeds: [fitEmbed({ title: say('reloadTitle', ui), description: summary, fields, footer: '' })] };
}

/** Where the vectors stand right after the swap: they fill in behind it ("embedding 812 of 3,000 passages"). */
function embeddingsField(status: EmbeddingStatus, ui: Language): { name: string; value: string } {
  const values = { embedded: status.embedded.toLocaleString(ui), total: status.total.toLocaleString(ui) };
  const value =
    status.state === 'complete'
      ? say('embeddingsComplete', ui, values)
      : status.state === 'paused' && status.lastError
        ? say('embeddingsPaused', ui, { ...values, reason: status.lastError })
        : say('embeddingsProgress', ui, values);
  return { name: say('embeddingsField', ui, { model: status.model }), value: truncate(value, EMBED_FIELD_VALUE_MAX) };
}
