// Keys typed ahead of work that answers later (a history page from a slow or hung engine):
// they wait for it however long it takes, are dropped (and said to be) if it does not come,
// and Ctrl+C, Ctrl+L, Esc and q never wait for it. Fake timers: nothing here is a real wait.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { KeyQueue } from '../../../src/ui/hooks/key-queue.js';
import { keysOfRead } from '../../../src/ui/hooks/keys-of-read.js';
import { findBinding, type KeyPress } from '../../../src/ui/keymap.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const KEY_END = '\u001b[F';
const CTRL_C = '\u0003';

const nameOf = (press: KeyPress) =>
  press.key.end ? 'End' : press.key.escape ? 'Esc' : press.key.ctrl ? `^${press.input}` : press.input;

/** A page that answers when the test says so. */
function page() {
  let answer = (_arrived: boolean) => {};
  let fail = (_error: Error) => {};
  const work = new Promise<boolean>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { work, answer, fail };
}

/**
 * A history screen over a queue as the dashboard builds it: End holds the queue for `work`
 * (its page changes the state, so its commit is waited for: `commit()`), Esc and q leave
 * the screen, Ctrl+C and Ctrl+L are global.
 */
function historyKeys(work: Promise<boolean>) {
  const seen: string[] = [];
  const dropped: number[] = [];
  const cancelled: string[] = [];
  const queue = new KeyQueue(
    (press) => {
      seen.push(nameOf(press));
      if (!press.key.end) return;
      queue.hold({
        work: work.then((arrived) => (arrived && queue.changed(), arrived)),
        cancelledBy: (p) => findBinding('history', p)?.action === 'back',
        cancel: () => cancelled.push(nameOf(press)),
      });
    },
    {
      commitMs: 1000,
      atOnce: (press) => findBinding('global', press) !== undefined,
      onDropped: (count) => dropped.push(count),
    },
  );
  const commit = async () => {
    queue.settled();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { queue, seen, dropped, cancelled, commit };
}

test('"End i": i waits for a page that answers after 5 s, and for its commit', async () => {
  const slow = page();
  const { queue, seen, dropped, commit } = historyKeys(slow.work);
  queue.push(keysOfRead(`${KEY_END}i`));
  await vi.advanceTimersByTimeAsync(4999);
  // No time limit: the old 2 s hold would have handed "i" to the newest run here.
  expect(seen).toEqual(['End']);
  slow.answer(true);
  await vi.advanceTimersByTimeAsync(1);
  expect(seen).toEqual(['End']);
  await commit();
  expect(seen).toEqual(['End', 'i']);
  expect(dropped).toEqual([]);
  queue.dispose();
});

test('a page that never answers: the keys typed ahead are never applied; Esc gives up the wait, drops them and goes back', async () => {
  const { queue, seen, dropped, cancelled, commit } = historyKeys(new Promise(() => {}));
  queue.push(keysOfRead(KEY_END));
  queue.push(keysOfRead('i'));
  queue.push(keysOfRead('jj'));
  await vi.advanceTimersByTimeAsync(60_000);
  expect(seen).toEqual(['End']);
  // Esc, and keys typed after it, in one later read: i, j, j are dropped (and said to be).
  queue.push(keysOfRead('\u001bkk'));
  await commit();
  expect(dropped).toEqual([3]);
  expect(cancelled).toEqual(['End']);
  expect(seen).toEqual(['End', 'Esc', 'k', 'k']);
  expect(queue.handlingKey).toBe(false);
  queue.dispose();
});

test('Ctrl+C in the same read as the Esc that gives up a wait goes at once, not behind the Esc', async () => {
  const { queue, seen, dropped, cancelled, commit } = historyKeys(new Promise(() => {}));
  queue.push(keysOfRead(KEY_END));
  queue.push(keysOfRead('i'));
  queue.push(keysOfRead(`\u001bk${CTRL_C}`));
  expect(seen).toEqual(['End', '^c']);
  await commit();
  expect(seen).toEqual(['End', '^c', 'Esc', 'k']);
  expect(cancelled).toEqual(['End']);
  expect(dropped).toEqual([1]);
  queue.dispose();
});

test('q gives up the wait like Esc; with no keys waiting nothing is said to be dropped', async () => {
  const { queue, seen, dropped, cancelled, commit } = historyKeys(new Promise(() => {}));
  queue.push(keysOfRead(KEY_END));
  queue.push(keysOfRead('q'));
  await commit();
  expect(seen).toEqual(['End', 'q']);
  expect(cancelled).toEqual(['End']);
  expect(dropped).toEqual([]);
  queue.dispose();
});

test('Ctrl+C typed in the same read as End, behind keys for its page, still quits at once', async () => {
  const { queue, seen } = historyKeys(new Promise(() => {}));
  queue.push(keysOfRead(`${KEY_END}ij${CTRL_C}`));
  expect(seen).toContain('^c');
  queue.dispose();
});

test('quit during a hold: Ctrl+C is taken at once, before the keys waiting; Ctrl+L too, and the wait goes on', async () => {
  const hung = page();
  const { queue, seen, dropped, cancelled, commit } = historyKeys(hung.work);
  queue.push(keysOfRead(KEY_END));
  queue.push(keysOfRead('j'));
  queue.push(keysOfRead('\u000c'));
  expect(seen).toEqual(['End', '^l']);
  queue.push(keysOfRead(CTRL_C));
  expect(seen).toEqual(['End', '^l', '^c']);
  expect(cancelled).toEqual([]);
  // The page comes after all: the j typed for it goes on.
  hung.answer(true);
  await vi.advanceTimersByTimeAsync(0);
  await commit();
  expect(seen).toEqual(['End', '^l', '^c', 'j']);
  expect(dropped).toEqual([]);
  queue.dispose();
});

test('a page that fails, or whose answer another took the place of: the keys typed for it are dropped, not applied to the page shown', async () => {
  const failing = page();
  const first = historyKeys(failing.work);
  first.queue.push(keysOfRead(`${KEY_END}ij`));
  failing.fail(new Error('connection terminated'));
  await first.commit();
  expect(first.seen).toEqual(['End']);
  expect(first.dropped).toEqual([2]);
  // Free again: the next key typed is for the page shown.
  first.queue.push(keysOfRead('k'));
  expect(first.seen).toEqual(['End', 'k']);
  first.queue.dispose();

  const superseded = page();
  const second = historyKeys(superseded.work);
  second.queue.push(keysOfRead(`${KEY_END}i`));
  superseded.answer(false);
  await second.commit();
  expect(second.seen).toEqual(['End']);
  expect(second.dropped).toEqual([1]);
  second.queue.dispose();
});

test('Esc in the same read as End waits its turn like any key typed ahead (one read is the keys one by one)', async () => {
  const quick = page();
  const { queue, seen, cancelled, dropped, commit } = historyKeys(quick.work);
  queue.push(keysOfRead(`${KEY_END}i\u001b\u001b`));
  expect(seen).toEqual(['End']);
  quick.answer(true);
  await vi.advanceTimersByTimeAsync(0);
  await commit();
  expect(seen).toEqual(['End', 'i', 'Esc', 'Esc']);
  expect(cancelled).toEqual([]);
  expect(dropped).toEqual([]);
  queue.dispose();
});

test('a hold asked for in the commit of a key (the first page of the history screen it opened) is not ended by the commit limit', async () => {
  const first = page();
  const seen: string[] = [];
  const queue = new KeyQueue(
    (press) => {
      seen.push(press.input);
      if (press.input === 'H') queue.changed();
    },
    { commitMs: 1000 },
  );
  queue.push(keysOfRead('Hi'));
  // The commit of "H": the screen it opened asks for its first page, then the state owner settles.
  queue.hold({ work: first.work, cancelledBy: () => false, cancel: () => {} });
  queue.settled();
  await vi.advanceTimersByTimeAsync(5000);
  expect(seen).toEqual(['H']);
  first.answer(true);
  await vi.advanceTimersByTimeAsync(0);
  expect(seen).toEqual(['H', 'i']);
  queue.dispose();
});
