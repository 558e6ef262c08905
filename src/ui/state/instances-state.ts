// The Instances screen's state (`I`): the live instances as last read, and which one is
// selected. Changed only through instancesReducer (via the dashboard reducer).
import type { InstanceView } from '../../engine/types.js';

export interface InstancesScreenState {
  kind: 'instances';
  /** null until the first read. */
  instances: readonly InstanceView[] | null;
  error: string | null;
  /** The selected instance's id, kept across refreshes; null selects the first. */
  selectedId: string | null;
  /** Opened for the instance running a task (`w`): its id and label, whether or not it is still live. */
  wanted: { id: string; label: string } | null;
}

export function initialInstancesState(wanted: { id: string; label: string } | null = null): InstancesScreenState {
  return { kind: 'instances', instances: null, error: null, selectedId: wanted?.id ?? null, wanted };
}

/** The index of the selected instance in the list (the first when it is gone or none is chosen). */
export function selectedInstanceIndex(s: InstancesScreenState): number {
  const list = s.instances ?? [];
  const at = s.selectedId === null ? -1 : list.findIndex((i) => i.id === s.selectedId);
  return Math.max(0, at);
}

export function selectedInstance(s: InstancesScreenState): InstanceView | null {
  return s.instances?.[selectedInstanceIndex(s)] ?? null;
}

/** Opened for a task's instance that is not among the live ones (it stopped, or its heartbeat lapsed). */
export function wantedGone(s: InstancesScreenState): boolean {
  return s.wanted !== null && s.instances !== null && !s.instances.some((i) => i.id === s.wanted?.id);
}
