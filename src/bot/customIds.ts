import type { Vote } from '../core.js';
import { isSupportedLanguage, type Language } from '../text/languages.js';
import { CUSTOM_ID_MAX } from './limits.js';

/** What a button asks for: every custom_id the bot puts on a button is built and read here. */
export type ButtonAction =
  | { readonly kind: 'quotes'; readonly answerId: number }
  /** On an article's preview: add it, correct its fields (opens a modal, whose submit carries `articleFields`), or drop it. */
  | { readonly kind: 'articleAdd' | 'articleEdit' | 'articleCancel' | 'articleFields'; readonly draft: string }
  | { readonly kind: 'articleRemove'; readonly articleId: string }
  | { readonly kind: 'articleKeep' }
  /** The 👎 modal of an answer ("What was wrong?"). */
  | { readonly kind: 'feedback'; readonly answerId: number }
  /** An answer's "Follow up" button, and the modal it opens (`followUpAsk`). */
  | { readonly kind: 'followUp'; readonly answerId: number }
  | { readonly kind: 'followUpAsk'; readonly answerId: number }
  /** /privacy's button: delete the clicking member's own data. */
  | { readonly kind: 'privacyDelete' }
  | { readonly kind: 'vote'; readonly answerId: number; readonly vote: Vote }
  | { readonly kind: 'sources'; readonly page: number; readonly language: Language | undefined }
  /** On an automatic answer in a help channel: call the helpers, or mark the question solved. */
  | { readonly kind: 'helpHuman'; readonly threadId: string }
  | { readonly kind: 'helpSolved'; readonly threadId: string };

const DRAFT_KINDS = ['articleAdd', 'articleEdit', 'articleCancel', 'articleFields'] as const;

/** The custom_id of a button (or a modal) that does `action`. */
export function customId(action: ButtonAction): string {
  const id = idOf(action);
  // Discord refuses a component whose custom_id is longer (its message components reference).
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX}: ${id}`);
  return id;
}

function idOf(action: ButtonAction): string {
  switch (action.kind) {
    case 'vote':
      return `vote:${action.answerId}:${action.vote}`;
    case 'sources':
      return `sources:${action.page}:${action.language ?? 'all'}`;
    case 'articleRemove':
      return `articleRemove:${action.articleId}`;
    case 'helpHuman':
    case 'helpSolved':
      return `${action.kind}:${action.threadId}`;
    case 'articleKeep':
    case 'privacyDelete':
      return action.kind;
    case 'quotes':
    case 'feedback':
    case 'followUp':
    case 'followUpAsk':
      return `${action.kind}:${action.answerId}`;
    default:
      return `${action.kind}:${action.draft}`;
  }
}

/** The action a custom_id names, or null for one this bot never made (or a forged one). */
export function parseCustomId(id: string): ButtonAction | null {
  const [kind, a, b, ...more] = id.split(':');
  if ((kind === 'articleKeep' || kind === 'privacyDelete') && a === undefined) return { kind };
  if ((kind === 'followUp' || kind === 'followUpAsk') && a !== undefined && b === undefined && /^\d{1,16}$/.test(a))
    return { kind, answerId: Number(a) };
  if (kind === 'feedback' && a !== undefined && b === undefined && /^\d{1,16}$/.test(a))
    return { kind, answerId: Number(a) };
  if (kind === 'helpHuman' && a !== undefined && b === undefined && /^\d{15,22}$/.test(a)) return { kind, threadId: a };
  if (kind === 'helpSolved' && a !== undefined && b === undefined && /^\d{15,22}$/.test(a))
    return { kind, threadId: a };
  if (kind === 'articleRemove' && a !== undefined && b === undefined && /^[a-z0-9][a-z0-9-]{0,79}$/.test(a))
    return { kind, articleId: a };
  const draftKind = DRAFT_KINDS.find((k) => k === kind);
  if (draftKind && a !== undefined && b === undefined && /^[0-9a-f]{16}$/.test(a)) return { kind: draftKind, draft: a };
  if (more.length > 0 || a === undefined || !/^\d{1,16}$/.test(a)) return null;
  const n = Number(a);
  if (kind === 'quotes' && b === undefined) return { kind, answerId: n };
  if (kind === 'vote' && (b === 'up' || b === 'down')) return { kind, answerId: n, vote: b };
  if (kind === 'sources' && b !== undefined && (b === 'all' || isSupportedLanguage(b)))
    return { kind, page: Math.max(1, n), language: b === 'all' ? undefined : b };
  return null;
}
