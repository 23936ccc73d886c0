import type { Vote } from '../core.js';
import { isSupportedLanguage, type Language } from '../text/languages.js';
import { CUSTOM_ID_MAX } from './limits.js';

/** What a button asks for: every custom_id the bot puts on a button is built and read here. */
export type ButtonAction =
  | { readonly kind: 'quotes'; readonly answerId: number }
  | { readonly kind: 'vote'; readonly answerId: number; readonly vote: Vote }
  | { readonly kind: 'sources'; readonly page: number; readonly language: Language | undefined };

/** The custom_id of a button that does `action`. */
export function customId(action: ButtonAction): string {
  const id =
    action.kind === 'quotes'
      ? `quotes:${action.answerId}`
      : action.kind === 'vote'
        ? `vote:${action.answerId}:${action.vote}`
        : `sources:${action.page}:${action.language ?? 'all'}`;
  // Discord refuses a component whose custom_id is longer (its message components reference).
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX}: ${id}`);
  return id;
}

/** The action a custom_id names, or null for one this bot never made (or a forged one). */
export function parseCustomId(id: string): ButtonAction | null {
  const [kind, a, b, ...more] = id.split(':');
  if (more.length > 0 || a === undefined || !/^\d{1,16}$/.test(a)) return null;
  const n = Number(a);
  if (kind === 'quotes' && b === undefined) return { kind, answerId: n };
  if (kind === 'vote' && (b === 'up' || b === 'down')) return { kind, answerId: n, vote: b };
  if (kind === 'sources' && b !== undefined && (b === 'all' || isSupportedLanguage(b)))
    return { kind, page: Math.max(1, n), language: b === 'all' ? undefined : b };
  return null;
}
