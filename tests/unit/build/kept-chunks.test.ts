// scripts/kept-chunks.mjs keptChunks: an upgrade built while engines run leaves the chunks
// they may still load on first use; dist/ does not grow without end.
import { expect, test } from 'vitest';
import { KEEP_BUILDS, keptChunks } from '../../../scripts/kept-chunks.mjs';

const build = (n: number) => [`chunk-A${n}.mjs`, `chunk-B${n}.mjs`];
const filesOf = (builds: string[][]) => ['syncdeck.mjs', 'meta.json', ...builds.flat().flatMap((f) => [f, `${f}.map`])];

test('keptChunks keeps the chunks (and their maps) of this build and the ones before it, up to KEEP_BUILDS', () => {
  const earlier = Array.from({ length: KEEP_BUILDS }, (_, i) => build(i + 1)); // newest first
  const { remove, recent } = keptChunks(filesOf([build(0), ...earlier]), build(0), earlier);
  const oldest = earlier.at(-1)!;
  expect(remove.sort()).toEqual(oldest.flatMap((f) => [f, `${f}.map`]).sort());
  expect(recent).toEqual([build(0), ...earlier.slice(0, KEEP_BUILDS - 1)]);
});

test('keptChunks: a first build (no record) removes every chunk it did not write, and nothing else', () => {
  const { remove, recent } = keptChunks(filesOf([build(0), build(9)]), build(0), []);
  expect(remove.sort()).toEqual(['chunk-A9.mjs', 'chunk-A9.mjs.map', 'chunk-B9.mjs', 'chunk-B9.mjs.map']);
  expect(recent).toEqual([build(0)]);
});

test('keptChunks: a chunk two builds share stays while either is kept', () => {
  const shared = 'chunk-S.mjs';
  const older = [shared, 'chunk-X.mjs'];
  const { remove } = keptChunks(filesOf([[shared, 'chunk-N.mjs'], ['chunk-X.mjs']]), [shared, 'chunk-N.mjs'], [older]);
  expect(remove).toEqual([]);
});
