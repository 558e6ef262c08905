// How a key is written on screen ("↑", "PgDn", "Esc", "r").
import type { Catalogue } from '../i18n/index.js';
import type { KeyName } from '../keymap.js';
import type { Theme } from '../theme.js';

export function keyLabel(name: KeyName, t: Catalogue, theme: Theme): string {
  if (name === 'up') return theme.glyphs.up;
  if (name === 'down') return theme.glyphs.down;
  return t.keyNames[name] ?? name;
}
