// The `?` screen's lines, generated from the keymap table.
import type { Catalogue } from '../i18n/index.js';
import { bindingsFor, HELP_CONTEXTS, type KeyContext } from '../keymap.js';
import { padCells } from '../text/cells.js';
import type { Theme } from '../theme.js';
import { keyLabel } from './key-label.js';
import type { StyledLine } from './run-log-lines.js';

export function helpLines(t: Catalogue, theme: Theme): StyledLine[] {
  const lines: StyledLine[] = [];
  for (const context of HELP_CONTEXTS) {
    const bindings = bindingsFor(context);
    if (bindings.length === 0) continue;
    if (lines.length > 0) lines.push({ text: '' });
    lines.push({ text: t.contexts[context], bold: true });
    for (const binding of bindings) {
      const keys = binding.keys.map((k) => keyLabel(k, t, theme)).join('/');
      lines.push({ text: `  ${padCells(keys, 16, theme.glyphs.ellipsis)} ${t.actions[binding.action].help}` });
    }
  }
  return lines;
}

/** The line where a context's keys start, so `?` can open the help on the screen it came from. */
export function helpSectionLine(context: KeyContext, t: Catalogue, theme: Theme): number {
  return Math.max(
    0,
    helpLines(t, theme).findIndex((line) => line.bold === true && line.text === t.contexts[context]),
  );
}
