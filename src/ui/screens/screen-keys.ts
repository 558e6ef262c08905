// Which keys the bottom line offers: the layer or screen that takes keys first now, and
// what its refusal predicates look at.
import type { KeyContext } from '../keymap.js';
import type { OfferContext } from '../refusals.js';
import { topScreen, type DashboardState } from '../state/dashboard-state.js';
import { historyOffer } from '../state/history-offer.js';

export function keyContextOf(state: DashboardState): KeyContext {
  if (state.confirm) return 'confirm';
  if (state.filterEditing) return 'filter';
  const top = topScreen(state);
  if (top?.kind === 'history') return top.info ? 'run-info' : top.panel ? 'history-filters' : 'history';
  return top?.kind ?? 'dashboard';
}

/** `dashboard`: what the task list offers; screens with runs of their own say so. */
export function offerOf(state: DashboardState, dashboard: OfferContext): OfferContext {
  const top = topScreen(state);
  return top?.kind === 'history' ? historyOffer(top) : dashboard;
}
