// What the history's key predicates look at, for its table, its filter panel and its popup
// alike (the key line and the key handlers must agree).
import type { OfferContext } from '../refusals.js';
import { filterKey } from './history-query.js';
import { selectedRun, type HistoryScreenState } from './history-state.js';

export function historyOffer(screen: HistoryScreenState): OfferContext {
  if (screen.info) return { task: null, run: screen.info.run, filter: '' };
  // In the panel `x` clears what is applied, or else what has been picked so far.
  const filter = filterKey(screen.filters) || (screen.panel ? filterKey(screen.panel.draft) : '');
  return { task: null, run: screen.panel ? null : selectedRun(screen), filter };
}
