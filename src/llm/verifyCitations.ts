import { citationFor } from '../answer/citations.js';
import type { Citation } from '../answer/types.js';
import type { SearchHit } from '../retrieval/searchPassages.js';

export interface VerifiedAnswer {
  readonly answer: string;
  readonly citations: Citation[];
  /** Numbers the model cited that were not among the passages sent. */
  readonly dropped: number[];
}

/**
 * Check the model's [n] markers against the passages actually sent: a marker for a
 * passage that was not sent is removed; the others are renumbered 1, 2, … in order of
 * first use, and each citation's quote is the passage's own text, never the model's.
 */
export function verifyCitations(text: string, sent: readonly SearchHit[]): VerifiedAnswer {
  const renumber = new Map<number, number>();
  const citations: Citation[] = [];
  const dropped: number[] = [];
  const answer = text
    .replace(/\s*\[(\d+(?:\s*,\s*\d+)*)\]/g, (_marker, list: string) => {
      const kept: number[] = [];
      for (const raw of list.split(',')) {
        const n = Number(raw.trim());
        const hit = sent[n - 1];
        if (!hit || n < 1) {
          if (!dropped.includes(n)) dropped.push(n);
          continue;
        }
        let mapped = renumber.get(n);
        if (mapped === undefined) {
          mapped = citations.length + 1;
          renumber.set(n, mapped);
          citations.push(citationFor(hit, mapped));
        }
        if (!kept.includes(mapped)) kept.push(mapped);
      }
      return kept.length > 0 ? ` ${kept.map((n) => `[${n}]`).join('')}` : '';
    })
    .trim();
  return { answer, citations, dropped };
}

/**
 * Model text made safe to show: no links of its own (sources are linked by feudbot) and no
 * mass mentions, even if a passage talked the model into writing them. Discord pings are
 * also blocked when sending (allowedMentions), this keeps the text itself clean.
 */
export function sanitizeModelText(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\((?:https?:\/\/|<)[^)]*\)/g, '$1')
    .replace(/<?https?:\/\/[^\s>)]+>?/g, '')
    .replace(/@(everyone|here)\b/gi, '@\u200b$1')
    .replace(/<@[!&]?\d+>/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
