// A cell's look as SGR attributes (bold, colours, …), interned so that two cells look the
// same exactly when their Style objects are the same object, and the shortest SGR sequence
// that turns one look into another (docs/ARCHITECTURE.md, Terminal output over SSH).

export const BOLD = 1;
export const DIM = 2;
export const ITALIC = 4;
export const UNDERLINE = 8;
export const BLINK = 16;
export const INVERSE = 32;
export const HIDDEN = 64;
export const STRIKE = 128;

/** Attributes in the order their SGR codes are written, with the code that turns each off. */
const FLAGS: readonly { flag: number; on: string; off: string }[] = [
  { flag: BOLD, on: '1', off: '22' },
  { flag: DIM, on: '2', off: '22' },
  { flag: ITALIC, on: '3', off: '23' },
  { flag: UNDERLINE, on: '4', off: '24' },
  { flag: BLINK, on: '5', off: '25' },
  { flag: INVERSE, on: '7', off: '27' },
  { flag: HIDDEN, on: '8', off: '28' },
  { flag: STRIKE, on: '9', off: '29' },
];

export interface Style {
  /** Distinct per look (styles are interned). */
  readonly id: number;
  readonly flags: number;
  /** The foreground as SGR parameters ('' = default): '31', '38;5;208', '38;2;1;2;3'. */
  readonly fg: string;
  /** The background likewise: '41', '48;5;17', … */
  readonly bg: string;
}

const interned = new Map<string, Style>();

export function styleOf(flags: number, fg: string, bg: string): Style {
  const key = `${flags}|${fg}|${bg}`;
  let style = interned.get(key);
  if (!style) {
    style = Object.freeze({ id: interned.size, flags, fg, bg });
    interned.set(key, style);
  }
  return style;
}

export const PLAIN = styleOf(0, '', '');

// Answers per interned style, by its id: the screen asks them for every cell of every
// changed row, and the same few looks come back frame after frame.
const spaceLooks: Style[] = [];
const applied: Map<string, Style>[] = [];
const transitions: Map<number, string>[] = [];

/** What of a style shows on a space: the background, and the foreground only through inverse, underline or strike-through. */
export function spaceLook(style: Style): Style {
  let look = spaceLooks[style.id];
  if (!look) {
    const flags = style.flags & (INVERSE | UNDERLINE | STRIKE);
    look = spaceLooks[style.id] = styleOf(flags, flags ? style.fg : '', style.bg);
  }
  return look;
}

/** Whether erasing (EL, ED) with this pen leaves cells that look like plain blanks. */
export const erasesPlain = (pen: Style) => pen.bg === '' && (pen.flags & INVERSE) === 0;

/** Applies the parameters of one SGR sequence (the text between "ESC[" and "m"). */
export function applySgr(style: Style, params: string): Style {
  const known = (applied[style.id] ??= new Map());
  let to = known.get(params);
  if (!to) {
    to = applySgrParams(style, params);
    // The dashboard writes a few dozen codes; text from elsewhere cannot grow this for ever.
    if (known.size >= 256) known.clear();
    known.set(params, to);
  }
  return to;
}

function applySgrParams(style: Style, params: string): Style {
  let { flags, fg, bg } = style;
  // "38:5:208" (colon form) reads as one parameter group; ";" separates the rest.
  const parts = params === '' ? ['0'] : params.split(';');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.includes(':')) {
      const [head, ...rest] = part.split(':');
      const values = rest.filter((v) => v !== '');
      if (head === '38' || head === '48') {
        // "38:2::r:g:b" carries an empty colour-space id before the channels.
        const colour = values[0] === '2' ? ['2', ...values.slice(-3)] : values;
        if (head === '38') fg = ['38', ...colour].join(';');
        else bg = ['48', ...colour].join(';');
      } else if (head === '4') flags = rest[0] === '0' ? flags & ~UNDERLINE : flags | UNDERLINE;
      continue;
    }
    const code = part === '' ? 0 : Number(part);
    if (code === 38 || code === 48) {
      const mode = parts[i + 1];
      const take = mode === '5' ? 2 : mode === '2' ? 4 : 1;
      const value = parts.slice(i, i + 1 + take).join(';');
      if (code === 38) fg = value;
      else bg = value;
      i += take;
      continue;
    }
    if (code === 0) {
      flags = 0;
      fg = '';
      bg = '';
    } else if (code === 22) flags &= ~(BOLD | DIM);
    else if (code === 21) flags |= UNDERLINE;
    else if (code === 39) fg = '';
    else if (code === 49) bg = '';
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) fg = String(code);
    else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) bg = String(code);
    else {
      const on = FLAGS.find((f) => f.on === part);
      const off = FLAGS.find((f) => f.off === part && code !== 22);
      if (on) flags |= on.flag;
      else if (off) flags &= ~off.flag;
    }
  }
  return styleOf(flags, fg, bg);
}

function paramsOf(style: Style): string[] {
  const p = FLAGS.filter((f) => style.flags & f.flag).map((f) => f.on);
  if (style.fg) p.push(style.fg);
  if (style.bg) p.push(style.bg);
  return p;
}

const sgr = (params: string[]) => `\u001b[${params.join(';')}m`;

/** The shortest SGR sequence that turns the pen `from` into `to` ('' when they are the same). */
export function sgrTransition(from: Style, to: Style): string {
  if (from === to) return '';
  const known = (transitions[from.id] ??= new Map());
  let sequence = known.get(to.id);
  if (sequence === undefined) {
    sequence = transition(from, to);
    known.set(to.id, sequence);
  }
  return sequence;
}

function transition(from: Style, to: Style): string {
  const fromScratch = to === PLAIN ? '\u001b[m' : sgr(['0', ...paramsOf(to)]);
  const step: string[] = [];
  const dropped = from.flags & ~to.flags;
  // 22 turns off bold and dim together; the one that stays is turned on again.
  let added = to.flags & ~from.flags;
  if (dropped & (BOLD | DIM)) {
    step.push('22');
    added |= to.flags & (BOLD | DIM);
  }
  for (const f of FLAGS) if (f.flag & dropped & ~(BOLD | DIM)) step.push(f.off);
  for (const f of FLAGS) if (f.flag & added) step.push(f.on);
  if (from.fg !== to.fg) step.push(to.fg || '39');
  if (from.bg !== to.bg) step.push(to.bg || '49');
  const stepwise = sgr(step);
  return stepwise.length < fromScratch.length ? stepwise : fromScratch;
}
