// Editing a one-line text field (the task filter): the pure part of the filter input.
import type { Key } from 'ink';
import { stripControls } from '../../engine/text/sanitize.js';

/** True for a key that types text (a pasted string included), not a control or navigation key. */
export function isTyping(input: string, key: Key): boolean {
  if (!input || key.ctrl || key.meta) return false;
  return !(
    key.return ||
    key.escape ||
    key.tab ||
    key.backspace ||
    key.delete ||
    key.upArrow ||
    key.downArrow ||
    key.pageUp ||
    key.pageDown
  );
}

/** `input` added to the end: controls removed, line breaks and tabs as spaces; a space typed alone is kept ("Receive calls", "2026-11-30 02:00"). */
export function typeInto(value: string, input: string, maxLength = 80): string {
  return (value + stripControls(input.replace(/[\r\n\t]/g, ' '))).slice(0, maxLength);
}

export function eraseLast(value: string): string {
  const chars = [...value];
  chars.pop();
  return chars.join('');
}
