// The README's key table says what the keymap says.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { keyTableMarkdown } from '../../helpers/key-table.js';

test('README.md lists every key of src/ui/keymap.ts with its description', () => {
  const readme = readFileSync('README.md', 'utf8');
  // On failure: paste the expected table over the one in README.md ("## The keys").
  expect(readme).toContain(keyTableMarkdown());
});
