// The Instances screen's state through the one dashboard reducer (pure, no terminal).
import { describe, expect, test } from 'vitest';
import { dashboardReducer, type DashboardAction } from '../../../src/ui/state/dashboard-reducer.js';
import { initialDashboardState, topScreen, type DashboardState } from '../../../src/ui/state/dashboard-state.js';
import {
  initialInstancesState,
  selectedInstance,
  wantedGone,
  type InstancesScreenState,
} from '../../../src/ui/state/instances-state.js';
import { makeInstance } from '../../helpers/fake-engine.js';

const a = makeInstance();
const b = makeInstance({
  id: 'inst-b',
  label: 'olga@front-desk',
  host: 'front-desk',
  pid: 7,
  kind: 'engine',
  self: false,
  running: ['sms'],
});
const c = makeInstance({ id: 'inst-c', label: 'ivan@ws-3', host: 'ws-3', pid: 9, self: false });

const reduce = (state: DashboardState, ...actions: DashboardAction[]) => actions.reduce(dashboardReducer, state);
const screenOf = (state: DashboardState) => {
  const top = topScreen(state);
  if (top?.kind !== 'instances') throw new Error(`the Instances screen is not on top: ${top?.kind}`);
  return top;
};
const opened = (wanted: InstancesScreenState['wanted'] = null) =>
  reduce(initialDashboardState, { type: 'open', screen: initialInstancesState(wanted) });

describe('Instances screen state', () => {
  test('opens loading; the first read selects the first instance', () => {
    const state = opened();
    expect(screenOf(state)).toMatchObject({ kind: 'instances', instances: null, error: null, selectedId: null });
    expect(selectedInstance(screenOf(state))).toBeNull();
    const loaded = reduce(state, { type: 'instances-loaded', instances: [a, b, c] });
    expect(selectedInstance(screenOf(loaded))?.id).toBe('inst-a');
  });

  test('opened for the instance running a task (w): that one is selected', () => {
    const state = reduce(opened({ id: 'inst-b', label: 'olga@front-desk' }), {
      type: 'instances-loaded',
      instances: [a, b, c],
    });
    expect(selectedInstance(screenOf(state))?.id).toBe('inst-b');
    expect(wantedGone(screenOf(state))).toBe(false);
  });

  test('opened for an instance that is no longer live: the first is selected and the screen says the wanted one is gone', () => {
    const state = reduce(opened({ id: 'inst-x', label: 'max@gone' }), { type: 'instances-loaded', instances: [a, b] });
    expect(selectedInstance(screenOf(state))?.id).toBe('inst-a');
    expect(wantedGone(screenOf(state))).toBe(true);
  });

  test('moving: ↓ ↑ End Home PgDn, never past the ends', () => {
    let state = reduce(opened(), { type: 'instances-loaded', instances: [a, b, c] });
    const at = () => selectedInstance(screenOf(state))?.id;
    state = reduce(state, { type: 'instances-move', movement: 'down', page: 2 });
    expect(at()).toBe('inst-b');
    state = reduce(
      state,
      { type: 'instances-move', movement: 'last', page: 2 },
      { type: 'instances-move', movement: 'down', page: 2 },
    );
    expect(at()).toBe('inst-c');
    state = reduce(
      state,
      { type: 'instances-move', movement: 'first', page: 2 },
      { type: 'instances-move', movement: 'up', page: 2 },
    );
    expect(at()).toBe('inst-a');
    state = reduce(state, { type: 'instances-move', movement: 'page-down', page: 3 });
    expect(at()).toBe('inst-c');
  });

  test('a refresh keeps the selection on its instance even when rows move', () => {
    let state = reduce(
      opened(),
      { type: 'instances-loaded', instances: [a, b, c] },
      { type: 'instances-move', movement: 'down', page: 2 },
    );
    state = reduce(state, { type: 'instances-loaded', instances: [c, b] });
    expect(selectedInstance(screenOf(state))?.id).toBe('inst-b');
  });

  test('when the selected instance goes away (its lease lapsed), the selection stays on its row', () => {
    let state = reduce(
      opened(),
      { type: 'instances-loaded', instances: [a, b, c] },
      { type: 'instances-move', movement: 'down', page: 2 },
    );
    state = reduce(state, { type: 'instances-loaded', instances: [a, c] });
    expect(selectedInstance(screenOf(state))?.id).toBe('inst-c');
    state = reduce(state, { type: 'instances-loaded', instances: [] });
    expect(selectedInstance(screenOf(state))).toBeNull();
  });

  test('an identical read changes nothing (no re-render); a failed read says why and keeps the list', () => {
    const state = reduce(opened(), { type: 'instances-loaded', instances: [a, b] });
    expect(reduce(state, { type: 'instances-loaded', instances: structuredClone([a, b]) })).toBe(state);
    const failed = reduce(state, { type: 'instances-failed', message: 'database is locked' });
    expect(screenOf(failed)).toMatchObject({ error: 'database is locked', instances: [a, b] });
    expect(screenOf(reduce(failed, { type: 'instances-loaded', instances: [a, b] })).error).toBeNull();
  });

  test('actions reach the Instances screen under the help opened from it, and nothing else', () => {
    const withHelp = reduce(opened(), { type: 'open', screen: { kind: 'help', scroll: 0 } });
    const loaded = reduce(withHelp, { type: 'instances-loaded', instances: [a] });
    expect(loaded.screens[0]).toMatchObject({ kind: 'instances', instances: [a] });
    expect(loaded.screens[1]).toBe(withHelp.screens[1]);
    expect(reduce(initialDashboardState, { type: 'instances-loaded', instances: [a] })).toBe(initialDashboardState);
    expect(reduce(loaded, { type: 'back' }, { type: 'back' }).screens).toEqual([]);
  });
});
