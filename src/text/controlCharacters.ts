/**
 * C0 and C1 control characters other than line feed and tab, DEL included: ESC starts the
 * terminal sequences that set a window's title or clear the screen, and C1's CSI (U+009B)
 * does the same in one character.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/** Text with its control characters removed (line feeds and tabs stay). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}
