// Every change to the Instances screen (pure; the dashboard reducer hands these actions to
// the Instances screen in its stack).
import type { InstanceView } from '../../engine/types.js';
import { selectedInstanceIndex, type InstancesScreenState } from './instances-state.js';
import { moveIndex, type Movement } from './scroll.js';

export type InstancesAction =
  | { type: 'instances-loaded'; instances: readonly InstanceView[] }
  | { type: 'instances-failed'; message: string }
  /** `page`: the rows visible, for PgUp/PgDn. */
  | { type: 'instances-move'; movement: Movement; page: number };

const INSTANCES_ACTIONS = new Set<string>(['instances-loaded', 'instances-failed', 'instances-move']);

export const isInstancesAction = (action: { type: string }): action is InstancesAction =>
  INSTANCES_ACTIONS.has(action.type);

const same = (a: readonly InstanceView[] | null, b: readonly InstanceView[]) =>
  a !== null && JSON.stringify(a) === JSON.stringify(b);

export function instancesReducer(state: InstancesScreenState, action: InstancesAction): InstancesScreenState {
  switch (action.type) {
    case 'instances-loaded': {
      if (same(state.instances, action.instances) && state.error === null) return state;
      // The selection stays on its instance; when that one went away, on the row where it was.
      const at = selectedInstanceIndex(state);
      const stays = action.instances.some((i) => i.id === state.selectedId);
      const selectedId = stays
        ? state.selectedId
        : (action.instances[Math.min(at, action.instances.length - 1)]?.id ?? null);
      return { ...state, instances: action.instances, error: null, selectedId };
    }
    case 'instances-failed':
      return state.error === action.message ? state : { ...state, error: action.message };
    case 'instances-move': {
      const list = state.instances ?? [];
      const next = list[moveIndex(selectedInstanceIndex(state), action.movement, list.length, action.page)];
      return !next || next.id === state.selectedId ? state : { ...state, selectedId: next.id };
    }
  }
}
