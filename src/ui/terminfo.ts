// What the system's terminfo database says about a terminal: how many colours, and
// whether it can move its cursor (a terminal that cannot, such as TERM=dumb or a
// printing terminal, cannot show a full-screen dashboard). Read from the compiled entry
// the way ncurses finds it, without running `tput` or `infocmp` (start-up time counts on
// every SSH login). Format: term(5).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface TerminfoEntry {
  /** max_colors; 0 when the entry has none (vt100, vt220). */
  colors: number;
  /** cursor_address (cup) is defined. */
  movesCursor: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

const LEGACY_MAGIC = 0o432; // 16-bit numbers
const EXTENDED_MAGIC = 0o1036; // 32-bit numbers (ncurses 6.1+)
const MAX_COLORS = 13; // index of max_colors among the numbers
const CURSOR_ADDRESS = 10; // index of cup among the strings

/** The two capabilities, from a compiled terminfo entry; null when it is not one. */
export function parseTerminfo(data: Uint8Array): TerminfoEntry | null {
  if (data.length < 12) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const short = (at: number) => view.getInt16(at, true);
  const magic = short(0);
  const numberSize = magic === LEGACY_MAGIC ? 2 : magic === EXTENDED_MAGIC ? 4 : 0;
  if (numberSize === 0) return null;
  const [namesSize, boolCount, numberCount, stringCount] = [short(2), short(4), short(6), short(8)];
  if (namesSize < 0 || boolCount < 0 || numberCount < 0 || stringCount < 0) return null;
  let numbersAt = 12 + namesSize + boolCount;
  if (numbersAt % 2 === 1) numbersAt++; // the numbers start on an even byte
  const stringsAt = numbersAt + numberCount * numberSize;
  if (stringsAt + stringCount * 2 > data.length) return null;
  const colors =
    numberCount > MAX_COLORS
      ? numberSize === 2
        ? short(numbersAt + MAX_COLORS * 2)
        : view.getInt32(numbersAt + MAX_COLORS * 4, true)
      : -1;
  const cup = stringCount > CURSOR_ADDRESS ? short(stringsAt + CURSOR_ADDRESS * 2) : -1;
  // -1: absent, -2: cancelled.
  return { colors: Math.max(0, colors), movesCursor: cup >= 0 };
}

/** Where ncurses looks, in its order: $TERMINFO, ~/.terminfo, $TERMINFO_DIRS (an empty part: the system's), the system's. */
export function terminfoDirs(env: Env): string[] {
  const system = [
    '/etc/terminfo',
    '/lib/terminfo',
    '/usr/share/terminfo',
    '/usr/lib/terminfo',
    '/usr/share/lib/terminfo',
    '/usr/local/share/terminfo',
  ];
  const dirs: string[] = [];
  if (env['TERMINFO']) dirs.push(env['TERMINFO']);
  const home = env['HOME'] ?? homedir();
  if (home) dirs.push(join(home, '.terminfo'));
  if (env['TERMINFO_DIRS'] !== undefined) {
    for (const part of env['TERMINFO_DIRS'].split(':')) dirs.push(...(part ? [part] : system));
  }
  dirs.push(...system);
  return [...new Set(dirs)];
}

/** A name that can be a terminfo file name: no path separators, no leading dot. */
export const isTerminalName = (name: string) => /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(name);

/** The entry for `name`, or null when no directory has one (an unknown terminal). */
export function findTerminfo(name: string, env: Env): TerminfoEntry | null {
  if (!isTerminalName(name)) return null;
  // Linux keeps x/xterm; macOS keeps 78/xterm (the first letter in hex).
  const subdirs = [name[0]!, name.charCodeAt(0).toString(16)];
  for (const dir of terminfoDirs(env)) {
    for (const sub of subdirs) {
      let data: Buffer;
      try {
        data = readFileSync(join(dir, sub, name));
      } catch {
        continue;
      }
      const entry = parseTerminfo(data);
      if (entry) return entry;
    }
  }
  return null;
}
