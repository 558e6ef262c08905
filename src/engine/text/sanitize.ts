// Text from a service or a handler is untrusted: before it reaches a terminal, every
// escape sequence (CSI, OSC, DCS, …) and every C0/C1 control except newline and tab
// is removed, so a hostile answer cannot set the clipboard (OSC 52), retitle the
// window, clear the screen or move the cursor.

// ESC [ … final byte | ESC ] … BEL/ST | ESC P/X/^/_ … ST | ESC + one byte | 8-bit CSI/OSC/DCS forms
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|[\u009d\u0090\u0098\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[\s\S]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes terminal control sequences; keeps newline and tab. */
export function stripControls(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** For one-line places (a table cell, a status line): controls removed and line breaks become spaces. */
export function oneLine(text: string): string {
  return stripControls(text).replace(/[\r\n\t]+/g, ' ').trim();
}
