import type { Key } from 'ink';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { KeyRegistry } from '../../../src/ui/hooks/key-dispatcher.js';
import { KeyQueue, splitPress } from '../../../src/ui/hooks/key-queue.js';
import type { KeyPress } from '../../../src/ui/keymap.js';

const key = (patch: Partial<Key> = {}) => ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false, ...patch });
const press = (input: string, patch: Partial<Key> = {}): KeyPress => ({ input, key: key(patch) });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('the registry asks the highest priority first, the newest first among equals, until one takes the key', () => {
  const registry = new KeyRegistry();
  const seen: string[] = [];
  registry.add(() => (seen.push('screen'), true), 10);
  const removeModal = registry.add(() => (seen.push('modal'), false), 50);
  registry.add(() => (seen.push('newer screen'), false), 10);
  expect(registry.dispatch(press('x'))).toBe(true);
  expect(seen).toEqual(['modal', 'newer screen', 'screen']);
  removeModal();
  seen.length = 0;
  registry.dispatch(press('x'));
  expect(seen).toEqual(['newer screen', 'screen']);
});

test('characters that arrived in one read become single keys; control keys stay whole', () => {
  expect(splitPress(press('sy')).map((p) => p.input)).toEqual(['s', 'y']);
  expect(splitPress(press('H')).map((p) => p.key.shift)).toEqual([false]);
  expect(splitPress(press('aB')).map((p) => p.key.shift)).toEqual([false, true]);
  expect(splitPress(press('c', { ctrl: true }))).toHaveLength(1);
});

test('control characters inside one read keep their meaning: Tab, Enter, Backspace, Ctrl+C', () => {
  const keys = splitPress(press('j\t\r\u007fs\u0003'));
  expect(keys.map((k) => k.input)).toEqual(['j', '', '', '', 's', 'c']);
  expect(keys[1]!.key.tab).toBe(true);
  expect(keys[2]!.key.return).toBe(true);
  expect(keys[3]!.key.delete).toBe(true);
  expect(keys[5]!.key.ctrl).toBe(true);
});

test('the queue dispatches the next key only after the previous one settled (or a timer passed)', async () => {
  const dispatched: string[] = [];
  const queue = new KeyQueue((p) => dispatched.push(p.input), 20);
  queue.push(press('abc'));
  expect(dispatched).toEqual(['a']);
  queue.settled();
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a', 'b']);
  await vi.advanceTimersByTimeAsync(20);
  expect(dispatched).toEqual(['a', 'b', 'c']);
  await vi.advanceTimersByTimeAsync(20);
  queue.push(press('d'));
  expect(dispatched).toEqual(['a', 'b', 'c', 'd']);
  queue.dispose();
});

test('a held key: the next one waits for the work, then for its commit (or the timer), at most the hold limit', async () => {
  const dispatched: string[] = [];
  let finish = () => {};
  const work = new Promise<void>((resolve) => (finish = resolve));
  const queue = new KeyQueue((p) => {
    dispatched.push(p.input);
    if (p.input === 'a') queue.hold(work, 1000);
  }, 20);
  queue.push(press('abc'));
  queue.settled();
  await vi.advanceTimersByTimeAsync(100);
  expect(dispatched).toEqual(['a']);
  finish();
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a']);
  queue.settled();
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a', 'b']);

  const stuck: string[] = [];
  const never = new KeyQueue((p) => {
    stuck.push(p.input);
    never.hold(new Promise(() => {}), 500);
  }, 20);
  never.push(press('xy'));
  await vi.advanceTimersByTimeAsync(519);
  expect(stuck).toEqual(['x']);
  await vi.advanceTimersByTimeAsync(1);
  expect(stuck).toEqual(['x', 'y']);
  queue.dispose();
  never.dispose();
});
