import type { EmbeddingStatus } from '../../embeddings/semanticSearch.js';
import type { APIEmbed } from 'discord-api-types/v10';
import type { ReloadReport } from '../../corpus/reloadCorpus.js';
import type { Language } from '../../text/languages.js';
import { label } from '../i18n.js';
import { EMBED_FIELD_VALUE_MAX } from '../limits.js';
import { fitEmbed } from './answerMessage.js';
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
    { name: `Added (${report.added.length})`, value: list(report.added) },
    { name: `Updated (${report.updated.length})`, value: list(report.updated) },
    { name: `Removed (${report.removed.length})`, value: list(report.removed) },
    { name: 'Unchanged', value: String(report.unchanged.length) },
    { name: `Rejected (${report.rejected.length})`, value: truncate(rejected || '—', EMBED_FIELD_VALUE_MAX) },
  ];
  if (report.warnings.length > 0)
    fields.unshift({ name: '⚠', value: truncate(report.warnings.join('\n'), EMBED_FIELD_VALUE_MAX) });
  if (embeddings) fields.push(embeddingsField(embeddings, ui));
  if (report.keptFromBefore.length > 0)
    fields.push({ name: 'Kept from before (file now invalid)', value: list(report.keptFromBefore) });
  return {
    embeds: [
      fitEmbed({
        title: label('reloadTitle', ui),
        description: `${report.previousVersion ?? '—'} → **${report.version}** · ${report.articles} articles, ${report.passages} passages · ${report.ms} ms`,
        fields,
        footer: '',
      }),
    ],
  };
}

/** Where the vectors stand right after the swap: they fill in behind it ("embedding 812 of 3,000 passages"). */
function embeddingsField(status: EmbeddingStatus, ui: Language): { name: string; value: string } {
  const values = { embedded: status.embedded.toLocaleString(ui), total: status.total.toLocaleString(ui) };
  const value =
    status.state === 'complete'
      ? label('embeddingsComplete', ui, values)
      : status.state === 'paused' && status.lastError
        ? label('embeddingsPaused', ui, { ...values, reason: status.lastError })
        : label('embeddingsProgress', ui, values);
  return { name: label('embeddingsField', ui, { model: status.model }), value: truncate(value, EMBED_FIELD_VALUE_MAX) };
}
