import type { SearchHit } from '../retrieval/searchPassages.js';
import { sanitizeModelText, verifyCitations } from './verifyCitations.js';

const ANSWER_FIELD_START = /"answer"\s*:\s*"/;
/** How much of the stream is kept while looking for the field's start (the key and its punctuation). */
const START_LOOKBACK = 64;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '', b: '', f: '', '"': '"', '\\': '\\', '/': '/' };

/**
 * Decodes the "answer" string of a structured reply while it streams in, so progress can
 * be shown before the JSON is complete. Each piece costs time in proportion to its own
 * length: a reply in 20,000 pieces is decoded once, not 20,000 times.
 */
export class AnswerFieldReader {
  private pending = '';
  private started = false;
  private ended = false;
  private decoded = '';

  get text(): string {
    return this.decoded;
  }

  push(piece: string): void {
    if (this.ended) return;
    this.pending += piece;
    if (!this.started) {
      const start = ANSWER_FIELD_START.exec(this.pending);
      if (!start) {
        this.pending = this.pending.slice(-START_LOOKBACK);
        return;
      }
      this.started = true;
      this.pending = this.pending.slice(start.index + start[0].length);
    }
    this.decodePending();
  }

  private decodePending(): void {
    const text = this.pending;
    let out = '';
    let i = 0;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '"') {
        this.ended = true;
        break;
      }
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const next = text[i + 1];
      if (next === undefined) break; // the escape continues in the next piece
      if (next === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        out += /^[\da-f]{4}$/i.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : '';
        i += 5;
        continue;
      }
      out += ESCAPES[next] ?? next;
      i += 1;
    }
    this.decoded += out;
    this.pending = this.ended ? '' : text.slice(i);
  }
}

/** Progress past this is not shown: a Discord embed description holds 4,096 characters. */
export const PROGRESS_MAX_CHARS = 4_000;
/** Below this length every change is shown; above it, only growth by an eighth (see `progressReporter`). */
const PROGRESS_EVERY_CHANGE_CHARS = 256;
// A marker still being written ("[", "[1", "[1, 2"): hidden until it closes and can be checked.
const OPEN_MARKER_AT_END = /\[[-+\d\s.,eE]{0,64}$/;

/**
 * Calls `show` with the answer so far, made safe as the final answer is (links and
 * mentions removed, markers checked against the passages sent and renumbered). Work stays
 * linear in the reply: short text is shown at each change, longer text each time it has
 * grown by an eighth, and nothing past PROGRESS_MAX_CHARS.
 */
export function progressReporter(
  sent: readonly SearchHit[],
  show: (text: string) => void,
): (textSoFar: string) => void {
  let shownAt = 0;
  let shown = '';
  return (textSoFar) => {
    const length = Math.min(textSoFar.length, PROGRESS_MAX_CHARS);
    if (length <= shownAt) return;
    if (length > PROGRESS_EVERY_CHANGE_CHARS && length - shownAt < shownAt / 8 && length < PROGRESS_MAX_CHARS) return;
    shownAt = length;
    const visible = textSoFar.slice(0, length).replace(OPEN_MARKER_AT_END, '');
    const text = verifyCitations(sanitizeModelText(visible), sent).answer;
    if (text === shown) return;
    shown = text;
    show(text);
  };
}
