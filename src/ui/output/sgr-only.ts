// Whether a text's only escape sequences are SGR colour codes (ESC [ digits m): Ink's
// sanitizeAnsi keeps such a text as it is, but finds that out by tokenizing it, on every
// frame, once per level of nested <Text>. The bundle asks this first (scripts/build.mjs;
// docs/ARCHITECTURE.md, The dashboard, Render path).

// An ESC or C1 control that does not start a colour code. Colour codes cannot overlap (their
// body holds no control), so this finds what is left once they are all removed, without
// building that text: this runs for every text of every frame.
// eslint-disable-next-line no-control-regex
const OTHER_CONTROL = /(?!\u001b\[[\d:;]*m)[\u001b\u0080-\u009f]/;

/** True when removing the SGR sequences leaves no ESC and no C1 control: nothing Ink would strip. */
export function holdsOnlySgr(text: string): boolean {
  return !OTHER_CONTROL.test(text);
}
