// Text from a service or a handler is untrusted: before it reaches a terminal, every
// escape sequence (CSI, OSC, DCS, …) and every C0/C1 control except newline and tab
// is removed, so a hostile answer cannot set the clipboard (OSC 52), retitle the
// window, clear the screen or move the cursor.

// Whole sequences first, so their parameters do not stay behind as visible garbage:
//   CSI:  ESC [ params intermediates final   (and 8-bit CSI U+009B)
//   OSC, DCS, SOS, PM, APC: ESC ] P X ^ _ … up to BEL or ST (or the end of the text)
//   other escapes: ESC, intermediate bytes (0x20-0x2F), one final byte (ESC c, ESC ( B, ESC 7)
const ESCAPES =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|[\u009d\u0090\u0098\u009e\u009f][\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]?/g;
// Whatever is left of C0 (but \t and \n), DEL and C1 goes too: no ESC can survive, so no sequence can.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes terminal control sequences; keeps newline and tab. */
export function stripControls(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** For one-line places (a table cell, a status line): controls removed and line breaks become spaces. */
export function oneLine(text: string): string {
  return stripControls(text.replace(/\r/g, '\n'))
    .replace(/[ ]*[\n\t]+[ ]*/g, ' ')
    .trim();
}

/** oneLine, cut to `max` characters, the last three an ASCII "..." (stored text is read under any locale). */
export function snippet(text: string, max = 200): string {
  const line = oneLine(text);
  return line.length > max ? `${line.slice(0, Math.max(0, max - 3))}...` : line;
}
