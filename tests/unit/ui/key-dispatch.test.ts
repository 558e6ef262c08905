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

test('KeyQueue: a key that changed nothing lets the next one go at once, with no timer', async () => {
  const dispatched: string[] = [];
  const queue = new KeyQueue((p) => dispatched.push(p.input));
  queue.push(keysOfRead('abc'));
  expect(dispatched).toEqual(['a']);
  for (let i = 0; i < 3; i++) await Promise.resolve();
  expect(dispatched).toEqual(['a', 'b', 'c']);
  expect(vi.getTimerCount()).toBe(0);
  expect(queue.handlingKey).toBe(false);
  queue.dispose();
});

test('KeyQueue: after a key that changed the state, the next waits for the commit however long it takes (up to the limit)', async () => {
  const dispatched: string[] = [];
  const queue = new KeyQueue(
    (p) => {
      dispatched.push(p.input);
      queue.changed();
    },
    { commitMs: 1000 },
  );
  queue.push(keysOfRead('abc'));
  // A loaded machine: React's commit task comes long after any short timer would have fired.
  await vi.advanceTimersByTimeAsync(999);
  expect(dispatched).toEqual(['a']);
  queue.settled();
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a', 'b']);
  // The limit is a safety net only: a commit that never comes does not stop the keys.
  await vi.advanceTimersByTimeAsync(1000);
  expect(dispatched).toEqual(['a', 'b', 'c']);
  queue.dispose();
});

test('KeyQueue: a commit of an older key, or one while no key is handled, releases nothing later', async () => {
  const dispatched: string[] = [];
  const queue = new KeyQueue((p) => {
    dispatched.push(p.input);
    if (p.input !== 'a') queue.changed();
  });
  queue.settled();
  queue.push(keysOfRead('ab'));
  // "a" changed nothing and is released; "b" changed the state and waits for its own commit.
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a', 'b']);
  queue.push(keysOfRead('c'));
  await vi.advanceTimersByTimeAsync(500);
  expect(dispatched).toEqual(['a', 'b']);
  queue.settled();
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a', 'b', 'c']);
  queue.dispose();
});

test('KeyQueue.hold: the next key waits for the work, then for the commit of what it changed', async () => {
  const dispatched: string[] = [];
  let finish = (_arrived: boolean) => {};
  const work = new Promise<boolean>((resolve) => (finish = resolve));
  const queue = new KeyQueue((p) => {
    dispatched.push(p.input);
    if (p.input === 'a') {
      queue.changed();
      queue.hold({ work, cancelledBy: () => false, cancel: () => {} });
    }
  });
  queue.push(keysOfRead('abc'));
  // The key's own commit comes first: still held.
  queue.settled();
  await vi.advanceTimersByTimeAsync(2000);
  expect(dispatched).toEqual(['a']);
  // The page arrives and changes the state: the next key waits for that commit too.
  queue.changed();
  finish(true);
  await vi.advanceTimersByTimeAsync(500);
  expect(dispatched).toEqual(['a']);
  queue.settled();
  await vi.advanceTimersByTimeAsync(0);
  expect(dispatched).toEqual(['a', 'b', 'c']);
  queue.dispose();
});
