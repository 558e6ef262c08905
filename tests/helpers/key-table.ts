// The README's table of keys, generated from the keymap and the English catalogue, so a
// test can tell when the README no longer says what the keys do. One row per binding, with
// every place it applies.
import { keyLabel } from '../../src/ui/components/key-label.js';
import { catalogue } from '../../src/ui/i18n/index.js';
import { HELP_CONTEXTS, KEYMAP } from '../../src/ui/keymap.js';
import { createTheme } from '../../src/ui/theme.js';

export function keyTableMarkdown(): string {
  const t = catalogue('en', false);
  const theme = createTheme({ color: true, ascii: false });
  const rows = new Map<string, { keys: string; what: string; where: string[] }>();
  for (const binding of KEYMAP) {
    const keys = binding.keys.map((k) => `\`${keyLabel(k, t, theme)}\``).join(' ');
    const row = rows.get(`${binding.action} ${keys}`) ?? { keys, what: t.actions[binding.action].help, where: [] };
    const contexts = HELP_CONTEXTS.filter((c) => binding.contexts.includes(c));
    row.where.push(...contexts.map((c) => t.contexts[c].toLowerCase()));
    rows.set(`${binding.action} ${keys}`, row);
  }
  return [
    '| keys | what | where |',
    '|---|---|---|',
    ...[...rows.values()].map((r) => `| ${r.keys} | ${r.what} | ${r.where.join(', ')} |`),
  ].join('\n');
}
