import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { KeyRegistry } from '../../../src/ui/hooks/key-dispatcher.js';
import { KeyQueue } from '../../../src/ui/hooks/key-queue.js';
import { keysOfRead } from '../../../src/ui/hooks/keys-of-read.js';
import { keyPress } from '../../../src/ui/keymap.js';

const press = keyPress;

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

test('the queue dispatches the next key only after the previous one settled (or a timer passed)', async () => {
  const dispatched: string[] = [];
  const queue = new KeyQueue((p) => dispatched.push(p.input), 20);
  queue.push(keysOfRead('abc'));
  expect(dispatched).toEqual(['a']);
  queue.settled();
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a', 'b']);
  await vi.advanceTimersByTimeAsync(20);
  expect(dispatched).toEqual(['a', 'b', 'c']);
  await vi.advanceTimersByTimeAsync(20);
  queue.push(keysOfRead('d'));
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
  queue.push(keysOfRead('abc'));
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
  never.push(keysOfRead('xy'));
  await vi.advanceTimersByTimeAsync(519);
  expect(stuck).toEqual(['x']);
  await vi.advanceTimersByTimeAsync(1);
  expect(stuck).toEqual(['x', 'y']);
  queue.dispose();
  never.dispose();
});
