const ELLIPSIS = '…';

/**
 * Cut text to at most `max` characters at a boundary — the end of a line, sentence or
 * word, whichever keeps the most — with an ellipsis, so Discord never rejects it.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  const head = text.slice(0, room);
  const floor = Math.floor(room * 0.6);
  for (const boundary of ['\n', '. ', ' ']) {
    const at = head.lastIndexOf(boundary);
    if (at >= floor) return `${head.slice(0, boundary === '. ' ? at + 1 : at).trimEnd()}${ELLIPSIS}`;
  }
  return `${head}${ELLIPSIS}`;
}
