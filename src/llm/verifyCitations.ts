import { citationFor, type Citation } from '../retrieval/citation.js';
import type { SearchHit } from '../retrieval/searchPassages.js';

export interface VerifiedAnswer {
  readonly answer: string;
  readonly citations: Citation[];
  /** Numbers the model cited that were not among the passages sent. */
  readonly dropped: number[];
}

// What a model writes as a citation, well formed or not: square brackets around digits, with
// perhaps signs, dots, exponents, commas and spaces ("[2]", "[1, 3]", "[ 2 ]", "[-1]", "[1e9]").
// Bounded, and never preceded by a whitespace run, so no reply costs more than linear time.
const MARKER = /\[([-+\d\s.,eE]{1,64})\]/g;
const CITATION_NUMBER = /^\d{1,6}$/;

/**
 * Check the model's [n] markers against the passages actually sent: a marker for a
 * passage that was not sent, or one that is not a plain number, is removed; the others
 * are renumbered 1, 2, … in order of first use, and each citation's quote is the
 * passage's own text, never the model's.
 */
export function verifyCitations(text: string, sent: readonly SearchHit[]): VerifiedAnswer {
  const renumber = new Map<number, number>();
  const citations: Citation[] = [];
  const dropped: number[] = [];
  let answer = '';
  let copiedUpTo = 0;
  for (const match of text.matchAll(MARKER)) {
    const list = match[1]!;
    if (!/\d/.test(list)) continue;
    // Only the text since the last marker is trimmed: the marker then follows its word.
    answer += text.slice(copiedUpTo, match.index).trimEnd();
    copiedUpTo = match.index + match[0].length;
    const kept: number[] = [];
    for (const raw of list.split(',')) {
      const item = raw.trim();
      if (item === '') continue;
      const n = CITATION_NUMBER.test(item) ? Number(item) : NaN;
      const hit = n >= 1 ? sent[n - 1] : undefined;
      if (!hit) {
        const value = Number(item);
        if (!dropped.includes(value)) dropped.push(value);
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
    if (kept.length > 0) answer += ` ${kept.map((k) => `[${k}]`).join('')}`;
  }
  answer += text.slice(copiedUpTo);
  return { answer: answer.trim(), citations, dropped };
}

/**
 * Model text made safe to show: no links of its own (sources are linked by feudbot), no
 * Markdown that changes a line's look (headings, quotes, subtext) and no mass mentions,
 * even if a passage talked the model into writing them. Discord pings are also blocked
 * when sending (allowedMentions); this keeps the text itself clean. Every pattern is
 * bounded, so a hostile reply costs linear time.
 */
export function sanitizeModelText(text: string): string {
  return (
    text
      // A masked link keeps its words, whatever its target: [text](https://…), (hxxps://…), (//…).
      .replace(/\[([^[\]\n]{1,500})\]\([^()\n]{0,2048}\)/g, '$1')
      // Addresses in any scheme and any case (HTTPS://, hxxps://), protocol-relative, or www. hosts.
      .replace(/<?\b[a-z][a-z\d+.-]{0,31}:\/\/[^\s<>]*>?/gi, '')
      .replace(/(^|[\s(<])\/\/[^\s<>]+/g, '$1')
      .replace(/\bwww\.[^\s<>]+/gi, '')
      // Discord renders these at a line's start: headings, quotes and subtext (its Markdown guide).
      .replace(/^[ \t]*(?:#{1,6}|>{1,3}|-#)[ \t]+/gm, '')
      .replace(/@(everyone|here)\b/gi, '@\u200b$1')
      .replace(/<(?:@[!&]?|#)\d+>/g, '')
      .replace(/[ \t]{2,}/g, ' ')
      .trim()
  );
}
