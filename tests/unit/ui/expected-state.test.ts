// Whether a key's action changes the state is asked against the state it will meet: the
// last commit and every action dispatched since (an engine update not committed yet).
import { expect, test } from 'vitest';
import { ExpectedState, MAX_UNAPPLIED } from '../../../src/ui/hooks/expected-state.js';

interface List {
  items: number;
  cursor: number;
}
type ListAction = { type: 'grow' } | { type: 'down' };

const calls: ListAction[] = [];
function listReducer(state: List, action: ListAction): List {
  calls.push(action);
  if (action.type === 'grow') return { ...state, items: state.items + 1 };
  return state.cursor < state.items - 1 ? { ...state, cursor: state.cursor + 1 } : state;
}

test('a key that changes nothing in the last commit but changes what an engine update not committed yet made is a change', () => {
  const committed: List = { items: 1, cursor: 0 };
  const expected = new ExpectedState(listReducer, committed);
  // The engine adds a row; not committed yet, and no key asked: the reducer is not run.
  calls.length = 0;
  expect(expected.dispatched({ type: 'grow' }, false)).toBe(false);
  expect(calls).toEqual([]);
  // ↓ on the last row of the commit: nothing there, but a move once the new row is in.
  expect(listReducer(committed, { type: 'down' })).toBe(committed);
  expect(expected.dispatched({ type: 'down' }, true)).toBe(true);
  // A second ↓ of the same key meets the state after the first: the end, no change.
  expect(expected.dispatched({ type: 'down' }, true)).toBe(false);
});

test('a commit holds what was dispatched before it: the actions noted are not applied twice', () => {
  const expected = new ExpectedState(listReducer, { items: 1, cursor: 0 });
  expected.dispatched({ type: 'grow' }, false);
  expected.committed({ items: 2, cursor: 0 });
  expect(expected.dispatched({ type: 'down' }, true)).toBe(true);
  expected.committed({ items: 2, cursor: 1 });
  // Had the "grow" been applied again, there would be a third row to move to.
  expect(expected.dispatched({ type: 'down' }, true)).toBe(false);
});

test('actions that bring no commit are folded in batches, so a dashboard left alone for hours keeps few', () => {
  const committed: List = { items: 1, cursor: 0 };
  const expected = new ExpectedState(listReducer, committed);
  for (let i = 0; i < 1000; i++) expected.dispatched({ type: 'grow' }, false);
  calls.length = 0;
  // The key meets all 1000 rows, and only the few not folded yet are run now.
  expect(expected.dispatched({ type: 'down' }, true)).toBe(true);
  expect(calls.length).toBeLessThanOrEqual(MAX_UNAPPLIED);
  for (let i = 0; i < 1000; i++) expected.dispatched({ type: 'down' }, true);
  expect(expected.dispatched({ type: 'down' }, true)).toBe(false);
});
