// The README: its key table says what the keymap says, and it stays short.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { keyTableMarkdown } from '../../helpers/key-table.js';

test('README.md lists every key of src/ui/keymap.ts with its description', () => {
  const readme = readFileSync('README.md', 'utf8');
  // On failure: paste the expected table over the one in README.md ("## The keys").
  expect(readme).toContain(keyTableMarkdown());
});

test('README.md stays a front door: at most 14 000 bytes, the reference lives in docs/', () => {
  // On failure: move the new reference text to the right file of docs/ and link it.
  expect(readFileSync('README.md').length).toBeLessThanOrEqual(14_000);
});
