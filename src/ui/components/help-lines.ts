// The `?` screen's lines, generated from the keymap table.
import type { Catalogue } from '../i18n/index.js';
import { bindingsFor, HELP_CONTEXTS } from '../keymap.js';
import { fit } from '../text/cells.js';
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
      lines.push({ text: `  ${fit(keys, 16, theme.glyphs.ellipsis)} ${t.actions[binding.action].help}` });
    }
  }
  return lines;
}
