// Whether a text's only escape sequences are SGR colour codes (ESC [ digits m): Ink's
// sanitizeAnsi keeps such a text as it is, but finds that out by tokenizing it, on every
// frame, once per level of nested <Text>. The bundle asks this first (scripts/build.mjs;
// docs/ARCHITECTURE.md, The dashboard, Render path).

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[\d:;]*m/g;
// eslint-disable-next-line no-control-regex
const CONTROL_START = /[\u001b\u0080-\u009f]/;

/** True when removing the SGR sequences leaves no ESC and no C1 control: nothing Ink would strip. */
export function holdsOnlySgr(text: string): boolean {
  return !CONTROL_START.test(text.replace(SGR, ''));
}
